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
    "gross_margin": "gross margin = (product price − product cost) ÷ product price",
    "roi": "ROI = profit ÷ (spend + production cost)",
}


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
