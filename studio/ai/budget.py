"""Usage entries and the per-workspace budget check for cloud work.

The studio's database keeps usage records (``studio.db``); this module only needs something
that can add an entry and total what a workspace spent, so it is written against the small
:class:`UsageLedger` protocol. :class:`InMemoryUsageLedger` serves tests and single runs; the
DB-backed ledger implements the same methods.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
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
    """Where usage goes and what was spent; ``hold`` is the budget check that also reserves
    the step's estimate (atomically: two steps checking at once never both pass a budget
    that fits one), ``release`` drops a step's holds, ``add(..., release=key)`` records
    usage and drops the step's holds together."""

    def add(self, entry: UsageEntry, *, release: str | None = None) -> None: ...

    def spent(self, workspace_id: str, currency: str, since: dt.datetime | None = None) -> Decimal:
        ...

    def hold(self, workspace_id: str, *, key: str, budget: Decimal, estimate: Decimal,
             currency: str, seconds: float, since: dt.datetime | None = None,
             video_id: str | None = None, job_id: int | None = None) -> Decimal: ...

    def release(self, key: str) -> None: ...


class InMemoryUsageLedger:
    def __init__(self) -> None:
        self.entries: list[UsageEntry] = []
        # a step's key -> (workspace, amount, currency, expires); one process, one lock
        self.holds: dict[str, tuple[str, Decimal, str, float]] = {}
        self._lock = threading.Lock()

    def add(self, entry: UsageEntry, *, release: str | None = None) -> None:
        with self._lock:
            self.entries.append(entry)
            self.holds.pop(release or "", None)

    def spent(self, workspace_id: str, currency: str, since: dt.datetime | None = None) -> Decimal:
        with self._lock:
            return self._spent(workspace_id, currency, since)

    def hold(self, workspace_id: str, *, key: str, budget: Decimal, estimate: Decimal,
             currency: str, seconds: float, since: dt.datetime | None = None,
             video_id: str | None = None, job_id: int | None = None) -> Decimal:
        with self._lock:
            now = time.monotonic()
            spent = self._spent(workspace_id, currency, since) + sum(
                (amount for other, (ws, amount, money, expires) in self.holds.items()
                 if other != key and ws == workspace_id and money == currency
                 and expires > now), Decimal("0"))
            refusal = budget_refusal(spent, budget, estimate, currency)
            if refusal is not None:
                raise refusal
            self.holds[key] = (workspace_id, estimate, currency, now + seconds)
            return budget - spent

    def release(self, key: str) -> None:
        with self._lock:
            self.holds.pop(key, None)

    def _spent(self, workspace_id: str, currency: str, since: dt.datetime | None) -> Decimal:
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
    refusal = budget_refusal(spent, budget, estimate, currency)
    if refusal is not None:
        raise refusal
    return budget - spent


def budget_refusal(spent: Decimal, budget: Decimal, estimate: Decimal,
                   currency: str) -> BudgetExceeded | None:
    """The refusal when ``spent`` + ``estimate`` would pass ``budget`` (None: it fits)."""
    if fits(spent, budget, estimate):
        return None
    return BudgetExceeded(
        f"Cloud AI budget reached for this workspace: spent {spent:.2f} {currency} of "
        f"{budget:.2f} {currency}"
        + (f", this job would cost about {estimate:.2f} {currency}" if estimate else "")
        + ". Raise the budget in workspace settings or use the local template generator,"
        " which costs nothing.",
        transient=False,
    )


def fits(spent: Decimal, limit: Decimal, estimate: Decimal) -> bool:
    """The rule of every spending limit (the budget, the autopilot's daily cap): room is left
    (a limit reached refuses even free work) and the estimate does not pass it."""
    return spent < limit and spent + estimate <= limit
