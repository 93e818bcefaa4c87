"""The usage ledger on the studio database (``usage_records``), for the budget check, and the
holds that make a check and the commitment to spend one step (``spend_holds``).

Entries are stored with their own kind (one vocabulary, :mod:`studio.usage_kinds`), and only
cloud-AI spending counts against the budget (renders on the seller's own machines are not
"cloud work"). ``record=False`` makes a read-only ledger for callers that
record usage themselves and only want the budget check. With ``session`` the ledger reads and
writes in that session's transaction (a submission calling an AI service inside its own
transaction: a second connection would wait on SQLite's write lock).

Holds: a step whose check passes reserves its estimate in the check's own transaction
(:func:`place_hold`, serialised per workspace), and every check counts recorded spend plus the
other steps' live holds, so two workers checking at once cannot both pass a limit that fits
one of them. A hold goes when its step's usage is recorded (same transaction) or the step
ends; one a killed worker left behind stops counting at its ``expires_at``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, or_, select, text
from sqlalchemy.orm import Session

from studio.ai.budget import UsageEntry, budget_refusal
from studio.usage_kinds import CLOUD_KINDS

# advisory-lock namespace for "a spending check of this workspace is running" (any int4)
_SPEND_LOCK = 0x5350454E


def place_hold(session: Session, workspace_id: int, *, key: str, against: str,
               amount: Decimal, currency: str, seconds: float, video_id: int | None = None,
               job_id: int | None = None) -> None:
    """Reserve ``amount`` for the step ``key`` under the limit ``against`` (replacing its
    earlier hold there, and an earlier attempt's of the same job: a job runs one attempt).

    Call it first in the check's transaction: it makes the check the workspace's only one
    until the commit. PostgreSQL: an advisory lock per workspace. SQLite: the DELETE below is
    a write, so it takes the database's one write lock before anything is read (a read first
    would let another check commit in between); sums read after it see every committed hold
    and usage row."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:namespace, :key)"),
                        {"namespace": _SPEND_LOCK, "key": workspace_id % 2_147_483_647})
    from studio.db import SpendHold
    from studio.db.types import utcnow

    now = utcnow()
    mine = SpendHold.key == key
    if job_id is not None:
        mine = or_(mine, SpendHold.job_id == job_id)
    session.execute(delete(SpendHold).where(
        SpendHold.workspace_id == workspace_id,
        or_(SpendHold.expires_at <= now, (SpendHold.against == against) & mine)))
    session.add(SpendHold(workspace_id=workspace_id, key=key, against=against, amount=amount,
                          currency=currency, video_id=video_id, job_id=job_id, created_at=now,
                          expires_at=now + dt.timedelta(seconds=seconds)))
    session.flush()


def held(session: Session, workspace_id: int, against: str, currency: str, *, besides: str,
         video_ids: Sequence[int] | None = None) -> Decimal:
    """What the other steps' live holds under ``against`` keep back (``besides``: this step's
    key; ``video_ids``: only those videos' holds)."""
    from studio.db import SpendHold
    from studio.db.types import utcnow

    query = select(func.coalesce(func.sum(SpendHold.amount), 0)).where(
        SpendHold.workspace_id == workspace_id, SpendHold.against == against,
        SpendHold.currency == currency, SpendHold.key != besides,
        SpendHold.expires_at > utcnow())
    if video_ids is not None:
        query = query.where(SpendHold.video_id.in_(list(video_ids)))
    return Decimal(str(session.execute(query).scalar_one()))


def drop_holds(session: Session, key: str, against: str | None = None) -> None:
    """The step ``key`` spends nothing more (under ``against``, or under any limit)."""
    from studio.db import SpendHold

    query = delete(SpendHold).where(SpendHold.key == key)
    if against is not None:
        query = query.where(SpendHold.against == against)
    session.execute(query)


class DbUsageLedger:
    def __init__(self, url: str | None = None, *, record: bool = True,
                 session: Session | None = None) -> None:
        self.url = url
        self.record = record
        self.session = session

    def _session(self) -> Any:
        from studio.db import session_scope

        if self.session is not None:
            return contextlib.nullcontext(self.session)
        return session_scope(self.url)

    def add(self, entry: UsageEntry, *, release: str | None = None) -> None:
        """Record ``entry`` and drop the hold ``release`` in the same transaction (its spend
        is counted from the record now). ``record=False``: neither; the caller records the
        usage and drops the hold with it."""
        if not self.record:
            return
        from studio.usage import record_usage

        with self._session() as session:
            record_usage(
                session, workspace_id=int(entry.workspace_id),
                kind=entry.kind, quantity=entry.quantity,
                video_id=int(entry.video_id) if entry.video_id else None,
                cost=entry.cost, currency=entry.currency, provider=entry.provider,
            )
            if release:
                drop_holds(session, release)

    def spent(self, workspace_id: str, currency: str, since: dt.datetime | None = None) -> Decimal:
        with self._session() as session:
            return self._spent(session, int(workspace_id), currency, since)

    @staticmethod
    def _spent(session: Session, workspace_id: int, currency: str,
               since: dt.datetime | None) -> Decimal:
        from studio.db import UsageRecord

        query = select(func.coalesce(func.sum(UsageRecord.cost), 0)).where(
            UsageRecord.workspace_id == workspace_id,
            UsageRecord.currency == currency,
            UsageRecord.kind.in_(CLOUD_KINDS),
        )
        if since is not None:
            query = query.where(UsageRecord.created_at >= since)
        return Decimal(str(session.execute(query).scalar_one()))

    def hold(self, workspace_id: str, *, key: str, budget: Decimal, estimate: Decimal,
             currency: str, seconds: float, since: dt.datetime | None = None,
             video_id: str | None = None, job_id: int | None = None) -> Decimal:
        """The budget check, atomic with reserving ``estimate`` for the step ``key``: refuse
        (:class:`~studio.ai.budget.BudgetExceeded`) once recorded spend + other steps' holds
        + ``estimate`` would pass ``budget``; otherwise hold it and return what was left."""
        workspace = int(workspace_id)
        with self._session() as session:
            place_hold(session, workspace, key=key, against="budget", amount=estimate,
                       currency=currency, seconds=seconds, job_id=job_id,
                       video_id=int(video_id) if video_id else None)
            # what other steps hold is as good as spent: they passed with it
            spent = (self._spent(session, workspace, currency, since)
                     + held(session, workspace, "budget", currency, besides=key))
            refusal = budget_refusal(spent, budget, estimate, currency)
            if refusal is not None:
                drop_holds(session, key, "budget")  # refused work reserves nothing
                raise refusal
        return budget - spent

    def release(self, key: str) -> None:
        with self._session() as session:
            drop_holds(session, key)
