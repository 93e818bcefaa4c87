"""What a dropped file is, before anything is imported: its kind from the headers (a Shopify
product export, a catalog, a Meta or TikTok ad export, shop orders), what is in it, the
column read for each field, the currency it states — read from the first rows only, so a
big file answers as fast as a small one. Nothing is written anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from studio.errors import InvalidInput
from studio.ingest.file_kinds import (
    KINDS,
    Summary,
    ads_summary,
    catalog_summary,
    orders_summary,
    scores,
    shopify_summary,
)
from studio.ingest.prices import currency_code
from studio.ingest.table import (
    NOT_TABLE_NAMES,
    IngestError,
    NotATable,
    Table,
    UnclosedQuote,
    read_head,
)
from studio.schemas.imports import ColumnUse, DetectedFile, DetectNote
from studio.services.catalog import CatalogFile
from studio.services.sources import as_named

PAGE_OF = {"shopify_products": "catalog", "catalog": "catalog", "meta_ads": "ads",
           "tiktok_ads": "ads", "orders": "ads"}
SOURCE_OF = {"shopify_products": "shopify", "catalog": "csv", "meta_ads": "meta",
             "tiktok_ads": "tiktok", "orders": "csv"}
KIND_NAMES = {"shopify_products": "a Shopify product export", "catalog": "a product catalog",
              "meta_ads": "a Meta ad export", "tiktok_ads": "a TikTok ad export",
              "orders": "a shop order export", "unknown": "a file of unknown kind"}
PAGE_NAMES = {"catalog": "Catalog", "ads": "Ad results"}
# the kinds whose data source takes a column mapping from the seller
ADJUSTABLE = ("catalog", "orders")
AD_PLATFORMS = ("meta", "tiktok")

NOTES = {
    "partial": "counted from the first {rows} rows; importing reads the whole file",
    "drafts": "{n} products are drafts, unpublished or archived in the shop; they are "
              "imported only if you include them",
    "currency_not_in_file": "the file does not say which currency its amounts are in; choose "
                            "it",
    "store_currency": "a Shopify export does not say the store's currency; choose it "
                      "(Shopify admin: Settings, Store details)",
    "currency_from_file": "amounts are in {currency}, as the file says",
    "several_currencies": "rows are in several currencies ({currencies}); each row is read in "
                          "its own",
    "mapped_column_missing": "the column {column!r} chosen for the {field} is not in the file",
    "needs_column": "no column holds the {field}; choose the column that does",
    "rows_without_price": "{n} rows have a title but no price; they will be listed as not "
                          "imported",
    "rows_without_product": "{n} rows belong to no product with a title; they will be "
                            "listed as not imported",
    "without_photo": "{n} products have no photo; add one before making their videos",
    "summary_rows": "{n} summary or total rows are skipped",
    "orders_without_utm": "no order carries a utm_content code, so these orders cannot be "
                          "linked to videos",
    "wrong_page": "this is {kind_name}; import it on the {page_name} page",
}
# the words of a note when its {n} is 1 ("1 row has", not "1 rows have")
NOTES_ONE = {
    "drafts": "1 product is a draft, unpublished or archived in the shop; it is imported only "
              "if you include it",
    "rows_without_price": "1 row has a title but no price; it will be listed as not imported",
    "rows_without_product": "1 row belongs to no product with a title; it will be listed as "
                            "not imported",
    "without_photo": "1 product has no photo; add one before making its videos",
    "summary_rows": "1 summary or total row is skipped",
}


@dataclass(frozen=True)
class DetectOptions:
    """The seller's choices on the preview: the kind (when detection got it wrong), the
    columns, the currency; ``page`` is where the file was dropped; ``size`` the whole
    file's size when only its beginning was sent."""

    kind: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)
    currency: str | None = None
    page: str | None = None
    size: int | None = None


def ad_columns() -> dict[str, Mapping[str, tuple[str, ...]]]:
    """Platform → the header names its installed ad source reads (its export spec)."""
    from studio.plugins import get_data_source

    found = {}
    for platform in AD_PLATFORMS:
        try:
            spec = getattr(get_data_source(platform), "spec", None)
        except LookupError:
            continue
        if spec is not None:
            found[platform] = spec.columns
    return found


def detect_file(file: CatalogFile, options: DetectOptions | None = None) -> DetectedFile:
    """Read the file's first rows and say what it is; errors name the file and what to do."""
    options = options or DetectOptions()
    if file.path.stat().st_size == 0:
        raise InvalidInput("import.empty_file", field="file", file=file.name)
    try:
        table = read_head(file.path, source=file.name, size=options.size)
    except NotATable as exc:
        raise InvalidInput("import.not_a_table", field="file", file=file.name, what=exc.what,
                           what_name=NOT_TABLE_NAMES[exc.what]) from None
    except UnclosedQuote as exc:
        raise InvalidInput("import.unclosed_quote", field="file", file=file.name,
                           row=exc.row) from None
    except IngestError as exc:
        raise InvalidInput("import.unreadable", field="file", file=file.name,
                           detail=as_named(str(exc), file.path, file.name)) from None
    if not table.rows:
        raise InvalidInput("import.no_rows", field="file", file=file.name)
    return describe(table, file.name, options, ad_columns())


def _check(options: DetectOptions) -> str | None:
    if options.kind is not None and options.kind not in KINDS:
        raise InvalidInput("import.bad_kind", field="kind", kind=options.kind,
                           allowed=", ".join(KINDS))
    if options.page is not None and options.page not in PAGE_NAMES:
        raise InvalidInput("import.bad_page", field="page", page=options.page,
                           allowed=", ".join(PAGE_NAMES))
    if not options.currency:
        return None
    code = currency_code(options.currency)
    if code is None:
        raise InvalidInput("import.bad_currency", field="currency", currency=options.currency)
    return code


def _summary(kind: str, table: Table, options: DetectOptions,
             ads: Mapping[str, Mapping[str, tuple[str, ...]]]) -> Summary | None:
    if kind == "shopify_products":
        return shopify_summary(table)
    if kind == "catalog":
        return catalog_summary(table, options.mapping)
    if kind == "orders":
        return orders_summary(table, options.mapping)
    platform = kind.removesuffix("_ads")
    if platform in ads:
        return ads_summary(table, platform, ads[platform])
    return None


def describe(table: Table, file_name: str, options: DetectOptions,
             ads: Mapping[str, Mapping[str, tuple[str, ...]]]) -> DetectedFile:
    """The preview of ``table`` (pure: the headers and rows decide everything)."""
    chosen_currency = _check(options)
    fits = scores(table.headers, ads, options.mapping)
    ranked = sorted(fits, key=lambda k: -fits[k])
    kind = options.kind or (ranked[0] if ranked else "unknown")
    summary = _summary(kind, table, options, ads) if kind != "unknown" else None
    notes: list[tuple[str, dict[str, Any]]] = []
    page = PAGE_OF.get(kind)
    wrong_page = bool(options.page and page and page != options.page)
    if wrong_page and page:
        notes.append(("wrong_page", {"kind": kind, "kind_name": KIND_NAMES[kind],
                                     "page": page, "page_name": PAGE_NAMES[page]}))
    if not table.complete:
        notes.append(("partial", {"rows": len(table.rows)}))
    public = DetectedFile(
        file_name=file_name, kind=kind, kind_name=KIND_NAMES.get(kind, kind), page=page,
        wrong_page=wrong_page, source=SOURCE_OF.get(kind), complete=table.complete,
        headers=[h for h in table.headers if h], other_kinds=[k for k in ranked if k != kind],
        mapping_adjustable=kind in ADJUSTABLE, ready=False,
    )
    if summary is None:
        public.notes = [_note(code, params) for code, params in notes]
        return public
    stated = summary.stated_currency
    # rows naming their own currencies need no choice (one only fills rows without)
    currency = stated or chosen_currency or next(iter(summary.row_currencies), None)
    if stated:
        notes.append(("currency_from_file", {"currency": stated}))
    elif currency is None:
        notes.append(("store_currency" if kind == "shopify_products"
                      else "currency_not_in_file", {}))
    notes += summary.notes
    notes += [("needs_column", {"field": f}) for f in summary.missing]
    drafts = summary.counts.get("drafts", 0)
    if drafts:
        notes.append(("drafts", {"n": drafts}))
    if summary.counts.get("without_photo") and "products" in summary.counts:
        notes.append(("without_photo", {"n": summary.counts["without_photo"]}))
    required = set(summary.required)
    public.counts = summary.counts
    public.columns = [ColumnUse(field=f, column=c, required=f in required)
                      for f, c in summary.columns.items()]
    public.currency, public.currency_stated = currency, stated
    public.row_currencies = summary.row_currencies
    public.currency_needed = currency is None
    public.first_day, public.last_day = summary.first_day, summary.last_day
    public.money = summary.money
    public.sample = summary.sample
    public.notes = [_note(code, params) for code, params in notes]
    public.ready = (not summary.missing and currency is not None
                    and not any(code == "mapped_column_missing" for code, _ in notes))
    return public


def _note(code: str, params: dict[str, Any]) -> DetectNote:
    words = NOTES_ONE.get(code) if params.get("n") == 1 else None
    words = words or NOTES[code]
    try:
        message = words.format(**params)
    except (KeyError, IndexError, ValueError):
        message = words
    return DetectNote(code=code, params=params, message=message)
