"""The ROI formulas, exactly as shown to sellers (DESIGN.md "ROI"). Division by zero → None.

Each function takes totals for a group (a template, a version, a category…) — never averages
of per-day ratios, which would weight a 10-impression day like a 100,000-impression one.
"""

from __future__ import annotations

from decimal import Decimal

# shown next to every figure in the UI, the API docs and `studio roi --json`
FORMULAS: dict[str, str] = {
    "roas": "ROAS = revenue ÷ ad spend",
    "ctr": "CTR = link clicks ÷ impressions",
    "cvr": "CVR = purchases ÷ link clicks",
    "cpa": "CPA = spend ÷ purchases",
    "cpm": "CPM = spend ÷ impressions × 1000",
    "hook_rate": "hook rate = 3-s plays (Meta) or 2-s plays (TikTok) ÷ impressions",
    "hold_rate": "hold rate = ThruPlays ÷ 3-s plays",
    "production_cost": "production cost = AI generation cost + render cost of the video",
    "profit": "profit = revenue × gross margin − spend − production cost",
    "gross_margin": "gross margin = (price − cost) ÷ price, of the variant a sale names (an "
                    "order's SKU), else of the product",
    "roi": "ROI = profit ÷ (spend + production cost)",
    "enough_data": "enough data = at least 3 videos, 1,000 impressions, 30 purchases and 100 USD "
                   "of spend (or about as much in the group's currency: 100 EUR, 700 CNY, "
                   "15,000 JPY…); below that a group's figures and interval are early signals",
}

# "Enough data" (GroupResult.enough_data). Why these numbers:
# - 3 videos: the interval resamples videos; fewer than three has no spread to speak of.
# - 1,000 impressions: CTR and hook rate are shares of impressions; below ~1,000 one click or
#   play moves them by a tenth of a percentage point or more.
# - 30 purchases: revenue, and so ROI, moves with the purchase count, a Poisson count whose 90 %
#   margin is about ±1.645 ÷ √purchases of itself: ±30 % at 30 purchases, ±95 % at 3 (the
#   one-day window that used to claim a firm interval).
# - 100 USD of spend: spend is ROI's denominator; below a typical minimum test budget the ad
#   platforms are still exploring whom to show the ad to, and one order swings ROI by
#   hundreds of percent. Other currencies: about the same value, rounded (a threshold, not a
#   conversion rate; checked 2026-12). A currency not listed gets no spend minimum, and the
#   group's note says so.
MIN_VIDEOS = 3
MIN_IMPRESSIONS = 1000
MIN_PURCHASES = 30
MIN_SPEND: dict[str, Decimal] = {
    code: Decimal(amount) for code, amount in {
        "USD": 100, "EUR": 100, "GBP": 80, "CHF": 90, "CAD": 140, "AUD": 150, "NZD": 170,
        "SGD": 130, "HKD": 780, "TWD": 3200, "CNY": 700, "JPY": 15000, "KRW": 140000,
        "INR": 8500, "MXN": 1800, "BRL": 550,
    }.items()
}  # fmt: skip


def min_spend(currency: str) -> Decimal | None:
    return MIN_SPEND.get(currency.upper())


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    if not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)


def roas(revenue: Decimal, spend: Decimal) -> Decimal | None:
    return ratio(revenue, spend)


def ctr(link_clicks: int, impressions: int) -> Decimal | None:
    return ratio(link_clicks, impressions)


def cvr(purchases: int, link_clicks: int) -> Decimal | None:
    return ratio(purchases, link_clicks)


def cpa(spend: Decimal, purchases: int) -> Decimal | None:
    return ratio(spend, purchases)


def cpm(spend: Decimal, impressions: int) -> Decimal | None:
    value = ratio(spend, impressions)
    return None if value is None else value * 1000


def hook_rate(hook_plays: int, impressions: int) -> Decimal | None:
    return ratio(hook_plays, impressions)


def hold_rate(thruplays: int, plays_3s: int) -> Decimal | None:
    return ratio(thruplays, plays_3s)


def gross_margin(price: Decimal | None, cost: Decimal | None) -> Decimal | None:
    if price is None or cost is None or not price:
        return None
    return (price - cost) / price


def profit(revenue: Decimal, margin: Decimal, spend: Decimal, production_cost: Decimal) -> Decimal:
    return revenue * margin - spend - production_cost


def roi(profit_: Decimal, spend: Decimal, production_cost: Decimal) -> Decimal | None:
    return ratio(profit_, spend + production_cost)
