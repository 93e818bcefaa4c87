"""What kind of export a table is, from its headers, and what is in it — read from the first
rows only, without importing anything.

Kinds: a Shopify product export, a generic catalog, a Meta or TikTok Ads Manager export, a
shop's order export. Each reader gives a :class:`Summary`: counts a seller recognises
(products, variants, drafts; ads, days, spend; orders), the column read for each field, the
currency the file states, a few sample names and notes (``code`` + ``params``) worth saying.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from studio.ingest.columns import (
    CATALOG_COLUMNS,
    CATALOG_REQUIRED,
    ORDER_COLUMNS,
    ORDER_REQUIRED,
    match_columns,
)
from studio.ingest.headers import HeaderMap
from studio.ingest.numbers import parse_date, parse_decimal
from studio.ingest.prices import currency_code, read_price
from studio.ingest.table import Table

KINDS = ("shopify_products", "catalog", "meta_ads", "tiktok_ads", "orders")

# headers only one platform's export has (FORMATS.md): they tell Meta from TikTok
META_MARKERS = ("Reporting starts", "Reporting ends", "Ad delivery", "Result indicator",
                "Results", "Reach", "Frequency", "Attribution setting", "Ad set name",
                "Link clicks", "3-second video plays", "ThruPlays", "Quality ranking",
                "Amount spent", "Cost per results", "Cost per result")
TIKTOK_MARKERS = ("Complete payment", "Complete payment value", "Complete payment ROAS",
                  "2-second video views", "6-second video views", "Clicks (destination)",
                  "CTR (destination)", "By Day", "Conversions", "Ad group name",
                  "Advertiser ID", "Cost", "完成支付", "花费", "2秒视频播放量")
ORDER_MARKERS = ("Financial Status", "Fulfillment Status", "Lineitem name", "Lineitem quantity",
                 "Lineitem price", "Paid at", "Order ID", "Order", "Order number", "订单号",
                 "Shipping", "Taxes", "Subtotal", "utm_content")
SHOPIFY_MARKERS = ("Variant Price", "Option1 Name", "Variant SKU", "Image Src",
                   "Variant Inventory Qty", "Variant Compare At Price")
# Meta's date may come as the report's range instead of a Day column
AD_DATE_FALLBACK = ("Reporting starts",)


@dataclass
class Summary:
    kind: str
    counts: dict[str, int] = field(default_factory=dict)
    columns: dict[str, str | None] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    stated_currency: str | None = None
    # every row names its own currency (a Currency column filled in): these codes
    row_currencies: list[str] = field(default_factory=list)
    sample: list[str] = field(default_factory=list)
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    money: Decimal | None = None  # ad spend, or order revenue

    @property
    def missing(self) -> list[str]:
        return [f for f in self.required if not self.columns.get(f)]


def _cell(row: Mapping[str, Any], column: str | None) -> str:
    value = row.get(column) if column else None
    return "" if value is None else str(value).strip()


def _markers(h: HeaderMap, names: tuple[str, ...]) -> int:
    return sum(1 for name in names if h.find(name) is not None)


def scores(headers: list[str], ad_columns: Mapping[str, Mapping[str, tuple[str, ...]]],
           mapping: Mapping[str, str] | None = None) -> dict[str, int]:
    """How well the headers fit each kind (absent: not at all). ``ad_columns``: platform →
    the field → header names its ad source reads (only installed platforms are candidates);
    ``mapping``: the columns the seller chose (for a catalog or orders)."""
    h = HeaderMap(headers)
    found: dict[str, int] = {}
    if h.find("Handle", "URL handle") and _markers(h, SHOPIFY_MARKERS):
        found["shopify_products"] = 100 + _markers(h, SHOPIFY_MARKERS)
    for platform, columns in ad_columns.items():
        cols, _ = match_columns(h, columns)
        if "spend" in cols and ("ad_name" in cols or "ad_id" in cols):
            markers = META_MARKERS if platform == "meta" else TIKTOK_MARKERS
            found[f"{platform}_ads"] = 60 + _markers(h, markers)
    cols, _ = match_columns(h, ORDER_COLUMNS, mapping)
    if all(f in cols for f in ORDER_REQUIRED) and _markers(h, ORDER_MARKERS):
        found["orders"] = 50 + _markers(h, ORDER_MARKERS)
    cols, _ = match_columns(h, CATALOG_COLUMNS, mapping)
    both = all(f in cols for f in CATALOG_REQUIRED)
    if both or any(f in cols for f in CATALOG_REQUIRED):
        found["catalog"] = (40 if both else 15) + len(cols)
    return found


# --- a Shopify product export ----------------------------------------------------------


def _status(h: HeaderMap, row: Mapping[str, Any]) -> str:
    status = _cell(row, h.find("Status")).lower()
    if status:
        return status
    published = _cell(row, h.find("Published")).lower()
    return "draft" if published in ("false", "0", "no") else "active"


def shopify_summary(table: Table) -> Summary:
    """Products are the rows sharing a Handle: the first carries the product, the others
    add a variant and/or a photo (``Image Src``)."""
    h = HeaderMap(table.headers)
    handle_col = h.find("Handle", "URL handle")
    names = {"title": "Title", "price": "Variant Price", "compare_at_price":
             "Variant Compare At Price", "sku": "Variant SKU", "images": "Image Src",
             "status": "Status", "description": "Body (HTML)", "category": "Product Category",
             "option1": "Option1 Name", "cost": "Cost per item"}
    columns = {f: h.find(n) for f, n in names.items()}
    summary = Summary("shopify_products", columns={"external_id": handle_col, **columns},
                      required=("external_id", "title", "price"))
    groups: dict[str, list[Mapping[str, Any]]] = {}
    no_handle = 0
    for _, row in table.rows:
        handle = _cell(row, handle_col)
        if handle:
            groups.setdefault(handle, []).append(row)
        else:
            no_handle += 1
    products = variants = drafts = archived = photos = without_photo = untitled = 0
    for group in groups.values():
        first = group[0]
        if not _cell(first, columns["title"]):
            untitled += 1
            continue
        products += 1
        status = _status(h, first)
        drafts += status != "active"
        archived += status == "archived"
        images = {_cell(r, columns["images"]) for r in group} - {""}
        photos += len(images)
        without_photo += not images
        variants += sum(1 for r in group if _cell(r, columns["price"])
                        or _cell(r, columns["sku"]) or _cell(r, h.find("Option1 Value")))
        if len(summary.sample) < 5:
            summary.sample.append(_cell(first, columns["title"]))
    summary.counts = {"rows": len(table.rows), "products": products, "variants": variants,
                      "drafts": drafts, "archived": archived, "images": photos,
                      "without_photo": without_photo}
    if untitled or no_handle:
        summary.notes.append(("rows_without_product", {"n": untitled + no_handle}))
    return summary


# --- a generic catalog ---------------------------------------------------------------------


def _stated_in_cells(rows: list[tuple[int, dict[str, Any]]], column: str | None
                     ) -> str | None:
    """The one currency price cells name (``€49,99``, ``99 RMB``), if they name one."""
    seen: set[str] = set()
    for _, row in rows[:200]:
        try:
            _, code = read_price(row.get(column) if column else None, column=column or "",
                                 currency="XXX")
        except ValueError:
            continue
        if code != "XXX":
            seen.add(code)
    return seen.pop() if len(seen) == 1 else None


def _currency_column(rows: list[tuple[int, dict[str, Any]]], column: str | None,
                     summary: Summary) -> str | None:
    """The one currency a Currency column names; with several, each row is read in its own
    (``row_currencies``) when every row names one."""
    if not column:
        return None
    values = [currency_code(_cell(r, column)) for _, r in rows]
    codes = sorted({c for c in values if c})
    if codes and all(values):
        summary.row_currencies = codes
    if len(codes) > 1:
        summary.notes.append(("several_currencies", {"currencies": ", ".join(codes)}))
    return codes[0] if len(codes) == 1 else None


def _mapped(table: Table, kind: str, known: Mapping[str, tuple[str, ...]],
            required: tuple[str, ...], mapping: Mapping[str, str] | None
            ) -> tuple[HeaderMap, dict[str, str], Summary]:
    """The columns of a kind the seller may map, and its summary with a note per mapped
    column the file lacks."""
    h = HeaderMap(table.headers)
    cols, missing = match_columns(h, known, mapping)
    summary = Summary(kind, columns={f: cols.get(f) for f in known}, required=required)
    for field_name, wanted in missing.items():
        summary.notes.append(("mapped_column_missing", {"field": field_name, "column": wanted}))
    return h, cols, summary


@dataclass
class _Tally:
    """The days and the money (spend, revenue) of the rows read."""

    date_col: str | None
    money_col: str | None
    days: set[dt.date] = field(default_factory=set)
    money: Decimal = Decimal(0)

    def add(self, row: Mapping[str, Any]) -> None:
        try:
            day = parse_date(row.get(self.date_col or ""), field=str(self.date_col))
            amount = parse_decimal(row.get(self.money_col or ""), field=str(self.money_col))
        except ValueError:
            return
        if day is not None:
            self.days.add(day)
        self.money += amount or 0

    def into(self, summary: Summary) -> None:
        summary.money = self.money
        if self.days:
            summary.first_day, summary.last_day = min(self.days), max(self.days)


def catalog_summary(table: Table, mapping: Mapping[str, str] | None = None) -> Summary:
    h, cols, summary = _mapped(table, "catalog", CATALOG_COLUMNS, CATALOG_REQUIRED, mapping)
    price = cols.get("price")
    summary.stated_currency = (h.currency_of(price) or _currency_column(
        table.rows, cols.get("currency"), summary) or _stated_in_cells(table.rows, price))
    products = no_price = without_photo = 0
    for _, row in table.rows:
        title = _cell(row, cols.get("title"))
        if not title or not _cell(row, price):
            no_price += bool(title)
            continue
        products += 1
        without_photo += not _cell(row, cols.get("images"))
        if len(summary.sample) < 5:
            summary.sample.append(title)
    summary.counts = {"rows": len(table.rows), "products": products,
                      "without_photo": without_photo if cols.get("images") else products}
    if no_price and not summary.missing:
        summary.notes.append(("rows_without_price", {"n": no_price}))
    return summary


# --- Meta and TikTok ad exports ---------------------------------------------------------


def ads_summary(table: Table, platform: str, columns: Mapping[str, tuple[str, ...]]
                ) -> Summary:
    h = HeaderMap(table.headers)
    cols, _ = match_columns(h, columns)
    date_col = cols.get("date") or h.find(*AD_DATE_FALLBACK)
    summary = Summary(f"{platform}_ads", columns={f: cols.get(f) for f in columns},
                      required=("spend",))
    summary.columns["date"] = date_col
    spend_col = cols.get("spend")
    summary.stated_currency = h.currency_of(spend_col) or _currency_column(
        table.rows, cols.get("currency"), summary)
    ads: set[str] = set()
    tally = _Tally(date_col, spend_col)
    rows = 0
    for _, row in table.rows:
        ad = _cell(row, cols.get("ad_id")) or _cell(row, cols.get("ad_name"))
        if not ad or (ad.lower().startswith(("total", "总计", "合计"))
                      and not _cell(row, cols.get("ad_id"))):
            continue  # the report's summary or total row
        rows += 1
        if ad not in ads and len(summary.sample) < 5:
            summary.sample.append(_cell(row, cols.get("ad_name")) or ad)
        ads.add(ad)
        tally.add(row)
    summary.counts = {"rows": rows, "ads": len(ads), "days": len(tally.days)}
    tally.into(summary)
    if rows < len(table.rows):
        summary.notes.append(("summary_rows", {"n": len(table.rows) - rows}))
    return summary


# --- a shop's orders -------------------------------------------------------------------


def orders_summary(table: Table, mapping: Mapping[str, str] | None = None) -> Summary:
    h, cols, summary = _mapped(table, "orders", ORDER_COLUMNS, ORDER_REQUIRED, mapping)
    revenue_col = cols.get("revenue")
    summary.stated_currency = h.currency_of(revenue_col) or _currency_column(
        table.rows, cols.get("currency"), summary)
    orders: set[str] = set()
    tally = _Tally(cols.get("date"), revenue_col)
    tagged = 0
    for _, row in table.rows:
        order = _cell(row, cols.get("order_id"))
        if not order:
            continue
        if order not in orders and len(summary.sample) < 5:
            summary.sample.append(order)
        orders.add(order)
        tagged += bool(_cell(row, cols.get("utm_content")))
        tally.add(row)
    summary.counts = {"rows": len(table.rows), "orders": len(orders), "with_utm": tagged}
    tally.into(summary)
    if orders and not tagged:
        summary.notes.append(("orders_without_utm", {}))
    return summary
