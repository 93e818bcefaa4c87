"""ROI per template, version, product, category or platform over a date range.

Pure functions over rows: the database layer (:mod:`studio.roi.store`) aggregates ad stats per
video in SQL and hands the totals to :func:`roi_report`; tests hand it rows directly.
Money stays Decimal. Amounts in different currencies are never summed: they are converted
with configured rates, or the group is reported once per currency with a notice saying so
(:mod:`studio.roi.notices`: a code and its params, the sentence beside them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from operator import attrgetter
from typing import Literal

import numpy as np

from studio.roi import formulas as f
from studio.roi import notices as say
from studio.roi.allocation import allocate_production
from studio.roi.notices import Notice
from studio.roi.posterior import SEED, interval, probability_best, roi_draws

# "video": one group per video (the creatives leaderboard), with no posterior to draw
GroupBy = Literal["template", "version", "product", "category", "platform", "generator", "video"]
ZERO = Decimal("0")
# the "enough data" thresholds live with the formulas they are documented beside
MIN_VIDEOS = f.MIN_VIDEOS
MIN_IMPRESSIONS = f.MIN_IMPRESSIONS
MIN_PURCHASES = f.MIN_PURCHASES


@dataclass(slots=True)  # not frozen: frozen __init__ costs 3× on ten thousand videos
class AdResult:
    """Ad results of one video on one platform, for one day or already summed over a range."""

    video_id: int | None  # None: not linked to a video yet
    platform: str
    currency: str
    date: dt.date | None = None
    spend: Decimal = ZERO
    revenue: Decimal = ZERO
    impressions: int = 0
    link_clicks: int = 0
    purchases: int = 0
    hook_plays: int = 0  # 3-s plays on Meta, 2-s plays on TikTok
    plays_3s: int = 0
    thruplays: int = 0
    rows: int = 1
    sku: str | None = None  # the variant the sale names (an order's line item SKU)


@dataclass(slots=True)
class VideoInfo:
    video_id: int
    template_id: str
    template_version: str = ""
    product_id: str | None = None
    category: str = ""
    gross_margin: Decimal | None = None  # (price − cost) ÷ price of the product
    production_cost: Decimal = ZERO
    production_currency: str | None = None
    generator: str = "template"
    # SKU -> (variant price − variant cost) ÷ variant price, for sales that name a variant
    variant_margins: Mapping[str, Decimal | None] | None = None

    def margin(self, sku: str | None) -> Decimal | None:
        if sku and self.variant_margins and sku in self.variant_margins:
            return self.variant_margins[sku]
        return self.gross_margin


@dataclass
class GroupResult:
    key: str
    currency: str
    videos: int = 0
    spend: Decimal = ZERO
    revenue: Decimal = ZERO
    production_cost: Decimal = ZERO
    # production cost of the group's videos in another currency, with no rate to convert it:
    # reported on its own line, and profit/ROI left unknown rather than computed without it
    production_cost_other: dict[str, Decimal] = field(default_factory=dict)
    impressions: int = 0
    link_clicks: int = 0
    purchases: int = 0
    hook_plays: int = 0
    plays_3s: int = 0
    thruplays: int = 0
    gross_profit: Decimal | None = ZERO
    profit: Decimal | None = None
    roas: Decimal | None = None
    ctr: Decimal | None = None
    cvr: Decimal | None = None
    cpa: Decimal | None = None
    cpm: Decimal | None = None
    hook_rate: Decimal | None = None
    hold_rate: Decimal | None = None
    roi: Decimal | None = None
    roi_interval: tuple[float, float] | None = None
    p_best: float | None = None
    enough_data: bool = False
    notices: list[Notice] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        return [n.text for n in self.notices]


@dataclass
class RoiReport:
    by: str
    since: dt.date | None
    until: dt.date | None
    groups: list[GroupResult]
    notices: list[Notice] = field(default_factory=list)
    unlinked_rows: int = 0
    unlinked_spend: dict[str, Decimal] = field(default_factory=dict)
    formulas: dict[str, str] = field(default_factory=lambda: dict(f.FORMULAS))

    @property
    def messages(self) -> list[str]:
        return [n.text for n in self.notices]


class Rates:
    """Exchange rates into one report currency: ``Rates("USD", {"EUR": Decimal("1.08")})``."""

    def __init__(self, base: str | None = None, rates: Mapping[str, Decimal] | None = None):
        self.base = base.upper() if base else None
        self.rates = {k.upper(): Decimal(v) for k, v in (rates or {}).items()}
        if self.base:
            self.rates[self.base] = Decimal(1)

    def convert(self, amount: Decimal, currency: str) -> tuple[Decimal, str]:
        """Into the base currency when a rate is known; otherwise unchanged."""
        if self.base and currency in self.rates:
            return amount * self.rates[currency], self.base
        return amount, currency

    def convert_to(self, amount: Decimal, currency: str, target: str) -> Decimal | None:
        if currency == target:
            return amount
        converted, code = self.convert(amount, currency)
        return converted if code == target else None


def _group_key(by: str, info: VideoInfo, platform: str) -> str:
    if by == "template":
        return info.template_id
    if by == "version":
        return f"{info.template_id}@{info.template_version}"
    if by == "product":
        return str(info.product_id or "(no product)")
    if by == "category":
        return info.category or "(no category)"
    if by == "platform":
        return platform
    if by == "generator":
        return info.generator
    if by == "video":
        return str(info.video_id)
    raise ValueError(f"--by {by!r}: use template, version, product, category, platform or "
                     "generator")


def roi_report(
    results: Iterable[AdResult],
    videos: Mapping[int, VideoInfo],
    *,
    by: GroupBy = "template",
    since: dt.date | None = None,
    until: dt.date | None = None,
    category: str | None = None,
    rates: Rates | None = None,
    only_platform: str | None = None,  # the others' results still share production costs
    min_videos: int = MIN_VIDEOS,
    min_impressions: int = MIN_IMPRESSIONS,
    min_purchases: int = MIN_PURCHASES,
    seed: int = SEED,
) -> RoiReport:
    rates = rates or Rates()
    report = RoiReport(by=by, since=since, until=until, groups=[])
    # 1. sum per (video, platform, currency-after-conversion): the unit the statistics resample;
    # gross profit is summed row by row, each sale at the margin of the variant it names.
    # Loops run once per video (10,000 of them): locals, and each Decimal operation in order.
    units: dict[tuple[int, str, str], AdResult] = {}
    gross_of: dict[tuple[int, str, str], Decimal | None] = {}
    dated, base, video_of = since or until, rates.base, videos.get
    for row in results:
        if dated and row.date and ((since and row.date < since) or (until and row.date > until)):
            continue
        if base is not None:
            spend, currency = rates.convert(row.spend, row.currency)
            if currency != row.currency:
                row = replace(row, spend=spend, revenue=rates.convert(row.revenue, row.currency)[0],
                              currency=currency)  # fmt: skip
        vid = row.video_id
        if vid is None or (info := video_of(vid)) is None:
            if only_platform in (None, row.platform):
                report.unlinked_rows += row.rows
                spent = report.unlinked_spend
                spent[row.currency] = spent.get(row.currency, ZERO) + row.spend
            continue
        if category is not None and info.category != category:
            continue
        key = (vid, row.platform, row.currency)
        prev = units.get(key)
        margin = info.margin(row.sku) if row.sku else info.gross_margin
        if prev is None:  # totals from the database are already one per key: no copy needed
            units[key] = row
            gross_of[key] = None if margin is None else ZERO + row.revenue * margin
            continue
        units[key] = _add(prev, row)
        gross = gross_of[key]
        gross_of[key] = None if margin is None or gross is None else gross + row.revenue * margin
    production, unconverted = allocate_production(units, videos, rates, report.notices)

    # 2. groups: each group's units in order, then its sums (same additions, same order)
    members: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for key in units:
        if only_platform not in (None, key[1]):
            continue
        info = videos[key[0]]
        name = info.template_id if by == "template" else _group_key(by, info, key[1])
        listed = members.get((name, key[2]))
        if listed is None:  # not setdefault: that builds a list for every video
            members[(name, key[2])] = listed = []
        listed.append(key)
    groups: dict[tuple[str, str], GroupResult] = {}
    # each group's (profits, costs) as floats for the posterior; None: some unit has no profit
    floats: dict[tuple[str, str], tuple[list[float], list[float]] | None] = {}
    for gkey, listed in members.items():
        groups[gkey], floats[gkey] = _sums(gkey, listed, units, production, unconverted,
                                           gross_of, by != "video")

    for g in groups.values():
        _ratios(g, min_videos, min_impressions, min_purchases)
        if g.gross_profit is None:
            g.notices.append(say.product_cost_missing())
    by_currency: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for gkey in groups:
        by_currency[gkey[1]].append(gkey)
    if len(by_currency) > 1:
        report.notices.append(say.several_currencies(by_currency))

    # 3. posterior: interval, P(best) among comparable groups (same currency)
    rng = np.random.default_rng(seed)
    # one video is no sample of videos: per video there is nothing to resample or rank by draws
    for currency, keys in by_currency.items() if by != "video" else ():
        usable = {k: v for k in keys if (v := floats[k]) is not None}
        pool_p = [p for profits, _ in usable.values() for p in profits]
        pool_c = [c for _, costs in usable.values() for c in costs]
        draws = {}
        for k, (profits, costs) in usable.items():
            draws[k[0]] = roi_draws(profits, costs, pool_p, pool_c, rng)
            # the interval shown is the group's own videos only (no borrowed prior), so it
            # always surrounds its own ROI; one video has no spread to speak of
            if len(profits) >= 2:
                groups[k].roi_interval = interval(roi_draws(profits, costs, [], [], rng))
        if len(draws) > 1:
            for name, p in probability_best(draws).items():
                groups[(name, currency)].p_best = p
    report.groups = sorted(
        groups.values(), key=lambda g: (g.currency, -(g.roi if g.roi is not None else -(10**9)))
    )
    if report.unlinked_rows:
        report.notices.append(say.unlinked_rows(report.unlinked_rows, report.unlinked_spend))
    return report


def _add(a: AdResult, b: AdResult) -> AdResult:
    return replace(
        a, spend=a.spend + b.spend, revenue=a.revenue + b.revenue,
        impressions=a.impressions + b.impressions, link_clicks=a.link_clicks + b.link_clicks,
        purchases=a.purchases + b.purchases, hook_plays=a.hook_plays + b.hook_plays,
        plays_3s=a.plays_3s + b.plays_3s, thruplays=a.thruplays + b.thruplays, rows=a.rows + b.rows,
    )  # fmt: skip


_SPEND, _REVENUE = attrgetter("spend"), attrgetter("revenue")
_COUNTS = ("impressions", "link_clicks", "purchases", "hook_plays", "plays_3s", "thruplays")
Key = tuple[int, str, str]


def _sums(
    gkey: tuple[str, str], keys: list[Key], units: Mapping[Key, AdResult],
    production: Mapping[Key, Decimal], unconverted: Mapping[Key, tuple[str, Decimal]],
    gross_of: Mapping[Key, Decimal | None], posterior: bool,
) -> tuple[GroupResult, tuple[list[float], list[float]] | None]:
    """One group's totals over its units in their order (each Decimal sum from ZERO, as adding
    unit by unit did) and, for the posterior, each unit's profit and cost as floats.

    A unit is one video on one platform; ``videos`` counts the group's distinct videos (a video
    advertised on Meta and on TikTok is one video), while the sums and the posterior stay per
    unit."""
    g = GroupResult(key=gkey[0], currency=gkey[1], videos=len({k[0] for k in keys}))
    listed = [units[k] for k in keys]
    prods = [production.get(k, ZERO) for k in keys]
    grosses = [gross_of[k] for k in keys]
    g.spend, g.revenue = sum(map(_SPEND, listed), ZERO), sum(map(_REVENUE, listed), ZERO)
    g.production_cost = sum(prods, ZERO)
    for name in _COUNTS:
        setattr(g, name, sum(map(attrgetter(name), listed)))
    for k in keys if unconverted else ():
        if (other := unconverted.get(k)) is not None:
            g.production_cost_other[other[0]] = (
                g.production_cost_other.get(other[0], ZERO) + other[1])
    known = [x for x in grosses if x is not None]
    g.gross_profit = sum(known, ZERO) if len(known) == len(grosses) else None
    if not posterior or g.gross_profit is None or g.production_cost_other:
        return g, None
    return g, ([float(x - u.spend - p) for x, u, p in zip(known, listed, prods, strict=True)],
               [float(u.spend + p) for u, p in zip(listed, prods, strict=True)])


def _ratios(g: GroupResult, min_videos: int, min_impressions: int, min_purchases: int) -> None:
    g.roas = f.roas(g.revenue, g.spend)
    g.ctr = f.ctr(g.link_clicks, g.impressions)
    g.cvr = f.cvr(g.purchases, g.link_clicks)
    g.cpa = f.cpa(g.spend, g.purchases)
    g.cpm = f.cpm(g.spend, g.impressions)
    g.hook_rate = f.hook_rate(g.hook_plays, g.impressions)
    g.hold_rate = f.hold_rate(g.thruplays, g.plays_3s)
    if g.production_cost_other:
        g.notices.append(say.production_cost_apart(g.production_cost_other, g.currency))
    elif g.gross_profit is not None:
        g.profit = g.gross_profit - g.spend - g.production_cost
        g.roi = f.roi(g.profit, g.spend, g.production_cost)
    min_spend = f.min_spend(g.currency)
    g.enough_data = (
        g.videos >= min_videos and g.impressions >= min_impressions
        and g.purchases >= min_purchases and (min_spend is None or g.spend >= min_spend)
    )
    if not g.enough_data:
        g.notices.append(say.not_enough_data(
            videos=g.videos, impressions=g.impressions, purchases=g.purchases, spend=g.spend,
            currency=g.currency, min_videos=min_videos, min_impressions=min_impressions,
            min_purchases=min_purchases, min_spend=min_spend))
