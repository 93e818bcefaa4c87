"""The options `studio roi` and `studio roi creatives` share: the report's range, revenue
source and currency, as the API's `since`, `until`, `revenue`, `currency` and `rate`; and the
advice that names them, for the report's notices (the API's own sentences name no flag)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any

import typer

Since = Annotated[dt.datetime | None, typer.Option("--since", formats=["%Y-%m-%d"])]
Until = Annotated[dt.datetime | None, typer.Option("--until", formats=["%Y-%m-%d"])]
Revenue = Annotated[str, typer.Option("--revenue", help="ads (platform-reported) or orders.")]
Rates = Annotated[list[str] | None, typer.Option("--rate", help="CODE=RATE into --currency.")]
Currency = Annotated[str | None, typer.Option("--currency", help="Report currency.")]


def day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def advice(code: str, params: Mapping[str, Any]) -> str | None:
    """What to type for a notice of the report: the API's sentences name no flag or command,
    so the terminal adds its own (None: no flag helps)."""
    if code == "several_currencies":
        codes = list(params.get("currencies") or ())
        base = "USD" if "USD" in codes else (codes[0] if codes else "USD")
        others = [c for c in codes if c != base]
        rates = " ".join(f"--rate {c}=RATE" for c in others)
        worth = others[0] if len(others) == 1 else "that currency"
        return f"--currency {base} {rates}, RATE: what 1 {worth} is worth in {base}"
    if code == "unlinked_rows":
        return "see them with `studio link --unmatched`, link one with `studio link AD_ID VIDEO`"
    if code in ("production_cost_currency", "production_cost_left_out"):
        cost, ads = params.get("cost_currency"), params.get("ads_currency")
        return f"--currency {ads} --rate {cost}=RATE, RATE: what 1 {cost} is worth in {ads}"
    if code == "production_cost_apart":
        currency = params.get("currency")
        rates = " ".join(f"--rate {c}=RATE" for c in params.get("amounts") or ())
        return f"--currency {currency} {rates}"
    if code == "product_cost_missing":
        return "import the catalog again with a cost column: `studio import catalog FILE`"
    return None


def said(notice: Any) -> str:
    """A notice's sentence with the terminal's advice, if any."""
    tip = advice(notice.code, notice.params)
    return notice.text if tip is None else f"{notice.text} ({tip})"
