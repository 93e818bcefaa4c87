"""ROI per template (version, product, category, platform), its trend, and which templates to
render next — one report, the same JSON from the API and ``studio roi --json``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from studio.db import Scope
from studio.errors import InvalidInput, StudioError
from studio.schemas.ads import RoiReportPublic
from studio.schemas.analytics import (
    RecommendationDetailed,
    RecommendationItem,
    RecommendationsDetailed,
    TrendPublic,
)

GROUPS = ("template", "version", "product", "category", "platform", "generator")
REVENUES = ("ads", "orders")
INTERVAL_NOTE = "90% Bayesian bootstrap over videos (fixed seed)"


@dataclass(frozen=True)
class RoiQuery:
    by: str = "template"
    since: dt.date | None = None
    until: dt.date | None = None
    category: str | None = None
    revenue: str = "ads"
    currency: str | None = None
    rates: Sequence[str] = field(default_factory=tuple)  # "EUR=1.08"


def _rates(query: RoiQuery) -> Any:
    from studio.roi import Rates

    parsed: dict[str, Decimal] = {}
    for item in query.rates:
        if not item.strip():
            continue  # an empty field of a form (`rate=`): no rate given
        code, sep, value = item.partition("=")
        try:
            amount = Decimal(value)
        except InvalidOperation:
            amount = Decimal(0)
        if not amount.is_finite():  # NaN, Infinity: not a rate (and NaN cannot be compared)
            amount = Decimal(0)
        if not sep or len(code.strip()) != 3 or not code.strip().isalpha() or amount <= 0:
            raise InvalidInput("analytics.bad_rate", field="rate", rate=item)
        parsed[code.strip().upper()] = amount
    if parsed and not query.currency:
        raise InvalidInput("analytics.rate_needs_currency", field="currency")
    return Rates(query.currency.upper(), parsed) if query.currency else None


def _check(query: RoiQuery) -> None:
    if query.by not in GROUPS:
        raise InvalidInput("analytics.bad_group", field="by", by=query.by,
                           allowed=", ".join(GROUPS))
    if query.revenue not in REVENUES:
        raise InvalidInput("analytics.bad_revenue", field="revenue", revenue=query.revenue)
    if query.since and query.until and query.since > query.until:
        raise InvalidInput("range.swapped", field="since", since=str(query.since),
                           until=str(query.until))


def _report(scope: Scope, query: RoiQuery) -> Any:
    from studio.roi.query import roi_from_db

    _check(query)
    rates = _rates(query)
    try:
        return roi_from_db(scope.session, scope.workspace_id, by=query.by,  # type: ignore[arg-type]
                           since=query.since, until=query.until, category=query.category,
                           rates=rates, revenue_source=query.revenue)
    except StudioError:
        raise
    except ValueError as exc:
        raise InvalidInput("invalid_input", field="by", detail=str(exc)) from None


def roi_report(scope: Scope, query: RoiQuery, *, slots: int = 10,
               language: str = "en") -> RoiReportPublic:
    """ROI per group with totals, ratios, a 90% interval, P(best), "not enough data", the
    formulas as computed, what is not linked yet — and, grouped by template, what to render
    next."""
    report = _report(scope, query)
    public = RoiReportPublic.model_validate(asdict(report))
    public.interval = INTERVAL_NOTE
    if query.by == "template":
        public.recommendations = _recommendations(report, slots, query.category, language)
    return public


def recommendation(scope: Scope, query: RoiQuery, *, slots: int = 10,
                   language: str = "en") -> RecommendationsDetailed:
    """Which templates to render next (Thompson sampling over ROI), in words and as data."""
    from studio.roi import FORMULAS

    report = _report(scope, RoiQuery(**{**asdict(query), "by": "template"}))
    data = _recommendations(report, slots, query.category, language)
    return RecommendationsDetailed(data=data, count=len(data), formulas=dict(FORMULAS))


def _recommendations(report: Any, slots: int, category: str | None,
                     language: str) -> list[RecommendationDetailed]:
    from studio.roi import recommend
    from studio.services.wording import EXPLANATION_ZH, summary_zh

    chinese = language.lower().startswith("zh")
    data = []
    for r in recommend(report, slots=slots, category=category):
        groups = {g.key: g for g in report.groups if g.currency == r.currency}
        order = sorted(r.slots, key=lambda k: (-r.slots[k], k))
        items = [RecommendationItem(template=name, videos=r.slots[name],
                                    p_best=r.p_best.get(name, 0.0),
                                    enough_data=bool(groups[name].enough_data)
                                    if name in groups else False)
                 for name in order]
        single = len(r.p_best) == 1
        detailed = RecommendationDetailed(**asdict(r), total=slots, items=items,
                                          single_template=single,
                                          language="zh-CN" if chinese else "en")
        if chinese:
            detailed.summary = summary_zh(slots, category, items, single)
            detailed.explanation = EXPLANATION_ZH
        data.append(detailed)
    return data


def roi_trend(scope: Scope, query: RoiQuery, *, interval: str = "week") -> TrendPublic:
    from studio.roi.trend import roi_trend as build

    _check(query)
    rates = _rates(query)
    try:
        trend = build(scope.session, scope.workspace_id, by=query.by,  # type: ignore[arg-type]
                      interval=interval, since=query.since, until=query.until,  # type: ignore[arg-type]
                      category=query.category, rates=rates)
    except ValueError as exc:
        raise InvalidInput("analytics.too_many_periods", field="interval", interval=interval,
                           detail=str(exc)) from None
    return TrendPublic.model_validate(asdict(trend))


def checked_rates(query: RoiQuery) -> Any:
    """The query checked as the ROI report checks it, and its exchange rates: for the views
    built on the same report (the creatives leaderboard, :mod:`studio.services.creatives`)."""
    _check(query)
    return _rates(query)
