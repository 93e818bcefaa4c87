"""Metering: which workspace is paying for the cloud work running now, and its budget.

The jobs layer opens a :func:`metered` scope around a video's AI steps; every cloud plugin then
calls :func:`check_budget` before starting paid work and :func:`record_usage` after it. Outside
a scope (CLI experiments, tests) nothing is checked or recorded. A context variable carries the
scope, so concurrent jobs in one worker never mix their bills.

A check that passes holds its estimate (``spend_holds``, :mod:`studio.ai.ledger_db`) in the
same transaction, serialised per workspace, so steps checking at once in several workers are
allowed no more, together, than the limit; the hold goes when the usage is recorded or the
scope ends.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from studio.ai.budget import UsageEntry, UsageLedger
from studio.usage_kinds import UsageKind

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UsageScope:
    workspace_id: str
    ledger: UsageLedger
    budget: Decimal | None = None
    currency: str = "USD"
    video_id: str | None = None
    since: dt.datetime | None = None  # count spending from here (e.g. the month's start)
    # further limits on this work, each called as ``limit(estimate, currency)`` before paid
    # work and raising BudgetExceeded to refuse it (e.g. the autopilot's daily AI-spend cap);
    # one that holds the estimate holds it under this scope's ``hold`` key
    limits: tuple[Callable[[Decimal, str], None], ...] = ()
    # the key of what this work holds under the limits (from a passed check until its usage
    # is recorded or the scope ends), the job it runs for, and how long a hold outlives a
    # worker killed before it could drop it
    hold: str = ""
    job_id: int | None = None
    hold_seconds: float = 0.0


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


# a hold a killed worker left behind stops counting after this long, unless the caller says
# (the AI steps: the ai queue's hard time limit, past which no step is still running)
HOLD_SECONDS = 3600.0


@contextlib.contextmanager
def metered(workspace_id: str, *, ledger: UsageLedger, budget: Decimal | None = None,
            currency: str = "USD", video_id: str | None = None,
            since: dt.datetime | None = None,
            limits: tuple[Callable[[Decimal, str], None], ...] = (),
            hold: str | None = None, job_id: int | None = None,
            hold_seconds: float = HOLD_SECONDS) -> Iterator[UsageScope]:
    """Bill the cloud work inside the block to ``workspace_id``; refuse it past ``budget``
    or past any of ``limits``. What a passed check holds is dropped when the block ends
    (whichever way), at the latest."""
    scope = UsageScope(workspace_id, ledger, budget, currency, video_id, since, limits,
                       hold or uuid.uuid4().hex, job_id, hold_seconds)
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)
        try:
            if budget is not None or limits:  # nothing else holds anything
                ledger.release(scope.hold)
        except Exception:  # the hold expires anyway; the step's own outcome matters more
            log.warning("could not drop the spending hold %s; it lapses in %.0f s",
                        scope.hold, hold_seconds, exc_info=True)


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
    # checked and held in one step: a concurrent step's check counts this estimate
    scope.ledger.hold(scope.workspace_id, key=scope.hold, budget=scope.budget,
                      estimate=estimate if same else Decimal("0"), currency=scope.currency,
                      seconds=scope.hold_seconds, since=scope.since,
                      video_id=scope.video_id, job_id=scope.job_id)


def record_usage(*, provider: str, model: str, kind: UsageKind, quantity: Decimal | int | float,
                 cost: Decimal, currency: str = "USD") -> None:
    scope = _scope.get()
    if scope is None:
        return
    scope.ledger.add(UsageEntry(
        workspace_id=scope.workspace_id, provider=provider, model=model, kind=kind,
        quantity=Decimal(str(quantity)), cost=cost, currency=currency, video_id=scope.video_id,
    ), release=scope.hold)  # recorded: counted from the record, no longer from the hold
