"""Usage records: what each video cost to make, per workspace and per video.

Kinds (:mod:`studio.usage_kinds`, the one vocabulary): ``render_seconds`` (wall time of the
local render), ``output_seconds`` (length of the video delivered), ``ai_seconds`` (seconds of
AI video generated) and ``ai_tokens`` (tokens of AI answers) with the provider's cost.
A render's cost is an estimate from the CPU time it used; set
``STUDIO_RENDER_COST_PER_HOUR`` (USD per render-hour, default 0.05) to your machines' price.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.db import UsageRecord
from studio.usage_kinds import check_kind, unit_of

DEFAULT_RENDER_COST_PER_HOUR = Decimal("0.05")


def render_cost_per_second() -> Decimal:
    raw = os.environ.get("STUDIO_RENDER_COST_PER_HOUR")
    per_hour = Decimal(raw) if raw else DEFAULT_RENDER_COST_PER_HOUR
    return per_hour / Decimal(3600)


def record_usage(
    session: Session,
    *,
    workspace_id: int,
    kind: str,
    quantity: float | Decimal,
    video_id: int | None = None,
    job_id: int | None = None,
    cost: Decimal = Decimal(0),
    currency: str = "USD",
    provider: str = "",
) -> UsageRecord:
    record = UsageRecord(
        workspace_id=workspace_id, video_id=video_id, job_id=job_id, kind=check_kind(kind),
        quantity=Decimal(str(round(float(quantity), 6))), unit=unit_of(kind),
        cost=Decimal(cost).quantize(Decimal("0.000001")), currency=currency, provider=provider,
    )
    session.add(record)
    return record


def record_render(
    session: Session,
    *,
    workspace_id: int,
    video_id: int,
    job_id: int | None,
    render_seconds: float,
    output_seconds: float,
    generator: str,
    ai_cost: Decimal = Decimal(0),
    currency: str = "USD",
    ai_generated: bool = False,
) -> Decimal:
    """Record one finished render; returns its production cost (render estimate + AI cost)."""
    render_cost = (render_cost_per_second() * Decimal(str(render_seconds))).quantize(
        Decimal("0.000001")
    )
    record_usage(session, workspace_id=workspace_id, video_id=video_id, job_id=job_id,
                 kind="render_seconds", quantity=render_seconds, cost=render_cost,
                 provider=generator)
    record_usage(session, workspace_id=workspace_id, video_id=video_id, job_id=job_id,
                 kind="output_seconds", quantity=output_seconds, provider=generator)
    if ai_generated or ai_cost:
        record_usage(session, workspace_id=workspace_id, video_id=video_id, job_id=job_id,
                     kind="ai_seconds", quantity=output_seconds, cost=ai_cost,
                     currency=currency, provider=generator)
    # currencies are not summed silently: the render estimate is USD, so only add like to like
    return render_cost + ai_cost if currency == "USD" else ai_cost


@dataclass(frozen=True)
class UsageLine:
    kind: str
    unit: str
    currency: str
    quantity: Decimal
    cost: Decimal
    records: int


def usage_summary(
    session: Session,
    workspace_id: int,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    video_id: int | None = None,
) -> list[UsageLine]:
    """Totals per kind and currency for one workspace (optionally one video, one period)."""
    statement = select(
        UsageRecord.kind, UsageRecord.unit, UsageRecord.currency,
        func.sum(UsageRecord.quantity), func.sum(UsageRecord.cost), func.count(),
    ).where(UsageRecord.workspace_id == workspace_id)
    if since is not None:
        statement = statement.where(UsageRecord.created_at >= since)
    if until is not None:
        statement = statement.where(UsageRecord.created_at < until)
    if video_id is not None:
        statement = statement.where(UsageRecord.video_id == video_id)
    statement = statement.group_by(UsageRecord.kind, UsageRecord.unit, UsageRecord.currency)
    lines = []
    for kind, unit, currency, quantity, cost, count in session.execute(statement).all():
        lines.append(UsageLine(kind, unit, currency, Decimal(str(quantity or 0)),
                               Decimal(str(cost or 0)), int(count)))
    return sorted(lines, key=lambda line: (line.kind, line.currency))
