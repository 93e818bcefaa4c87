"""Analytics: ROI per template / version / category / platform / product over a date range,
its trend per day / week / month, and which templates to render next. Every report carries
the formulas as computed."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query

from api.deps import ScopeDep
from api.errors import Problem
from api.schemas.ads import RoiReportPublic
from api.schemas.analytics import (
    RecommendationDetailed,
    RecommendationItem,
    RecommendationsDetailed,
    TrendPublic,
)

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
                          field="query.rate", code="analytics.bad_rate", params={"rate": item})
        parsed[code.strip().upper()] = amount
    if parsed and not currency:
        raise Problem(422, "rates need the report currency: add currency=USD",
                      field="query.currency", code="analytics.rate_needs_currency")
    return Rates(currency, parsed) if currency else None


def _report(scope: ScopeDep, by: GroupBy, since: dt.date | None, until: dt.date | None,
            category: str | None, revenue: str, rates: Any) -> Any:
    from studio.roi.query import roi_from_db

    _check_range(since, until)
    try:
        return roi_from_db(scope.session, scope.workspace_id, by=by, since=since, until=until,
                           category=category, rates=rates, revenue_source=revenue)
    except ValueError as exc:
        raise Problem(422, str(exc), field="query") from None


def _check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise Problem(422, "since is after until; swap them", field="query.since",
                      code="range.swapped", params={"since": str(since), "until": str(until)})


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


def _wants_chinese(accept_language: str | None) -> bool:
    """True when Chinese comes before English in ``Accept-Language`` (q-values honoured)."""
    best: tuple[float, int, str] | None = None
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        tag = tag.strip().lower()
        if weight > 0 and (tag.startswith(("zh", "en"))):
            if best is None or (weight, -index) > (best[0], -best[1]):
                best = (weight, index, tag)
    return best is not None and best[2].startswith("zh")


EXPLANATION_ZH = (
    "决定方式（汤普森采样）：对接下来的每一条视频，我们根据每个模板的视频至今的收益，为它设想一个"
    "可能的投资回报率，然后选用排在最前面的模板。明显更好的模板在多数抽样中胜出，分到大部分视频；"
    "仍不确定的模板偶尔胜出，所以会继续分到少量视频，直到数据稳定下来。一个模板分到的视频比例，"
    "就是它是最佳模板的概率。"
)


def _summary_zh(total: int, category: str | None, items: list[RecommendationItem],
                single: bool) -> str:
    parts = [
        f"{item.videos} 条用「{item.template}」（"
        + (f"有 {item.p_best:.0%} 的概率投资回报率最高" if item.enough_data
           else "数据还不够，再做几条就能看出")
        + "）"
        for item in items if item.videos
    ]
    where = f"（{category}）" if category else ""
    text = f"接下来的 {total} 条视频{where}建议这样做：" + "，".join(parts) + "。"
    if single:
        text += "目前只有一个模板有投放结果：试试其他模板以便比较。"
    return text


@router.get("/recommendation", response_model=RecommendationsDetailed)
def recommendation(
    scope: ScopeDep,
    slots: Annotated[int, Query(ge=1, le=1000, description="How many videos to plan.")] = 10,
    since: dt.date | None = None,
    until: dt.date | None = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    revenue: Revenue = "ads",
    currency: Currency = None,
    rate: Rate = None,
    accept_language: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> RecommendationsDetailed:
    """Which templates to render next (Thompson sampling over ROI), in plain words and as
    data: `items` lists each template's share of the next videos, its probability of having
    the best ROI and whether it has enough data yet, in the order of `summary`.
    `summary` and `explanation` are in Simplified Chinese when `Accept-Language` prefers
    `zh` over `en`; `language` says which."""
    from studio.roi import FORMULAS, recommend

    report = _report(scope, "template", since, until, category, revenue,
                     _rates(currency, rate))
    chinese = _wants_chinese(accept_language)
    data = []
    for r in recommend(report, slots=slots, category=category):
        groups = {g.key: g for g in report.groups if g.currency == r.currency}
        order = sorted(r.slots, key=lambda k: (-r.slots[k], k))
        items = [
            RecommendationItem(template=name, videos=r.slots[name], p_best=r.p_best.get(name, 0.0),
                               enough_data=bool(groups[name].enough_data) if name in groups
                               else False)
            for name in order
        ]
        single = len(r.p_best) == 1
        detailed = RecommendationDetailed(
            **asdict(r), total=slots, items=items, single_template=single,
            language="zh-CN" if chinese else "en",
        )
        if chinese:
            detailed.summary = _summary_zh(slots, category, items, single)
            detailed.explanation = EXPLANATION_ZH
        data.append(detailed)
    return RecommendationsDetailed(data=data, count=len(data), formulas=dict(FORMULAS))


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


@router.get("/roi/trend", response_model=TrendPublic, description=_trend_text())
def roi_trend(
    scope: ScopeDep,
    by: GroupBy = "template",
    interval: Literal["day", "week", "month"] = "week",
    since: dt.date | None = None,
    until: dt.date | None = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    currency: Currency = None,
    rate: Rate = None,
) -> TrendPublic:
    """ROI over time per group."""
    from studio.roi.trend import roi_trend as build

    _check_range(since, until)
    rates = _rates(currency, rate)
    try:
        trend = build(scope.session, scope.workspace_id, by=by, interval=interval, since=since,
                      until=until, category=category, rates=rates)
    except ValueError as exc:
        raise Problem(422, str(exc), field="query.interval", code="analytics.too_many_periods",
                      params={"interval": interval}) from None
    return TrendPublic.model_validate(asdict(trend))
