"""The options `studio roi` and `studio roi creatives` share: the report's range, revenue
source and currency, as the API's `since`, `until`, `revenue`, `currency` and `rate`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

Since = Annotated[dt.datetime | None, typer.Option("--since", formats=["%Y-%m-%d"])]
Until = Annotated[dt.datetime | None, typer.Option("--until", formats=["%Y-%m-%d"])]
Revenue = Annotated[str, typer.Option("--revenue", help="ads (platform-reported) or orders.")]
Rates = Annotated[list[str] | None, typer.Option("--rate", help="CODE=RATE into --currency.")]
Currency = Annotated[str | None, typer.Option("--currency", help="Report currency.")]


def day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None
