"""The product shape shared by the API, the CLI (``--product-file``), data sources, renderer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from studio.money import to_decimal


class ProductVariant(BaseModel):
    """One variant of a product (a size, a colour), with its own price when it differs."""

    model_config = ConfigDict(extra="forbid")

    sku: str | None = Field(default=None, description="the shop's SKU; an order naming it is "
                            "costed with this variant")
    title: str | None = Field(default=None, description="the variant's name, e.g. Red / XL")
    options: dict[str, str] = Field(default_factory=dict, description="option name to value, "
                                    "e.g. {\"Color\": \"Red\", \"Size\": \"XL\"}")
    price: Decimal | None = Field(default=None, description="its price in the product's "
                                  "currency; None: the product's")
    compare_at_price: Decimal | None = Field(default=None, description="its price before a "
                                             "sale (shown struck through)")
    # the variant's own unit cost (Shopify "Cost per item"): a sale of this variant (an order
    # naming its SKU) is costed with it, not with the product's first variant's
    cost: Decimal | None = Field(default=None, description="its unit cost (Shopify's Cost "
                                 "per item), for profit")
    image: str | None = Field(default=None, description="its photo; a local file by the time "
                              "a generator sees it")


class ProductData(BaseModel):
    """One product as a seller knows it. ``images`` are local file paths or http(s) URLs."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=2000, description="the product's name as "
                       "the shop shows it")
    description: str = Field(default="", description="the shop's description, plain text")
    price: Decimal = Field(description="the price a buyer pays, in `currency`")
    compare_at_price: Decimal | None = Field(default=None, description="the price before a "
                                             "sale (shown struck through; discounts are "
                                             "computed from it)")
    cost: Decimal | None = Field(default=None, description="the seller's unit cost in "
                                 "`currency`, for profit and ROI")
    currency: str = Field(default="USD", description="ISO 4217 code of every amount here, "
                          "e.g. USD, CNY")
    category: str = Field(default="", description="the shop's category, e.g. Kitchen")
    attributes: dict[str, Any] = Field(default_factory=dict, description="anything else "
                                       "(material, colour, selling points, `language`); "
                                       "templates bind to `product.attributes.NAME`")
    images: list[str] = Field(default_factory=list, description="photos, first is the main "
                              "one: local file paths by the time a generator sees them (the "
                              "studio fetches media-library paths, S3 objects and links)")
    variants: list[ProductVariant] = Field(default_factory=list, description="sizes, colours "
                                           "and their prices")
    source: str | None = Field(default=None, description="the data source it came from, "
                               "e.g. csv, shopify")
    external_id: str | None = Field(default=None, description="its id in that source (the "
                                    "shop's product id)")

    @field_validator("price", "compare_at_price", "cost", mode="before")
    @classmethod
    def _money(cls, value: Any, info: Any) -> Decimal | None:
        if value is None or value == "":
            if info.field_name == "price":  # the one amount a product must have
                raise ValueError("price is empty; send the price, e.g. 19.99")
            return None
        amount = to_decimal(value, field=info.field_name)
        if amount < 0:
            raise ValueError(f"{info.field_name} must not be negative")
        return amount

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        code = value.strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise ValueError("currency must be an ISO 4217 code such as USD or CNY")
        return code
