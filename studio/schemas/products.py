"""Products: the catalog a seller renders videos from."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator

from studio.money import minor_units
from studio.product import ProductData, ProductVariant
from studio.product_media import check_image_reference
from studio.schemas.common import RowId, RowRejection


def _check_images(images: list[str] | None) -> list[str] | None:
    return None if images is None else [check_image_reference(i) for i in images]


def _check_variants(variants: list[ProductVariant] | None) -> list[ProductVariant] | None:
    for variant in variants or []:
        if variant.image:
            check_image_reference(variant.image)
    return variants


class ProductCreate(ProductData):
    """A product as the seller knows it; ``price`` is a decimal string ("19.99").

    ``images`` are http(s) URLs or paths inside the studio's media folder.
    """

    _images = field_validator("images")(_check_images)
    _variants = field_validator("variants")(_check_variants)


class ProductUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, min_length=1, max_length=2000)
    description: str | None = None
    price: Decimal | None = Field(None, ge=0)
    compare_at_price: Decimal | None = Field(None, ge=0)
    cost: Decimal | None = Field(None, ge=0)
    currency: str | None = Field(None, pattern=r"^[A-Za-z]{3}$")
    category: str | None = Field(None, max_length=200)
    attributes: dict[str, Any] | None = None
    images: list[str] | None = None
    variants: list[ProductVariant] | None = None

    _images = field_validator("images")(_check_images)
    _variants = field_validator("variants")(_check_variants)


class ProductPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    description: str
    price: Decimal
    compare_at_price: Decimal | None
    cost: Decimal | None
    currency: str
    category: str
    attributes: dict[str, Any]
    images: list[Any]
    variants: list[Any]
    source: str | None
    external_id: str | None
    created_at: datetime
    updated_at: datetime

    # in the currency's decimals ("39.90", not the database's "39.900000"); a price the
    # seller wrote with more digits keeps them
    @field_serializer("price")
    def _price(self, amount: Decimal) -> Decimal:
        return _in_decimals(amount, self.currency)

    @field_serializer("compare_at_price", "cost")
    def _other(self, amount: Decimal | None) -> Decimal | None:
        return None if amount is None else _in_decimals(amount, self.currency)


def _in_decimals(amount: Decimal, currency: str) -> Decimal:
    places = minor_units(currency)
    kept = -min(amount.normalize().as_tuple().exponent, 0)  # type: ignore[operator]
    return amount.quantize(Decimal(1).scaleb(-max(places, kept)))


class ProductsPublic(BaseModel):
    data: list[ProductPublic]
    count: int


class ProductImportSource(BaseModel):
    """Run a configured catalog source (for example ``shopify`` through its Admin API)."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(min_length=1, max_length=100, description="A data-source plugin name.")
    config: dict[str, Any] = Field(default_factory=dict, description="The source's settings.")


class ProductImportResult(BaseModel):
    source: str
    stored: int = Field(0, description="Products created or updated.")
    product_ids: list[int] = Field(default_factory=list,
                                   description="The products of the file, in its order.")
    rejected: list[RowRejection] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    skipped_drafts: int = Field(0, description="Drafts, unpublished or archived products "
                                               "left out because drafts were not included.")


class ProductMerge(BaseModel):
    """Duplicates to fold into this product."""

    model_config = ConfigDict(extra="forbid")

    duplicates: list[RowId] = Field(min_length=1, max_length=50, description="Ids of the "
                                  "products to merge into this one; they are removed.")


class ProductMergeResult(BaseModel):
    product: ProductPublic = Field(description="The product kept, as it is now.")
    removed: list[int] = Field(description="The duplicates, now removed.")
    videos_moved: int = Field(description="Videos of the duplicates that now belong to the "
                                          "product kept.")
    filled: list[str] = Field(default_factory=list, description="Fields the kept product "
                              "lacked, taken from a duplicate (images, description…).")


class DuplicateGroup(BaseModel):
    title: str
    products: list[ProductPublic]


class DuplicateGroups(BaseModel):
    """Products that look like one another (the same title), for merging."""

    data: list[DuplicateGroup]
