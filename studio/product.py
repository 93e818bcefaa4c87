"""The product shape shared by the API, the CLI (``--product-file``), data sources, renderer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from studio.money import to_decimal


class ProductVariant(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sku: str | None = None
    title: str | None = None
    options: dict[str, str] = Field(default_factory=dict)
    price: Decimal | None = None
    compare_at_price: Decimal | None = None
    # the variant's own unit cost (Shopify "Cost per item"): a sale of this variant (an order
    # naming its SKU) is costed with it, not with the product's first variant's
    cost: Decimal | None = None
    image: str | None = None


class ProductData(BaseModel):
    """One product as a seller knows it. ``images`` are local file paths or http(s) URLs."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=2000)
    description: str = ""
    price: Decimal
    compare_at_price: Decimal | None = None
    cost: Decimal | None = None
    currency: str = "USD"
    category: str = ""
    attributes: dict[str, Any] = Field(default_factory=dict)
    images: list[str] = Field(default_factory=list)
    variants: list[ProductVariant] = Field(default_factory=list)
    source: str | None = None
    external_id: str | None = None

    @field_validator("price", "compare_at_price", "cost", mode="before")
    @classmethod
    def _money(cls, value: Any, info: Any) -> Decimal | None:
        if value is None or value == "":
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
