"""Usage entries and the per-workspace budget check for cloud work.

The studio's database keeps usage records (``studio.db``); this module only needs something
that can add an entry and total what a workspace spent, so it is written against the small
:class:`UsageLedger` protocol. :class:`InMemoryUsageLedger` serves tests and single runs; the
DB-backed ledger implements the same two methods.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from studio.contracts import PluginError
from studio.usage_kinds import UsageKind, check_kind


@dataclass(frozen=True)
class UsageEntry:
    """One billable cloud call: seconds of video (``ai_seconds``) or tokens (``ai_tokens``),
    in the studio's one usage vocabulary (:mod:`studio.usage_kinds`), and what it cost."""

    workspace_id: str
    provider: str
    model: str
    kind: UsageKind
    quantity: Decimal
    cost: Decimal
    currency: str = "USD"
    video_id: str | None = None
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def __post_init__(self) -> None:
        check_kind(self.kind)  # an unknown kind fails where it is written, in any ledger


class BudgetExceeded(PluginError):
    """New cloud work was refused because the workspace budget is spent."""


class UsageLedger(Protocol):
    def add(self, entry: UsageEntry) -> None: ...

    def spent(self, workspace_id: str, currency: str, since: dt.datetime | None = None) -> Decimal:
        ...


class InMemoryUsageLedger:
    def __init__(self) -> None:
        self.entries: list[UsageEntry] = []
        self._lock = threading.Lock()

    def add(self, entry: UsageEntry) -> None:
        with self._lock:
            self.entries.append(entry)

    def spent(self, workspace_id: str, currency: str, since: dt.datetime | None = None) -> Decimal:
        with self._lock:
            return sum(
                (
                    e.cost
                    for e in self.entries
                    if e.workspace_id == workspace_id
                    and e.currency == currency
                    and (since is None or e.at >= since)
                ),
                Decimal("0"),
            )


def ensure_within_budget(
    ledger: UsageLedger,
    workspace_id: str,
    *,
    budget: Decimal | None,
    estimate: Decimal = Decimal("0"),
    currency: str = "USD",
    since: dt.datetime | None = None,
) -> Decimal:
    """Refuse new cloud work once spent + estimate would pass ``budget``; return what is left.

    ``budget=None`` means no limit. Spending in another currency is not counted against this
    budget (currencies are never summed silently).
    """
    spent = ledger.spent(workspace_id, currency, since)
    if budget is None:
        return Decimal("Infinity")
    left = budget - spent
    if spent >= budget or spent + estimate > budget:
        raise BudgetExceeded(
            f"Cloud AI budget reached for this workspace: spent {spent:.2f} {currency} of "
            f"{budget:.2f} {currency}"
            + (f", this job would cost about {estimate:.2f} {currency}" if estimate else "")
            + ". Raise the budget in workspace settings or use the local template generator,"
            " which costs nothing.",
            transient=False,
        )
    return left
