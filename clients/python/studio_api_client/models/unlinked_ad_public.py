from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnlinkedAdPublic")


@_attrs_define
class UnlinkedAdPublic:
    """
    Attributes:
        ad_id (None | str):
        ad_name (None | str):
        currency (str):
        days (int):
        platform (str):
        spend (str):
    """

    ad_id: None | str
    ad_name: None | str
    currency: str
    days: int
    platform: str
    spend: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ad_id: None | str
        ad_id = self.ad_id

        ad_name: None | str
        ad_name = self.ad_name

        currency = self.currency

        days = self.days

        platform = self.platform

        spend = self.spend

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ad_id": ad_id,
                "ad_name": ad_name,
                "currency": currency,
                "days": days,
                "platform": platform,
                "spend": spend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_ad_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ad_id = _parse_ad_id(d.pop("ad_id"))

        def _parse_ad_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ad_name = _parse_ad_name(d.pop("ad_name"))

        currency = d.pop("currency")

        days = d.pop("days")

        platform = d.pop("platform")

        spend = d.pop("spend")

        unlinked_ad_public = cls(
            ad_id=ad_id,
            ad_name=ad_name,
            currency=currency,
            days=days,
            platform=platform,
            spend=spend,
        )

        unlinked_ad_public.additional_properties = d
        return unlinked_ad_public

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
