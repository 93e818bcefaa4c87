"""The import box: what a dropped file is (before importing) and what importing it did."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from studio.schemas.ads import AdImportPublic, ImportJobPublic, OrderImportResult
from studio.schemas.products import ProductImportResult

ImportKind = Literal["shopify_products", "catalog", "meta_ads", "tiktok_ads", "orders",
                     "unknown"]
ImportPage = Literal["catalog", "ads"]


class DetectNote(BaseModel):
    """Something worth telling the seller about the file: ``code`` + ``params`` (the web
    studio words it in the seller's language), ``message`` in English."""

    code: str
    params: dict[str, Any] = Field(default_factory=dict)
    message: str


class ColumnUse(BaseModel):
    """The file's column the import reads for one field (None: no column)."""

    field: str
    column: str | None
    required: bool = False


class DetectedFile(BaseModel):
    """What the studio found in a file, read from its first rows; nothing is imported yet."""

    file_name: str
    kind: ImportKind = Field(description="shopify_products, catalog, meta_ads, tiktok_ads, "
                                         "orders, or unknown.")
    kind_name: str = Field(description="The kind in English words, e.g. a Meta ad export.")
    page: ImportPage | None = Field(None, description="The web studio page that imports "
                                                      "this kind.")
    wrong_page: bool = Field(False, description="The file belongs on another page than the "
                                                "one asked for.")
    source: str | None = Field(None, description="The data source that will read it.")
    complete: bool = Field(description="True: the whole file was read; false: the counts "
                                       "are of its first rows only.")
    headers: list[str]
    counts: dict[str, int] = Field(default_factory=dict, description="rows; products, "
                                   "variants, drafts, archived, images, without_photo; ads, "
                                   "days; orders, with_utm — as the kind has them.")
    columns: list[ColumnUse] = Field(default_factory=list)
    mapping_adjustable: bool = Field(False, description="The seller may choose the columns "
                                                        "(catalogs and orders).")
    currency: str | None = Field(None, description="The currency the import will read "
                                                   "amounts in.")
    currency_stated: str | None = Field(None, description="The currency the file itself "
                                                          "states, if it does.")
    currency_needed: bool = Field(False, description="The file does not say its currency "
                                                     "and none was chosen.")
    row_currencies: list[str] = Field(default_factory=list, description="Every row names "
                                      "its own currency: these.")
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    money: Decimal | None = Field(None, description="Ad spend or order revenue in the rows "
                                                    "read.")
    sample: list[str] = Field(default_factory=list, description="A few product or ad names.")
    other_kinds: list[ImportKind] = Field(default_factory=list, description="Other kinds "
                                          "the headers could fit, best first.")
    notes: list[DetectNote] = Field(default_factory=list)
    ready: bool = Field(description="It can be imported as it is (columns and currency "
                                    "known).")


class FileImportPublic(BaseModel):
    """A file imported through the import box: the kind it was and the import's summary
    (one of ``products``, ``ads``, ``orders``)."""

    kind: ImportKind
    source: str
    file_name: str
    products: ProductImportResult | None = None
    ads: AdImportPublic | None = None
    orders: OrderImportResult | None = None


class FileImportAccepted(ImportJobPublic):
    """A big file, imported by a worker: follow ``status_url``."""

    kind: ImportKind
