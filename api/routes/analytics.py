"""Analytics: ROI per template / version / category / platform / product over a date range,
and which templates to render next. Every report carries the formulas as computed."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api.deps import ScopeDep
from api.errors import Problem
from api.schemas.ads import RecommendationPublic, RecommendationsPublic, RoiReportPublic

router = APIRouter(prefix="/analytics", tags=["analytics"])

GroupBy = Literal["template", "version", "product", "category", "platform"]
Revenue = Literal["ads", "orders"]
RATE_HELP = "Exchange rate into `currency`, as CODE=RATE (e.g. EUR=1.08); repeatable."


def _rates(currency: str | None, rate: list[str] | None) -> Any:
    from studio.roi import Rates

    parsed: dict[str, Decimal] = {}
    for item in rate or []:
        code, sep, value = item.partition("=")
        try:
            amount = Decimal(value)
        except InvalidOperation:
            amount = Decimal(0)
        if not sep or len(code.strip()) != 3 or not code.strip().isalpha() or amount <= 0:
            raise Problem(422, f"rate {item!r}: write CODE=RATE, e.g. EUR=1.08",
                          field="query.rate")
        parsed[code.strip().upper()] = amount
    if parsed and not currency:
        raise Problem(422, "rates need the report currency: add currency=USD",
                      field="query.currency")
    return Rates(currency, parsed) if currency else None


def _report(scope: ScopeDep, by: GroupBy, since: dt.date | None, until: dt.date | None,
            category: str | None, revenue: str, rates: Any) -> Any:
    from studio.roi.query import roi_from_db

    if since and until and since > until:
        raise Problem(422, "since is after until; swap them", field="query.since")
    try:
        return roi_from_db(scope.session, scope.workspace_id, by=by, since=since, until=until,
                           category=category, rates=rates, revenue_source=revenue)
    except ValueError as exc:
        raise Problem(422, str(exc), field="query") from None


Currency = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="Report currency.")]
Rate = Annotated[list[str] | None, Query(max_length=20, description=RATE_HELP)]


def _formulas_text() -> str:
    from studio.roi import FORMULAS

    lines = "\n".join(f"- {text}" for text in FORMULAS.values())
    return (
        "ROI per group: totals, ratios, profit and ROI, a 90% interval, P(best) and "
        "\"not enough data\". Every figure is computed exactly as:\n\n" + lines
    )


@router.get("/roi", response_model=RoiReportPublic, description=_formulas_text())
def roi(
    scope: ScopeDep,
    by: GroupBy = "template",
    since: dt.date | None = None,
    until: dt.date | None = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    revenue: Revenue = "ads",
    currency: Currency = None,
    rate: Rate = None,
) -> RoiReportPublic:
    """ROI per group: totals, ROAS/CTR/CVR/CPA/CPM/hook/hold rates, profit and ROI, a 90%
    interval, P(best) and "not enough data"; `formulas` says how each figure is computed."""
    report = _report(scope, by, since, until, category, revenue, _rates(currency, rate))
    return RoiReportPublic.model_validate(asdict(report))


@router.get("/recommendation", response_model=RecommendationsPublic)
def recommendation(
    scope: ScopeDep,
    slots: Annotated[int, Query(ge=1, le=1000, description="How many videos to plan.")] = 10,
    since: dt.date | None = None,
    until: dt.date | None = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    revenue: Revenue = "ads",
    currency: Currency = None,
    rate: Rate = None,
) -> RecommendationsPublic:
    """Which templates to render next (Thompson sampling over ROI), in plain words."""
    from studio.roi import FORMULAS, recommend

    report = _report(scope, "template", since, until, category, revenue,
                     _rates(currency, rate))
    data = [RecommendationPublic.model_validate(asdict(r))
            for r in recommend(report, slots=slots, category=category)]
    return RecommendationsPublic(data=data, count=len(data), formulas=dict(FORMULAS))
