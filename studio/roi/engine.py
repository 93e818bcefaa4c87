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
from typing import Literal

import numpy as np

from studio.roi import formulas as f
from studio.roi import notices as say
from studio.roi.notices import Notice
from studio.roi.posterior import SEED, interval, probability_best, roi_draws

# "video": one group per video (the creatives leaderboard), with no posterior to draw
GroupBy = Literal["template", "version", "product", "category", "platform", "generator", "video"]
ZERO = Decimal("0")
# a production cost under half a cent (a local render's estimate: a few hundredths of a cent)
# is nothing in any currency: it never holds up the ROI of ads paid in another one
NEGLIGIBLE = Decimal("0.005")
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
    # gross profit is summed row by row, each sale at the margin of the variant it names
    units: dict[tuple[int, str, str], AdResult] = {}
    gross_of: dict[tuple[int, str, str], Decimal | None] = {}
    for row in results:
        if (since and row.date and row.date < since) or (until and row.date and row.date > until):
            continue
        if rates.base is not None:
            spend, currency = rates.convert(row.spend, row.currency)
            if currency != row.currency:
                row = replace(row, spend=spend, revenue=rates.convert(row.revenue, row.currency)[0],
                              currency=currency)  # fmt: skip
        if row.video_id is None or row.video_id not in videos:
            if only_platform in (None, row.platform):
                report.unlinked_rows += row.rows
                spent = report.unlinked_spend
                spent[row.currency] = spent.get(row.currency, ZERO) + row.spend
            continue
        if category is not None and videos[row.video_id].category != category:
            continue
        key = (row.video_id, row.platform, row.currency)
        prev = units.get(key)
        # totals from the database are already one per key: no copy needed
        units[key] = row if prev is None else _add(prev, row)
        margin = videos[row.video_id].margin(row.sku)
        gross = gross_of.get(key, ZERO) if prev is not None else ZERO
        gross_of[key] = None if margin is None or gross is None else gross + row.revenue * margin
    production, unconverted = _allocate_production(units, videos, rates, report.notices)

    # 2. groups
    groups: dict[tuple[str, str], GroupResult] = {}
    per_unit: dict[tuple[str, str], list[tuple[Decimal | None, Decimal]]] = defaultdict(list)
    for (video_id, platform, currency), unit in units.items():
        if only_platform not in (None, platform):
            continue
        info = videos[video_id]
        gkey = (_group_key(by, info, platform), currency)
        g = groups.get(gkey)
        if g is None:  # not setdefault: that builds a GroupResult for every video
            g = groups[gkey] = GroupResult(key=gkey[0], currency=currency)
        prod = production.get((video_id, platform, currency), ZERO)
        other = unconverted.get((video_id, platform, currency))
        if other is not None:
            g.production_cost_other[other[0]] = (
                g.production_cost_other.get(other[0], ZERO) + other[1])
        g.videos += 1
        g.spend += unit.spend
        g.revenue += unit.revenue
        g.production_cost += prod
        g.impressions += unit.impressions
        g.link_clicks += unit.link_clicks
        g.purchases += unit.purchases
        g.hook_plays += unit.hook_plays
        g.plays_3s += unit.plays_3s
        g.thruplays += unit.thruplays
        gross = gross_of[(video_id, platform, currency)]
        if gross is None:
            g.gross_profit = None
        elif g.gross_profit is not None:
            g.gross_profit += gross
        per_unit[gkey].append(
            (None if gross is None or other is not None else gross - unit.spend - prod,
             unit.spend + prod)
        )

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
        usable = [k for k in keys if all(p is not None for p, _ in per_unit[k])]
        # each amount converted to float once, in the same order as the pooled lists
        floats = {
            k: ([float(p) for p, _ in per_unit[k]], [float(c) for _, c in per_unit[k]])  # type: ignore[arg-type]
            for k in usable
        }
        pool_p = [p for k in usable for p in floats[k][0]]
        pool_c = [c for k in usable for c in floats[k][1]]
        draws = {}
        for k in usable:
            profits, costs = floats[k]
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
        a,
        spend=a.spend + b.spend,
        revenue=a.revenue + b.revenue,
        impressions=a.impressions + b.impressions,
        link_clicks=a.link_clicks + b.link_clicks,
        purchases=a.purchases + b.purchases,
        hook_plays=a.hook_plays + b.hook_plays,
        plays_3s=a.plays_3s + b.plays_3s,
        thruplays=a.thruplays + b.thruplays,
        rows=a.rows + b.rows,
    )


def _allocate_production(
    units: Mapping[tuple[int, str, str], AdResult],
    videos: Mapping[int, VideoInfo],
    rates: Rates,
    notices: list[Notice],
) -> tuple[dict[tuple[int, str, str], Decimal], dict[tuple[int, str, str], tuple[str, Decimal]]]:
    """A video's production cost, once, split over its platforms/currencies by spend share.

    Returns the amounts in each unit's currency, and the units whose video's cost is in a
    currency no rate converts into theirs (that currency and the unit's share of the cost):
    their groups report it apart instead of counting it as zero.
    """
    by_video: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for key in units:
        by_video[key[0]].append(key)
    out: dict[tuple[int, str, str], Decimal] = {}
    apart: dict[tuple[int, str, str], tuple[str, Decimal]] = {}
    skipped: dict[tuple[str, str], int] = defaultdict(int)
    for video_id, keys in by_video.items():
        info = videos[video_id]
        if not info.production_cost:
            continue
        source_currency = info.production_currency or keys[0][2]
        if len(keys) == 1 and keys[0][2] == source_currency:  # the common case: one platform
            out[keys[0]] = info.production_cost
            continue
        takers = [
            (k, amount)
            for k in keys
            if (amount := rates.convert_to(info.production_cost, source_currency, k[2])) is not None
        ]
        if not takers:
            if info.production_cost < NEGLIGIBLE:
                continue
            for k, share in _shares(units, keys):
                apart[k] = (source_currency, info.production_cost * share)
                skipped[(source_currency, k[2])] += 1
            continue
        for (k, amount), (_, share) in zip(takers, _shares(units, [k for k, _ in takers]),
                                           strict=True):
            out[k] = amount * share
    for (source, target), count in sorted(skipped.items()):
        notices.append(say.production_cost_currency(count, source, target))
    return out, apart


def _shares(
    units: Mapping[tuple[int, str, str], AdResult], keys: list[tuple[int, str, str]]
) -> list[tuple[tuple[int, str, str], Decimal]]:
    """Each unit's share of a video's cost: its share of the spend (equal shares without)."""
    total = sum((units[k].spend for k in keys), ZERO)
    return [(k, units[k].spend / total if total else Decimal(1) / len(keys)) for k in keys]


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
