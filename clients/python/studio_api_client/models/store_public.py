from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StorePublic")


@_attrs_define
class StorePublic:
    """
    Attributes:
        currency (str):
        error (None | str):
        shop_url (str):
        source (str):
        synced_at (datetime.datetime | None):
        token_hint (str):
    """

    currency: str
    error: None | str
    shop_url: str
    source: str
    synced_at: datetime.datetime | None
    token_hint: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        error: None | str
        error = self.error

        shop_url = self.shop_url

        source = self.source

        synced_at: None | str
        if isinstance(self.synced_at, datetime.datetime):
            synced_at = self.synced_at.isoformat()
        else:
            synced_at = self.synced_at

        token_hint = self.token_hint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "error": error,
                "shop_url": shop_url,
                "source": source,
                "synced_at": synced_at,
                "token_hint": token_hint,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        shop_url = d.pop("shop_url")

        source = d.pop("source")

        def _parse_synced_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                synced_at_type_0 = datetime.datetime.fromisoformat(data)

                return synced_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        synced_at = _parse_synced_at(d.pop("synced_at"))

        token_hint = d.pop("token_hint")

        store_public = cls(
            currency=currency,
            error=error,
            shop_url=shop_url,
            source=source,
            synced_at=synced_at,
            token_hint=token_hint,
        )

        store_public.additional_properties = d
        return store_public

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
