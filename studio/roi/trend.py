"""ROI over time: spend, revenue, ROAS and ROI per group for each day, week or month.

One SQL query sums the ad results per video, platform, currency and period (the period is
computed in the database: ``date_trunc`` on PostgreSQL, ``date()``/``strftime`` on SQLite) and
joins each video with its product for the group key, gross margin and production cost. Python
then adds those lines up per group and period — a line per video and period, never per day.

The figures are the ROI report's (:mod:`studio.roi.formulas`), per period:

- ROAS = revenue ÷ ad spend
- profit = revenue × gross margin − spend − production cost
- ROI = profit ÷ (spend + production cost)

A video's production cost is paid once, so it is counted once: in the first period of the range
in which the video has ad results. Summing a group's profits over the periods therefore gives
the profit of the ROI report over the same range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Date, String, cast, func, literal_column, select
from sqlalchemy.orm import Session

from studio.db import AdStat, Product, Video
from studio.roi import notices, rollup
from studio.roi.engine import Rates
from studio.roi.formulas import gross_margin
from studio.roi.formulas import roas as roas_of
from studio.roi.formulas import roi as roi_of
from studio.roi.notices import Notice

Interval = Literal["day", "week", "month"]
TrendBy = Literal["template", "version", "product", "category", "platform"]
INTERVALS: tuple[str, ...] = ("day", "week", "month")
MAX_PERIODS = 400  # a line chart with more points says nothing more; ask for a wider interval
MICRO = Decimal("0.000001")
ZERO = Decimal(0)

FORMULAS: dict[str, str] = {
    "period": "period = the day, the ISO week (Monday to Sunday, named by its Monday) or the "
              "calendar month (named by its first day) of each ad result's date",
    "roas": "ROAS = revenue ÷ ad spend, with both summed over the period",
    "profit": "profit = revenue × gross margin − spend − production cost, per video, summed",
    "production_cost": "production cost of a video is counted once, in the first period of the "
                       "range in which that video has ad results",
    "roi": "ROI = profit ÷ (spend + production cost) of the period",
}


@dataclass
class TrendPoint:
    period: dt.date
    spend: Decimal = ZERO
    revenue: Decimal = ZERO
    production_cost: Decimal = ZERO
    impressions: int = 0
    purchases: int = 0
    videos: int = 0
    profit: Decimal | None = ZERO
    roas: Decimal | None = None
    roi: Decimal | None = None


@dataclass
class TrendSeries:
    key: str
    currency: str
    points: list[TrendPoint]
    spend: Decimal = ZERO
    revenue: Decimal = ZERO


@dataclass
class Trend:
    by: str
    interval: str
    since: dt.date | None
    until: dt.date | None
    periods: list[dt.date]
    series: list[TrendSeries]
    notices: list[Notice] = field(default_factory=list)
    formulas: dict[str, str] = field(default_factory=lambda: dict(FORMULAS))

    @property
    def messages(self) -> list[str]:
        return [n.text for n in self.notices]


def period_start(day: dt.date, interval: str) -> dt.date:
    if interval == "day":
        return day
    if interval == "week":
        return day - dt.timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    raise ValueError(f"interval {interval!r}: use day, week or month")


def _next_period(start: dt.date, interval: str) -> dt.date:
    if interval == "day":
        return start + dt.timedelta(days=1)
    if interval == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def periods_between(since: dt.date, until: dt.date, interval: str) -> list[dt.date]:
    """Every period start from the one holding ``since`` to the one holding ``until``."""
    out: list[dt.date] = []
    current = period_start(since, interval)
    while current <= until:
        out.append(current)
        if len(out) > MAX_PERIODS:
            raise ValueError(
                f"{since}..{until} has more than {MAX_PERIODS} {interval}s; "
                "choose a wider interval (week or month) or a shorter range"
            )
        current = _next_period(current, interval)
    return out


def _bucket(column: Any, interval: str, dialect: str) -> Any:
    """The period's first day, computed by the database."""
    if interval == "day":
        return column
    if dialect == "sqlite":
        if interval == "week":  # back to Monday: 'weekday 1' moves forward to the next Monday
            return func.date(column, "-6 days", "weekday 1")
        return func.strftime("%Y-%m-01", column)
    return cast(func.date_trunc(interval, column), Date)


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _money(value: Any, dialect: str) -> Decimal:
    if value is None:
        return ZERO
    if dialect == "sqlite":  # rollup.money_sum sums SQLite amounts as integer micro-units
        return Decimal(int(value)) * MICRO
    return Decimal(value)


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _key(by: str, template: str | None, version: str | None, product_id: int | None,
         title: str | None, category: str | None, platform: str,
         generator: str | None = "template") -> str:
    # the same keys as the ROI report's groups, so a trend line matches its bar; a video
    # another generator made counts for no template (it used none)
    generator = generator or "template"
    template = (template if generator == "template" else None) or "(no template)"
    if by == "generator":
        return generator
    if by == "template":
        return template
    if by == "version":
        return f"{template}@{version or ''}"
    if by == "product":
        return title or (str(product_id) if product_id else "(no product)")
    if by == "category":
        return category or "(no category)"
    if by == "platform":
        return platform
    raise ValueError(f"by {by!r}: use template, version, product, category, platform or "
                     "generator")


def trend_rows(
    session: Session, workspace_id: int, interval: str, *, since: dt.date | None,
    until: dt.date | None, category: str | None,
) -> Iterable[Any]:
    """The one query: ad results per video × platform × currency × period, with the video's
    template, product and production cost alongside.

    The sums are grouped on the ad rows alone (an inner SELECT) and the video and product are
    joined to those few lines afterwards: grouping on the joined text columns as well made
    SQLite sort wide keys for every ad row (about twice as slow on 180,000 rows).
    """
    dialect = session.get_bind().dialect.name
    period = _bucket(AdStat.date, interval, dialect).label("period")
    sums = (
        select(
            AdStat.video_id, AdStat.platform, AdStat.currency, period,
            rollup.money_sum(AdStat.spend, dialect).label("spend"),
            rollup.money_sum(AdStat.revenue, dialect).label("revenue"),
            func.sum(AdStat.impressions).label("impressions"),
            func.sum(AdStat.purchases).label("purchases"),
        )
        .where(AdStat.workspace_id == workspace_id, AdStat.video_id.is_not(None))
        .group_by(AdStat.video_id, AdStat.platform, AdStat.currency, literal_column("period"))
    )  # fmt: skip
    if since:
        sums = sums.where(AdStat.date >= since)
    if until:
        sums = sums.where(AdStat.date <= until)
    line = sums.subquery("line")
    query = (
        select(
            line.c.video_id, line.c.platform, line.c.currency, line.c.period, line.c.spend,
            line.c.revenue, line.c.impressions, line.c.purchases,
            Video.template_id, Video.template_version, Video.product_id, Product.title,
            Product.category, cast(Product.price, String), cast(Product.cost, String),
            cast(Video.production_cost, String), Video.production_currency, Video.generator,
        )
        .join(Video, (Video.id == line.c.video_id) & (Video.workspace_id == workspace_id))
        .outerjoin(Product, Product.id == Video.product_id)
    )  # fmt: skip
    if category is not None:
        query = query.where(Product.category == category)
    return session.connection().execute(query)


def roi_trend(
    session: Session,
    workspace_id: int,
    *,
    by: str = "template",
    interval: str = "week",
    since: dt.date | None = None,
    until: dt.date | None = None,
    category: str | None = None,
    rates: Rates | None = None,
) -> Trend:
    if interval not in INTERVALS:
        raise ValueError(f"interval {interval!r}: use day, week or month")
    if since and until and since > until:
        raise ValueError("since is after until; swap them")
    if since and until:  # refuse a too-long range before running the query
        periods_between(since, until, interval)
    dialect = session.get_bind().dialect.name
    rates = rates or Rates()
    trend = Trend(by=by, interval=interval, since=since, until=until, periods=[], series=[])
    # (key, currency) -> period -> point; video -> [(period, key, currency)] for production cost
    points: dict[tuple[str, str], dict[dt.date, TrendPoint]] = {}
    seen: dict[tuple[str, str, dt.date], set[int]] = {}
    production: dict[int, tuple[Decimal, str | None, list[tuple[dt.date, str, str, Decimal]]]] = {}
    # (cost currency, ads currency) -> videos whose cost no rate converts
    skipped_production: dict[tuple[str, str], int] = {}
    for row in trend_rows(session, workspace_id, interval, since=since, until=until,
                          category=category):
        (video_id, platform, currency, period, spend, revenue, impressions, purchases,
         template, version, product_id, title, product_category, price, cost, prod,
         prod_currency, generator) = row
        day = _day(period)
        spend_, revenue_ = _money(spend, dialect), _money(revenue, dialect)
        if rates.base is not None:
            converted, code = rates.convert(spend_, currency)
            if code != currency:
                revenue_ = rates.convert(revenue_, currency)[0]
                spend_, currency = converted, code
        key = _key(by, template, version, product_id, title, product_category, platform,
                   generator)
        point = points.setdefault((key, currency), {}).setdefault(day, TrendPoint(day))
        point.spend += spend_
        point.revenue += revenue_
        point.impressions += int(impressions or 0)
        point.purchases += int(purchases or 0)
        videos = seen.setdefault((key, currency, day), set())
        if video_id not in videos:
            videos.add(video_id)
            point.videos += 1
        margin = gross_margin(_amount(price), _amount(cost))
        if margin is None:
            point.profit = None
        elif point.profit is not None:
            point.profit += revenue_ * margin - spend_
        amount = _amount(prod) or ZERO
        if amount:
            entry = production.setdefault(video_id, (amount, prod_currency, []))
            entry[2].append((day, key, currency, spend_))
    # production cost: once per video, in its first period (split by spend over the lines of
    # that period when the video runs on several platforms or currencies, as the report does)
    for amount, prod_currency, lines in production.values():
        first = min(line[0] for line in lines)
        takers = []
        for day, key, currency, line_spend in lines:
            in_currency = rates.convert_to(amount, prod_currency or currency, currency)
            if day == first and in_currency is not None:
                takers.append((key, currency, in_currency, line_spend))
        if not takers:
            for target in sorted({line[2] for line in lines if line[0] == first}):
                pair = (prod_currency or target, target)
                skipped_production[pair] = skipped_production.get(pair, 0) + 1
            continue
        total = sum((t[3] for t in takers), ZERO)
        for key, currency, in_currency, line_spend in takers:
            share = line_spend / total if total else Decimal(1) / len(takers)
            points[(key, currency)][first].production_cost += in_currency * share
    for (source, target), count in sorted(skipped_production.items()):
        trend.notices.append(notices.production_cost_left_out(count, source, target))
    if not points:
        if since and until:
            trend.periods = periods_between(since, until, interval)
        return trend
    days = [day for series in points.values() for day in series]
    first_day = period_start(since, interval) if since else min(days)
    last_day = until or max(days)
    trend.periods = periods_between(first_day, last_day, interval)
    for (key, currency), by_period in points.items():
        line = []
        for day in trend.periods:
            point = by_period.get(day) or TrendPoint(day)
            if point.profit is not None:
                point.profit -= point.production_cost
                point.roi = roi_of(point.profit, point.spend, point.production_cost)
            point.roas = roas_of(point.revenue, point.spend)
            line.append(point)
        trend.series.append(TrendSeries(
            key=key, currency=currency, points=line,
            spend=sum((p.spend for p in line), ZERO), revenue=sum((p.revenue for p in line), ZERO),
        ))  # fmt: skip
    trend.series.sort(key=lambda s: (s.currency, -s.spend, s.key))
    if len({s.currency for s in trend.series}) > 1:
        trend.notices.append(notices.several_currencies(s.currency for s in trend.series))
    return trend
