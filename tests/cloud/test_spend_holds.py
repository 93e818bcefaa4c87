"""Two AI steps checking a spending limit at once (two workers) are never both allowed past it:
a passed check holds the step's estimate, in the same transaction and one workspace check at a
time, until the step's usage is recorded or the step ends; a hold a killed worker left behind
lapses. On SQLite and on PostgreSQL.

The races are made deterministic with a barrier right after each step's check (passed or
refused): neither step pays before both have checked, which is how two workers interleave
when nothing holds the first one's estimate — both passed, both paid."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from studio.ai.budget import BudgetExceeded
from studio.ai.ledger_db import DbUsageLedger
from studio.ai.usage import check_budget, metered, record_usage
from studio.config import Settings
from studio.db import AutopilotSettings, SpendHold, UsageRecord, session_scope
from studio.db.types import utcnow
from studio.events import record_event
from studio.services.autopilot_caps import REQUESTED, spend_cap
from tests.db.factories import make_video, make_workspace

BUDGET_REFUSAL = ("Cloud AI budget reached for this workspace: spent 0.60 USD of 1.00 USD, "
                  "this job would cost about 0.60 USD. Raise the budget in workspace settings "
                  "or use the local template generator, which costs nothing.")
CAP_REFUSAL = ("not made today: the autopilot's videos spent 0.60 USD on AI today, and its "
               "daily cap is 1.00 USD; this video's AI step would cost about 0.60 USD more")


def _shop(*, cap: str | None = None) -> tuple[int, list[int]]:
    """A workspace with two videos the autopilot asked for today (and its cap, if given)."""
    with session_scope() as session:
        shop = make_workspace(session, f"shop-{uuid.uuid4().hex[:8]}")
        videos = [make_video(session, shop).id for _ in range(2)]
        for video in videos:
            record_event(session, workspace_id=shop.id, type=REQUESTED,
                         subject_type="autopilot", subject_id=shop.id,
                         payload={"video_id": video})
        if cap is not None:
            session.add(AutopilotSettings(workspace_id=shop.id,
                                          max_ai_spend_per_day=Decimal(cap)))
        return shop.id, videos


def _race(step: Callable[[int, Callable[[], None]], None]) -> list[str]:
    """``step(i, checked)`` in two threads, each on its own database connection, as two
    workers; each calls ``checked()`` right after its check passed, then pays. What each got:
    "paid" or the refusal's words."""
    barrier = threading.Barrier(2, timeout=60)
    outcomes = ["", ""]

    def run(i: int) -> None:
        met = False

        def checked() -> None:
            nonlocal met
            met = True
            barrier.wait()  # the other step has checked too before this one pays

        try:
            step(i, checked)
            outcomes[i] = "paid"
        except BudgetExceeded as exc:
            outcomes[i] = str(exc)
        except BaseException as exc:  # pragma: no cover - shown in the assertion
            outcomes[i] = f"error: {exc!r}"
        finally:
            if not met:
                barrier.wait()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    return outcomes


def _cloud_spend(workspace_id: int) -> Decimal:
    with session_scope() as session:
        return Decimal(str(session.scalar(select(func.coalesce(func.sum(UsageRecord.cost), 0))
                                          .where(UsageRecord.workspace_id == workspace_id))))


def _holds(workspace_id: int) -> list[tuple[str, Decimal]]:
    with session_scope() as session:
        return [(h.against, h.amount) for h in session.scalars(
            select(SpendHold).where(SpendHold.workspace_id == workspace_id))]


def _pay(cost: str) -> None:
    record_usage(provider="sora", model="sora-2", kind="ai_seconds", quantity=6,
                 cost=Decimal(cost))


def test_two_steps_at_once_never_pass_the_budget_together(studio_home_db: Settings) -> None:
    shop, videos = _shop()

    def step(i: int, checked: Callable[[], None]) -> None:
        with metered(str(shop), ledger=DbUsageLedger(), budget=Decimal("1.00"),
                     video_id=str(videos[i])):
            check_budget(Decimal("0.60"))  # what the Sora plugin does before paying
            checked()
            _pay("0.60")

    outcomes = _race(step)

    assert sorted(outcomes) == sorted(["paid", BUDGET_REFUSAL]), outcomes
    assert _cloud_spend(shop) == Decimal("0.60")  # 1.20 on the old check
    assert _holds(shop) == []  # the payer's hold went with its usage record


def test_two_autopilot_steps_at_once_never_pass_its_daily_cap(studio_home_db: Settings
                                                              ) -> None:
    shop, videos = _shop(cap="1.00")

    def step(i: int, checked: Callable[[], None]) -> None:
        key = uuid.uuid4().hex
        cap = spend_cap(shop, videos[i], hold=key, hold_seconds=3600)
        with metered(str(shop), ledger=DbUsageLedger(), video_id=str(videos[i]),
                     limits=(cap,), hold=key):
            check_budget(Decimal("0.60"), "USD")
            checked()
            _pay("0.60")

    outcomes = _race(step)

    assert sorted(outcomes) == sorted(["paid", CAP_REFUSAL]), outcomes
    assert _cloud_spend(shop) == Decimal("0.60")
    assert _holds(shop) == []
    with session_scope() as session:  # the refusal is in the autopilot's log, as before
        from studio.db import Event

        skipped = session.scalars(select(Event.payload).where(
            Event.type == "autopilot.skipped")).all()
    assert [p["reason"] for p in skipped] == [CAP_REFUSAL]


def test_a_check_waits_for_the_workspaces_check_in_progress(studio_home_db: Settings
                                                             ) -> None:
    # the serialisation itself, inside the check: a step whose check has held its estimate
    # but not yet committed keeps the workspace's next check waiting (PostgreSQL: the
    # advisory lock; SQLite: the write lock the hold took first), which then counts it
    from studio.ai.ledger_db import place_hold

    shop, _ = _shop()
    inside, done = threading.Event(), threading.Event()

    def first() -> None:
        with session_scope() as session:
            place_hold(session, shop, key="first", against="budget", amount=Decimal("0.60"),
                       currency="USD", seconds=60)
            inside.set()
            done.wait(30)

    outcome: list[str] = []

    def second() -> None:
        try:
            _check(shop, "0.60")
            outcome.append("paid")
        except BudgetExceeded as exc:
            outcome.append(str(exc))

    holder = threading.Thread(target=first)
    holder.start()
    assert inside.wait(30)
    checker = threading.Thread(target=second)
    checker.start()
    checker.join(0.5)
    waited = checker.is_alive()  # without the lock it saw nothing held and passed at once
    done.set()
    holder.join(30)
    checker.join(30)
    assert waited and outcome == [BUDGET_REFUSAL], outcome


def _check(shop: int, estimate: str, **scope: Any) -> None:
    with metered(str(shop), ledger=DbUsageLedger(), budget=Decimal("1.00"), **scope):
        check_budget(Decimal(estimate))


def test_a_hold_goes_when_the_step_records_its_usage(studio_home_db: Settings) -> None:
    shop, _ = _shop()
    with metered(str(shop), ledger=DbUsageLedger(), budget=Decimal("1.00")) as scope:
        check_budget(Decimal("0.60"))
        assert _holds(shop) == [("budget", Decimal("0.60"))]
        with pytest.raises(BudgetExceeded, match="spent 0.60 USD of 1.00 USD"):
            _check(shop, "0.60")  # another step meanwhile: this one's 0.60 is taken
        _pay("0.55")  # the real cost replaces the estimate
        assert _holds(shop) == []
        assert scope.hold  # the same scope may check again for its next call
    _check(shop, "0.45")  # 0.55 + 0.45 = 1.00 fits


def test_a_hold_goes_when_the_step_fails(studio_home_db: Settings) -> None:
    shop, _ = _shop(cap="1.00")
    with pytest.raises(RuntimeError, match="provider down"), \
            metered(str(shop), ledger=DbUsageLedger(), budget=Decimal("1.00")):
        check_budget(Decimal("0.60"))
        raise RuntimeError("provider down")  # nothing recorded: nothing was paid
    assert _holds(shop) == []
    _check(shop, "1.00")


def test_the_autopilot_caps_hold_goes_with_the_steps_end(studio_home_db: Settings) -> None:
    shop, videos = _shop(cap="1.00")
    key = uuid.uuid4().hex
    cap = spend_cap(shop, videos[0], hold=key, hold_seconds=3600)
    with pytest.raises(RuntimeError), metered(str(shop), ledger=DbUsageLedger(record=False),
                                              limits=(cap,), hold=key):
        check_budget(Decimal("0.60"), "USD")
        assert _holds(shop) == [("autopilot_cap", Decimal("0.60"))]
        raise RuntimeError("the clip could not be stored")
    assert _holds(shop) == []


def test_a_hold_left_by_a_killed_worker_lapses(studio_home_db: Settings) -> None:
    shop, videos = _shop()
    with session_scope() as session:
        # a worker was killed between its check and its record: nothing dropped its hold
        session.add(SpendHold(workspace_id=shop, key="killed", against="budget",
                              amount=Decimal("0.60"), currency="USD", video_id=videos[0],
                              expires_at=utcnow() + dt.timedelta(minutes=5)))
    with pytest.raises(BudgetExceeded, match="spent 0.60 USD of 1.00 USD"):
        _check(shop, "0.60")  # still live: it counts
    with session_scope() as session:
        session.get_one(SpendHold, session.scalar(select(SpendHold.id))).expires_at = (
            utcnow() - dt.timedelta(seconds=1))
    _check(shop, "0.60")  # lapsed: the seller is not blocked by it any more


def test_a_job_sent_again_replaces_its_lost_attempts_hold(studio_home_db: Settings) -> None:
    from studio.db import Job

    shop, videos = _shop()
    with session_scope() as session:
        job = Job(workspace_id=shop, kind="render", video_id=videos[0])
        session.add(job)
        session.flush()
        job_id = job.id
        session.add(SpendHold(workspace_id=shop, key="lost-attempt", against="budget",
                              amount=Decimal("0.60"), currency="USD", job_id=job_id,
                              expires_at=utcnow() + dt.timedelta(minutes=40)))
    # the same job's new attempt: its lost worker's 0.60 is not counted against it
    with metered(str(shop), ledger=DbUsageLedger(), budget=Decimal("1.00"), job_id=job_id):
        check_budget(Decimal("0.60"))
        assert _holds(shop) == [("budget", Decimal("0.60"))]


def test_holds_are_not_usage(studio_home_db: Settings) -> None:
    # a hold never shows in what the seller is billed for
    from studio.usage import usage_summary

    shop, _ = _shop()
    with metered(str(shop), ledger=DbUsageLedger(), budget=Decimal("1.00")):
        check_budget(Decimal("0.60"))
        with session_scope() as session:
            assert usage_summary(session, shop) == []
        assert _holds(shop) == [("budget", Decimal("0.60"))]
