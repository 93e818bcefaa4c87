"""The budget check on the studio database: cloud spending recorded by one job stops the next."""

from __future__ import annotations

from decimal import Decimal

import pytest

from studio.ai.budget import BudgetExceeded, UsageEntry, ensure_within_budget
from studio.ai.ledger_db import DbUsageLedger
from studio.auth import create_workspace
from studio.db import session_scope
from studio.usage import record_usage, usage_summary


def test_db_ledger_counts_cloud_spend_of_one_workspace(sqlite_url: str) -> None:
    with session_scope(sqlite_url) as session:
        shop = create_workspace(session=session, name="Shop A").id
        other = create_workspace(session=session, name="Shop B").id
        # render time is not cloud work; another workspace's spend is not ours
        record_usage(session, workspace_id=shop, kind="render_seconds", quantity=30,
                     cost=Decimal("5"))
        record_usage(session, workspace_id=other, kind="ai_seconds", quantity=8,
                     cost=Decimal("9"), provider="sora")
    ledger = DbUsageLedger(sqlite_url)
    ledger.add(UsageEntry(str(shop), "openai", "sora-2", "ai_seconds", Decimal(8),
                          Decimal("0.80")))
    ledger.add(UsageEntry(str(shop), "google", "gemini-2.5-flash", "ai_tokens", Decimal(2500),
                          Decimal("0.0012")))
    assert ledger.spent(str(shop), "USD") == Decimal("0.8012")
    # stored under the kinds they were recorded with: one vocabulary, nothing translated
    with session_scope(sqlite_url) as session:
        stored = {(line.kind, line.unit) for line in usage_summary(session, shop)}
    assert stored == {("render_seconds", "seconds"), ("ai_seconds", "seconds"),
                      ("ai_tokens", "tokens")}
    assert ensure_within_budget(ledger, str(shop), budget=Decimal("1")) == Decimal("0.1988")
    with pytest.raises(BudgetExceeded):
        ensure_within_budget(ledger, str(shop), budget=Decimal("1"), estimate=Decimal("0.4"))
    assert DbUsageLedger(sqlite_url, record=False).spent(str(other), "USD") == Decimal("9")


def test_budget_counts_from_the_period_start(sqlite_url: str) -> None:
    import datetime as dt

    from studio.ai.usage import check_budget, metered

    with session_scope(sqlite_url) as session:
        shop = create_workspace(session=session, name="Shop C").id
        record_usage(session, workspace_id=shop, kind="ai_seconds", quantity=8,
                     cost=Decimal("9"), provider="sora")
    ledger = DbUsageLedger(sqlite_url)
    with metered(str(shop), ledger=ledger, budget=Decimal("5")), \
            pytest.raises(BudgetExceeded, match="spent 9.00 USD of 5.00 USD"):
        check_budget(Decimal("0.1"))
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    with metered(str(shop), ledger=ledger, budget=Decimal("5"), since=tomorrow):
        check_budget(Decimal("0.1"))  # a new period: last period's spend does not count


def test_a_usage_kind_outside_the_vocabulary_is_refused_where_it_is_written() -> None:
    # the AI metering's old names, which the database never knew
    for old in ("video_seconds", "tokens"):
        with pytest.raises(ValueError, match="usage kind .* is unknown; use one of "
                                             "render_seconds, output_seconds, ai_seconds"):
            UsageEntry("1", "openai", "sora-2", old, Decimal(8), Decimal("0.8"))  # type: ignore[arg-type]
