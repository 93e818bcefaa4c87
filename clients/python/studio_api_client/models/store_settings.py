from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StoreSettings")


@_attrs_define
class StoreSettings:
    """A store the autopilot pulls on a schedule: its new products arrive by themselves.

    Attributes:
        access_token (str): An Admin API token with read_products; stored encrypted.
        shop_url (str): my-shop.myshopify.com
        currency (str | Unset): The store's currency. Default: 'USD'.
        source (Literal['shopify'] | Unset): The catalog source plugin. Default: 'shopify'.
    """

    access_token: str
    shop_url: str
    currency: str | Unset = "USD"
    source: Literal["shopify"] | Unset = "shopify"

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        shop_url = self.shop_url

        currency = self.currency

        source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "access_token": access_token,
                "shop_url": shop_url,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_token = d.pop("access_token")

        shop_url = d.pop("shop_url")

        currency = d.pop("currency", UNSET)

        source = cast(Literal["shopify"] | Unset, d.pop("source", UNSET))
        if source != "shopify" and not isinstance(source, Unset):
            raise ValueError(f"source must match const 'shopify', got '{source}'")

        store_settings = cls(
            access_token=access_token,
            shop_url=shop_url,
            currency=currency,
            source=source,
        )

        return store_settings
