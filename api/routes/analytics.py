"""Analytics: ROI per template / version / category / platform / product / generator over a
date range, its trend per day / week / month, and which templates to render next. Every
report carries the formulas as computed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query

from api.deps import ScopeDep
from api.query_types import IsoDate
from studio.schemas.ads import RoiReportPublic
from studio.schemas.analytics import RecommendationsDetailed, TrendPublic
from studio.services import analytics
from studio.services.wording import wants_chinese

router = APIRouter(prefix="/analytics", tags=["analytics"])

GroupBy = Literal["template", "version", "product", "category", "platform", "generator"]
Revenue = Literal["ads", "orders"]
RATE_HELP = "Exchange rate into `currency`, as CODE=RATE (e.g. EUR=1.08); repeatable."
Currency = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="Report currency.")]
Rate = Annotated[list[str] | None, Query(max_length=20, description=RATE_HELP)]
Category = Annotated[str | None, Query(max_length=200)]
AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]


def _formulas_text() -> str:
    from studio.roi import FORMULAS

    lines = "\n".join(f"- {text}" for text in FORMULAS.values())
    return (
        "ROI per group: totals, ratios, profit and ROI, a 90% interval, P(best) and "
        "\"not enough data\"; grouped by template, also which templates to render next. "
        "Every figure is computed exactly as:\n\n" + lines
    )


def _query(by: str, since: dt.date | None, until: dt.date | None, category: str | None,
           revenue: str, currency: str | None, rate: list[str] | None) -> analytics.RoiQuery:
    return analytics.RoiQuery(by=by, since=since, until=until, category=category,
                              revenue=revenue, currency=currency, rates=tuple(rate or ()))


@router.get("/roi", response_model=RoiReportPublic, description=_formulas_text(),
            operation_id="get_roi_report")
def roi(
    scope: ScopeDep,
    by: GroupBy = "template",
    since: IsoDate | None = None,
    until: IsoDate | None = None,
    category: Category = None,
    revenue: Revenue = "ads",
    currency: Currency = None,
    rate: Rate = None,
    accept_language: AcceptLanguage = None,
) -> RoiReportPublic:
    """ROI per group: totals, ROAS/CTR/CVR/CPA/CPM/hook/hold rates, profit and ROI, a 90%
    interval, P(best) and "not enough data"; `formulas` says how each figure is computed."""
    return analytics.roi_report(scope, _query(by, since, until, category, revenue, currency,
                                              rate),
                                language="zh" if wants_chinese(accept_language) else "en")


@router.get("/recommendation", response_model=RecommendationsDetailed,
            operation_id="get_recommendation")
def recommendation(
    scope: ScopeDep,
    slots: Annotated[int, Query(ge=1, le=1000, description="How many videos to plan.")] = 10,
    since: IsoDate | None = None,
    until: IsoDate | None = None,
    category: Category = None,
    revenue: Revenue = "ads",
    currency: Currency = None,
    rate: Rate = None,
    accept_language: AcceptLanguage = None,
) -> RecommendationsDetailed:
    """Which templates to render next (Thompson sampling over ROI), in plain words and as
    data: `items` lists each template's share of the next videos, its probability of having
    the best ROI and whether it has enough data yet, in the order of `summary`.
    `summary` and `explanation` are in Simplified Chinese when `Accept-Language` prefers
    `zh` over `en`; `language` says which."""
    query = _query("template", since, until, category, revenue, currency, rate)
    return analytics.recommendation(
        scope, query, slots=slots, language="zh" if wants_chinese(accept_language) else "en")


def _trend_text() -> str:
    from studio.roi.trend import FORMULAS, MAX_PERIODS

    lines = "\n".join(f"- {text}" for text in FORMULAS.values())
    return (
        "Spend, revenue, ROAS and ROI of each group (template, category…) for every day, week "
        "or month of the range, from one database query. A series has a point for every "
        "period (zeros where the group had no results), so series line up on one chart. "
        f"At most {MAX_PERIODS} periods: choose a wider interval for long ranges. Only ad "
        "results that are linked to a video count. Each figure is computed as:\n\n" + lines
    )


@router.get("/roi/trend", response_model=TrendPublic, description=_trend_text(),
            operation_id="get_roi_trend")
def roi_trend(
    scope: ScopeDep,
    by: GroupBy = "template",
    interval: Literal["day", "week", "month"] = "week",
    since: IsoDate | None = None,
    until: IsoDate | None = None,
    category: Category = None,
    currency: Currency = None,
    rate: Rate = None,
) -> TrendPublic:
    """ROI over time per group."""
    return analytics.roi_trend(
        scope, _query(by, since, until, category, "ads", currency, rate), interval=interval)
