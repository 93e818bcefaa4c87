"""What an ROI report or trend says beside its figures, as data: a stable ``code``, the
``params`` its sentence is made of, and that sentence (``text``) in neutral English for API
users — what to do said in words, never a command line.

The doors add their own words by code: the web studio says each one in the seller's language
(``roi.notice.<code>`` in ui/i18n), ``studio roi`` adds the flags that help. Params carry counts
as numbers, amounts as text in their currency's decimals (``"12.30"``, ``"1500"`` for yen) and
currency codes, as the report's JSON does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from studio.money import in_minor_units

# every code a builder below gives; the API describes each one and its params
# (studio.schemas.ads.NOTICE_CODES), the web studio words each one (roi.notice.<code>)
CODES: tuple[str, ...] = (
    "several_currencies", "unlinked_rows", "production_cost_currency", "production_cost_apart",
    "product_cost_missing", "not_enough_data", "revenue_from_orders", "production_cost_left_out",
)


@dataclass(frozen=True, slots=True)
class Notice:
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    text: str = ""


def _amount(value: Decimal, currency: str) -> str:
    return str(in_minor_units(value, currency))


def _amounts(amounts: Mapping[str, Decimal]) -> dict[str, str]:
    return {code: _amount(value, code) for code, value in sorted(amounts.items())}


def _listed(amounts: Mapping[str, str]) -> str:
    return ", ".join(f"{value} {code}" for code, value in amounts.items())


def several_currencies(currencies: Iterable[str]) -> Notice:
    codes = sorted(set(currencies))
    return Notice("several_currencies", {"currencies": codes},
                  f"results are in several currencies ({', '.join(codes)}) and are reported "
                  "apart, never added up; give exchange rates into one currency to see one "
                  "total")


def unlinked_rows(rows: int, spend: Mapping[str, Decimal]) -> Notice:
    amounts = _amounts(spend)
    return Notice("unlinked_rows", {"rows": rows, "amounts": amounts},
                  f"{rows} ad rows ({_listed(amounts)}) are not linked to a video and are left "
                  "out; link each ad to the video it shows (or put the video's creative code "
                  "in the ad's name) to count them")


def _cost_elsewhere(code: str, videos: int, cost_currency: str, ads_currency: str,
                    what_happens: str) -> Notice:
    return Notice(code,
                  {"videos": videos, "cost_currency": cost_currency, "ads_currency": ads_currency},
                  f"production cost of {videos} video(s) is in {cost_currency} but their ads "
                  f"are in {ads_currency}: {what_happens} until you give an exchange rate from "
                  f"{cost_currency} to {ads_currency}")


def production_cost_currency(videos: int, cost_currency: str, ads_currency: str) -> Notice:
    return _cost_elsewhere("production_cost_currency", videos, cost_currency, ads_currency,
                           "it is reported apart and their profit and ROI are left out")


def production_cost_apart(amounts: Mapping[str, Decimal], currency: str) -> Notice:
    listed = _amounts(amounts)
    codes = ", ".join(listed)
    return Notice("production_cost_apart", {"amounts": listed, "currency": currency},
                  f"production cost of {_listed(listed)} is in another currency than the ads "
                  f"({currency}) and is not counted in the production cost; profit and ROI need "
                  f"an exchange rate from {codes} to {currency}")


def product_cost_missing() -> Notice:
    return Notice("product_cost_missing", {},
                  "profit and ROI need the product cost of every video's product; add the cost "
                  "per item to the catalog")


def not_enough_data(*, videos: int, impressions: int, purchases: int, spend: Decimal,
                    currency: str, min_videos: int, min_impressions: int, min_purchases: int,
                    min_spend: Decimal | None) -> Notice:
    spent = in_minor_units(spend, currency)
    floor = (f"{min_spend:,} {currency} of spend" if min_spend is not None
             else f"no spend minimum known for {currency}")
    params = {
        "videos": videos, "impressions": impressions, "purchases": purchases,
        "spend": str(spent), "currency": currency, "min_videos": min_videos,
        "min_impressions": min_impressions, "min_purchases": min_purchases,
        "min_spend": None if min_spend is None else _amount(min_spend, currency),
    }
    return Notice("not_enough_data", params,
                  f"not enough data: {videos} video(s), {impressions:,} impressions, "
                  f"{purchases:,} purchases and {spent:,} {currency} of spend; figures firm up "
                  f"from {min_videos} videos, {min_impressions:,} impressions, {min_purchases} "
                  f"purchases and {floor}")


def revenue_from_orders() -> Notice:
    return Notice("revenue_from_orders", {},
                  "revenue and purchases come from shop orders (utm_content)")


def production_cost_left_out(videos: int, cost_currency: str, ads_currency: str) -> Notice:
    """The trend's: the cost is left out of the period's production cost (and so its profit)."""
    return _cost_elsewhere("production_cost_left_out", videos, cost_currency, ads_currency,
                           "it is left out of these figures")
