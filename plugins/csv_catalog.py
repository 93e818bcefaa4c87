"""Catalog from any CSV/XLSX: columns mapped to product fields by name.

``connect({"mapping": {"title": "Product name", "price": "Price (USD)"}, "currency": "USD"})``;
without a mapping, common column names are recognised (Title/Name, Price, Image URL, ...).
Columns not mapped to a field are kept in ``attributes`` so templates can bind to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from studio import hookimpl
from studio.contracts import (
    FetchedRow,
    FetchQuery,
    OrderRow,
    PluginError,
    RejectedRow,
    SyncResult,
)
from studio.ingest import HeaderMap, IngestError, Table, parse_date, read_table
from studio.ingest.columns import CATALOG_COLUMNS, ORDER_COLUMNS, match_columns
from studio.ingest.prices import currency_code, read_price
from studio.product import ProductData

# product field → column names tried when the seller gave no mapping (studio/ingest/columns.py)
DEFAULT_COLUMNS = CATALOG_COLUMNS
_IMAGE_SPLIT = re.compile(r"[\s,;|]+")


class CsvCatalog:
    name = "csv"
    version = "1.0"
    kinds = ("products", "orders")

    def __init__(self) -> None:
        self.mapping: dict[str, str] = {}
        self.order_mapping: dict[str, str] = {}
        self.currency = "USD"
        self.sheet: str | None = None

    def connect(self, config: Mapping[str, Any]) -> None:
        self.mapping = dict(config.get("mapping") or {})
        unknown = set(self.mapping) - set(DEFAULT_COLUMNS)
        if unknown:
            raise PluginError(
                f"csv mapping: unknown product field(s) {sorted(unknown)}; "
                f"use {sorted(DEFAULT_COLUMNS)}"
            )
        self.currency = str(config.get("currency") or "USD")
        self.sheet = config.get("sheet")
        # folders where relative image paths are looked for, in order; when given, images must
        # stay inside them (an uploaded catalog may not point the renderer at server files)
        self.image_dirs = [Path(d).resolve() for d in config.get("image_dirs") or ()]
        self.order_mapping = dict(config.get("order_mapping") or {})
        unknown = set(self.order_mapping) - set(ORDER_COLUMNS)
        if unknown:
            raise PluginError(
                f"csv order mapping: unknown field(s) {sorted(unknown)}; "
                f"use {sorted(ORDER_COLUMNS)}"
            )

    def fetch(self, query: FetchQuery) -> Iterator[FetchedRow]:
        if query.kind not in self.kinds:
            raise PluginError(f"the csv source reads products and orders, not {query.kind}")
        if query.path is None:
            raise PluginError("the csv source needs a file: studio import catalog FILE")
        try:
            table = read_table(query.path, sheet=query.options.get("sheet", self.sheet))
        except IngestError as exc:
            raise PluginError(str(exc)) from None
        if query.kind == "orders":
            yield from orders_from_table(table, self.order_mapping, self.currency)
        else:
            yield from products_from_table(
                table, self.mapping, self.currency, source=self.name,
                image_dirs=self.image_dirs or [Path(query.path).resolve().parent],
                confine_images=bool(self.image_dirs),
            )

    def sync(self, data: Iterable[Any]) -> SyncResult:
        raise PluginError("the csv source is read-only; export a new file instead")


def products_from_table(
    table: Table, mapping: Mapping[str, str], currency: str, *, source: str,
    image_dirs: list[Path] | None = None, confine_images: bool = False,
) -> Iterator[FetchedRow]:
    """Shared by CSV files and Google Sheets: one row → one product, or a rejected row.

    With ``image_dirs`` (by default the catalog file's folder) local image paths become
    absolute paths checked to exist: the worker that renders the video runs in a folder of
    its own. With ``confine_images`` they must also lie inside one of those folders."""
    headers = HeaderMap(table.headers)
    columns, missing = match_columns(headers, CATALOG_COLUMNS, mapping)
    for field, wanted in missing.items():
        raise PluginError(
            f"{table.source}: mapped column {wanted!r} for {field} is not in the file; "
            f"columns are: {', '.join(table.headers)}"
        )
    for needed in ("title", "price"):
        if needed not in columns:
            raise PluginError(
                f"{table.source}: no column for the product {needed}; map one with "
                f"--map {needed}=COLUMN (columns: {', '.join(table.headers)})"
            )
    # a price column "Price (EUR)" states the currency; the import's currency is a default
    money = Money(headers, columns, currency)
    mapped = set(columns.values())
    for number, row in table.rows:
        product = _product(row, number, columns, mapped, money, source, table.source)
        if image_dirs and isinstance(product, ProductData):
            product = _with_local_images(product, image_dirs, confine_images, number,
                                         columns.get("images", ""), table.source, row)
        yield product


def _with_local_images(product: ProductData, image_dirs: list[Path], confine: bool,
                       number: int, column: str, file: str, row: dict[str, Any]) -> FetchedRow:
    """Local image paths resolved against the image folders; URLs kept as written."""
    images = []
    for image in product.images:
        if "://" in image:
            images.append(image)
            continue
        tried = [(folder / Path(image).expanduser()).resolve() for folder in image_dirs]
        found = next((p for p in tried if p.is_file() and (
            not confine or any(p.is_relative_to(folder) for folder in image_dirs))), None)
        if found is None:
            if confine:  # an upload: the seller sees this, the server's folders are not theirs
                reason = (f"{file} row {number}, column {column!r}: photo {image!r} is not in "
                          "the media library; images must be web links (https://…) or files "
                          "already in the media library")
            else:
                where = " or ".join(str(p) for p in tried)
                reason = (f"{file} row {number}, column {column!r}: image {image!r} not found "
                          f"(looked for {where}; relative paths are read from the catalog "
                          "file's folder)")
            raw = {k: v for k, v in row.items() if v not in (None, "")}
            return RejectedRow(row_number=number, reason=reason, raw=raw)
        images.append(str(found))
    return product.model_copy(update={"images": images})


class Money:
    """The currencies one file states: a header suffix ("Price (EUR)", "Cost (CNY)") or a
    Currency column is firm; the import's currency (``--currency``) is only a default."""

    def __init__(self, headers: HeaderMap, columns: dict[str, str], default: str) -> None:
        self.columns = columns
        self.default = default.upper()
        self.stated = {
            field: code for field in ("price", "compare_at_price", "cost")
            if (code := headers.currency_of(columns.get(field)))
        }  # fmt: skip

    def row_currency(self, row: dict[str, Any]) -> tuple[str | None, str]:
        """The row's own Currency cell (checked) and who stated it."""
        column = self.columns.get("currency")
        text = str(row.get(column) or "").strip() if column else ""
        if not text:
            return None, ""
        code = currency_code(text)
        if code is None:
            raise ValueError(
                f"column {column!r}: {text!r} is not a currency code; write one such as "
                "USD, EUR or CNY"
            )
        return code, f"the {column!r} column"

    def read(self, row: dict[str, Any]) -> dict[str, Any]:
        """price, compare_at_price, cost and the one currency they are all in."""
        row_code, row_said = self.row_currency(row)
        out: dict[str, Any] = {}
        currency: str | None = None
        for field in ("price", "compare_at_price", "cost"):
            column = self.columns.get(field)
            if column is None:
                out[field] = None
                continue
            stated = self.stated.get(field)
            if stated and row_code and stated != row_code:
                raise ValueError(
                    f"the header {column!r} says {stated} but {row_said} says {row_code}; "
                    "correct one of them"
                )
            code = row_code or stated
            said = row_said if row_code else f"the header {column!r}"
            amount, found = read_price(row.get(column), column=column,
                                       currency=code or currency or self.default,
                                       firm=code is not None, said_by=said)
            if amount is not None:
                if currency is not None and found != currency:
                    raise ValueError(
                        f"column {column!r} is in {found} but the price is in {currency}; a "
                        f"product's prices and cost must be in one currency: convert the "
                        f"{field.replace('_', ' ')} to {currency}"
                    )
                currency = found
            out[field] = amount
        out["currency"] = currency or row_code or self.default
        return out


def _product(
    row: dict[str, Any],
    number: int,
    columns: dict[str, str],
    mapped: set[str],
    money: Money,
    source: str,
    file: str,
) -> FetchedRow:
    def cell(field: str) -> str:
        value = row.get(columns[field]) if field in columns else None
        return "" if value is None else str(value).strip()

    raw = {k: v for k, v in row.items() if v not in (None, "")}
    try:
        amounts = money.read(row)
        if amounts["price"] is None:
            raise ValueError("price is empty; fill it in or remove the row")
        images = [u for u in _IMAGE_SPLIT.split(cell("images")) if u] if "images" in columns else []
        product = ProductData(
            title=cell("title"),
            description=cell("description"),
            **amounts,
            category=cell("category"),
            images=images,
            external_id=cell("external_id") or None,
            source=source,
            attributes={k: v for k, v in raw.items() if k not in mapped},
        )
    except (ValueError, ValidationError) as exc:
        return RejectedRow(
            row_number=number, reason=f"{file} row {number}: {_explain(exc)}", raw=raw
        )
    return product


def _explain(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}" for e in exc.errors()
        )
    return str(exc)


def orders_from_table(
    table: Table, mapping: Mapping[str, str], currency: str
) -> Iterator[FetchedRow]:
    headers = HeaderMap(table.headers)
    matched, missing = match_columns(headers, ORDER_COLUMNS, mapping)
    for field, wanted in missing.items():
        raise PluginError(
            f"{table.source}: mapped column {wanted!r} for the order {field} is not in the "
            f"file; columns are: {', '.join(table.headers)}"
        )
    cols: dict[str, str | None] = {f: matched.get(f) for f in ORDER_COLUMNS}
    for needed in ("order_id", "date", "revenue"):
        if cols[needed] is None:
            raise PluginError(
                f"{table.source}: no column for the order {needed}; map one with "
                f"--map {needed}=COLUMN (columns: {', '.join(table.headers)})"
            )
    stated = headers.currency_of(cols["revenue"])
    for number, row in table.rows:

        def cell(f: str, row: dict[str, Any] = row) -> str:
            col = cols.get(f)
            return str(row.get(col) or "").strip() if col else ""

        raw = {k: v for k, v in row.items() if v not in (None, "")}
        raw.update({f: cell(f) for f in ("utm_source", "utm_medium") if cell(f)})
        try:
            code, said = _order_currency(cell("currency"), cols["currency"], stated,
                                         cols["revenue"])
            revenue, found = read_price(
                row.get(cols["revenue"] or ""), column=str(cols["revenue"]),
                currency=code or currency, firm=code is not None, said_by=said,
            )
            date = parse_date(row.get(cols["date"] or ""), field=str(cols["date"]))
            if revenue is None or date is None or not cell("order_id"):
                raise ValueError("order id, date and total are all needed")
            if cell("sku"):  # the variant sold: its own price and cost give the margin
                raw["sku"] = cell("sku")
            yield OrderRow(
                order_id=cell("order_id"), date=date, revenue=revenue, currency=found,
                utm_content=cell("utm_content") or None, utm_campaign=cell("utm_campaign") or None,
                raw=raw,
            )  # fmt: skip
        except ValueError as exc:
            yield RejectedRow(
                row_number=number, reason=f"{table.source} row {number}: {_explain(exc)}", raw=raw
            )


def _order_currency(
    text: str, column: str | None, stated: str | None, revenue_column: str | None
) -> tuple[str | None, str]:
    """The currency an order row states (its Currency cell, else the total's header)."""
    if text:
        code = currency_code(text)
        if code is None:
            raise ValueError(f"column {column!r}: {text!r} is not a currency code; write one "
                             "such as USD, EUR or CNY")
        if stated and code != stated:
            raise ValueError(f"the header {revenue_column!r} says {stated} but the {column!r} "
                             f"column says {code}; correct one of them")
        return code, f"the {column!r} column"
    return stated, f"the header {revenue_column!r}"


@hookimpl
def register_data_sources(register: Any) -> None:
    register(CsvCatalog())
