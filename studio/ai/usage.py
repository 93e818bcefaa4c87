"""Metering: which workspace is paying for the cloud work running now, and its budget.

The jobs layer opens a :func:`metered` scope around a video's AI steps; every cloud plugin then
calls :func:`check_budget` before starting paid work and :func:`record_usage` after it. Outside
a scope (CLI experiments, tests) nothing is checked or recorded. A context variable carries the
scope, so concurrent jobs in one worker never mix their bills.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from studio.ai.budget import UsageEntry, UsageLedger, ensure_within_budget
from studio.usage_kinds import UsageKind


@dataclass(frozen=True)
class UsageScope:
    workspace_id: str
    ledger: UsageLedger
    budget: Decimal | None = None
    currency: str = "USD"
    video_id: str | None = None
    since: dt.datetime | None = None  # count spending from here (e.g. the month's start)
    # further limits on this work, each called as ``limit(estimate, currency)`` before paid
    # work and raising BudgetExceeded to refuse it (e.g. the autopilot's daily AI-spend cap)
    limits: tuple[Callable[[Decimal, str], None], ...] = ()


_scope: ContextVar[UsageScope | None] = ContextVar("studio_usage_scope", default=None)


def default_budget() -> Decimal | None:
    """``STUDIO_AI_BUDGET`` (e.g. ``25.00``, in ``STUDIO_AI_BUDGET_CURRENCY``, default USD):
    the cloud-AI budget of a workspace that has none of its own; unset means no limit."""
    raw = os.environ.get("STUDIO_AI_BUDGET", "").strip()
    if not raw:
        return None
    try:
        return Decimal(raw)
    except ArithmeticError:
        raise ValueError(f"STUDIO_AI_BUDGET={raw!r} is not an amount such as 25.00") from None


@contextlib.contextmanager
def metered(workspace_id: str, *, ledger: UsageLedger, budget: Decimal | None = None,
            currency: str = "USD", video_id: str | None = None,
            since: dt.datetime | None = None,
            limits: tuple[Callable[[Decimal, str], None], ...] = ()) -> Iterator[UsageScope]:
    """Bill the cloud work inside the block to ``workspace_id``; refuse it past ``budget``
    or past any of ``limits``."""
    scope = UsageScope(workspace_id, ledger, budget, currency, video_id, since, limits)
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def current_scope() -> UsageScope | None:
    return _scope.get()


def check_budget(estimate: Decimal = Decimal("0"), currency: str = "USD") -> None:
    """Raise :class:`~studio.ai.budget.BudgetExceeded` if the workspace cannot afford this."""
    scope = _scope.get()
    if scope is None:
        return
    for limit in scope.limits:
        limit(estimate, currency)
    if scope.budget is None:
        return
    same = currency == scope.currency
    ensure_within_budget(scope.ledger, scope.workspace_id, budget=scope.budget,
                         estimate=estimate if same else Decimal("0"), currency=scope.currency,
                         since=scope.since)


def record_usage(*, provider: str, model: str, kind: UsageKind, quantity: Decimal | int | float,
                 cost: Decimal, currency: str = "USD") -> None:
    scope = _scope.get()
    if scope is None:
        return
    scope.ledger.add(UsageEntry(
        workspace_id=scope.workspace_id, provider=provider, model=model, kind=kind,
        quantity=Decimal(str(quantity)), cost=cost, currency=currency, video_id=scope.video_id,
    ))
