"""Ad-platform exports → AdStatRow: shared by the Meta and TikTok export readers.

Each platform gives a column spec (field → header names it uses, in any language); the
reader finds columns by name, takes the currency from a header suffix ``(USD)`` or a Currency
column, skips summary/total rows, and turns every unusable row into a RejectedRow saying
which row, which cell and what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

from studio.contracts import AdStatRow, FetchedRow, PluginError, RejectedRow
from studio.ingest.headers import HeaderMap
from studio.ingest.numbers import BLANKS, parse_date, parse_decimal, parse_int
from studio.ingest.table import Table

INT_FIELDS = (
    "impressions",
    "clicks",
    "link_clicks",
    "purchases",
    "plays_2s",
    "plays_3s",
    "thruplays",
)
MONEY_FIELDS = ("spend", "revenue")
TEXT_FIELDS = ("ad_id", "ad_name", "campaign_name", "account_id")


@dataclass
class ExportSpec:
    platform: str
    columns: Mapping[str, tuple[str, ...]]  # AdStatRow field (+ date, currency, ...) → headers
    total_labels: tuple[str, ...] = ("total", "总计", "合计")
    export_hint: str = ""
    # optional per-row date logic (Meta "Reporting starts/ends"); returns a date or raises
    row_date: Callable[[HeaderMap, dict[str, Any]], dt.date | None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def utm_content_from(params: str) -> str | None:
    """``utm_source=fb&utm_content=AB12CD`` (or a whole URL) → ``AB12CD``."""
    query = params.split("?", 1)[-1]
    values = parse_qs(query).get("utm_content")
    return values[0] if values else None


def read_ad_export(
    table: Table, spec: ExportSpec, *, default_currency: str | None = None
) -> Iterator[FetchedRow]:
    h = HeaderMap(table.headers)
    cols = {name: h.find(*aliases) for name, aliases in spec.columns.items()}
    cols = {k: v for k, v in cols.items() if v}
    if "spend" not in cols or ("ad_name" not in cols and "ad_id" not in cols):
        raise PluginError(
            f"{table.source}: this does not look like a {spec.platform} ad export "
            f"(need an ad name or ad ID column and a spend column; found: "
            f"{', '.join(table.headers)}). {spec.export_hint}"
        )
    if "date" not in cols and spec.row_date is None:
        raise PluginError(f"{table.source}: no date column. {spec.export_hint}")
    money_currencies = {h.currency_of(cols.get(f)) for f in MONEY_FIELDS} - {None}
    if len(money_currencies) > 1:
        raise PluginError(
            f"{table.source}: money columns are in different currencies "
            f"({', '.join(sorted(money_currencies))}); export in one currency"  # type: ignore[arg-type]
        )
    file_currency = next(iter(money_currencies), None) or default_currency
    if file_currency is None and "currency" not in cols:
        raise PluginError(
            f"{table.source}: no currency: the spend header has no suffix like "
            "'Amount spent (USD)' and there is no Currency column; pass --currency USD"
        )
    last = len(table.rows) - 1
    for index, (number, row) in enumerate(table.rows):
        first_cell = str(next(iter(row.values()), "") or "").strip().lower()
        no_id = "ad_id" not in cols or _blank(row.get(cols["ad_id"]))
        # "Total of 25 results"; an ad named "Totally new" still has an ad ID
        if no_id and any(first_cell.startswith(label) for label in spec.total_labels):
            continue
        if all(_blank(row.get(cols[c])) for c in ("ad_name", "ad_id") if c in cols):
            if index in (0, last):
                continue  # the report's summary row: blank names, totals of everything
            yield RejectedRow(
                row_number=number,
                reason=f"{table.source} row {number}: no ad name or ad ID; "
                "export at ad level (Ads tab) so each row is one ad",
                raw=_raw(row),
            )
            continue
        yield _row(table.source, spec, h, cols, row, number, file_currency)


def _blank(value: Any) -> bool:
    return value is None or str(value).strip().lower() in BLANKS


def _raw(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: (v if isinstance(v, str | int | float) or v is None else str(v)) for k, v in row.items()
    }


def _row(
    source: str,
    spec: ExportSpec,
    h: HeaderMap,
    cols: Mapping[str, str],
    row: Mapping[str, Any],
    number: int,
    currency: str | None,
) -> FetchedRow:
    values: dict[str, Any] = {"platform": spec.platform, "raw": _raw(row)}
    try:
        for name in TEXT_FIELDS:
            if name in cols and not _blank(row.get(cols[name])):
                text = str(row[cols[name]]).strip()
                # Excel turns long ad ids into floats: 1.20213e+17 → refuse rather than guess
                if name == "ad_id" and ("e+" in text.lower() or text.endswith(".0")):
                    if text.endswith(".0") and text[:-2].isdigit():
                        text = text[:-2]
                    else:
                        raise ValueError(
                            f"Ad ID {text!r} was rounded by Excel; format the column as text"
                        )
                values[name] = text
        for name in INT_FIELDS:
            if name in cols:
                values[name] = parse_int(row.get(cols[name]), field=cols[name])
        for name in MONEY_FIELDS:
            if name in cols:
                values[name] = parse_decimal(row.get(cols[name]), field=cols[name])
        if values.get("spend") is None:
            values["spend"] = Decimal("0")
        if values.get("impressions") is None:
            values["impressions"] = 0
        if values.get("revenue") is None and "roas" in cols and values["spend"]:
            roas = parse_decimal(row.get(cols["roas"]), field=cols["roas"])
            if roas is not None:
                # the export only had ROAS (rounded): revenue is an estimate, say so in raw
                values["revenue"] = (roas * values["spend"]).quantize(Decimal("0.01"))
                values["raw"]["_revenue_estimated_from_roas"] = True
        if "url_params" in cols and row.get(cols["url_params"]):
            values["utm_content"] = utm_content_from(str(row[cols["url_params"]]))
        if "utm_content" in cols and row.get(cols["utm_content"]):
            values["utm_content"] = str(row[cols["utm_content"]]).strip()
        row_currency = str(row.get(cols["currency"]) or "").strip() if "currency" in cols else ""
        values["currency"] = (row_currency or currency or "").upper()
        if not values["currency"]:
            raise ValueError("the Currency cell is empty; fill it in or pass --currency")
        date = spec.row_date(h, dict(row)) if spec.row_date else None
        if date is None and "date" in cols:
            date = parse_date(row.get(cols["date"]), field=cols["date"])
        if date is None:
            raise ValueError(f"no date; {spec.export_hint}")
        values["date"] = date
        for name in INT_FIELDS + MONEY_FIELDS:
            if values.get(name) is not None and values[name] < 0:
                raise ValueError(f"{cols[name]} is negative ({values[name]})")
        if not values["currency"].isalpha() or len(values["currency"]) != 3:
            raise ValueError(f"currency {values['currency']!r} is not a code like USD")
        # every field was parsed and checked above; skipping pydantic's second pass makes a
        # million-row import several seconds faster
        return AdStatRow.model_construct(**values)
    except ValueError as exc:
        return RejectedRow(
            row_number=number,
            reason=f"{source} row {number}: {exc}; fix the cell or re-export, then import again",
            raw=values["raw"],
        )
