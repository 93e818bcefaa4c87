from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnmatchedRowPublic")


@_attrs_define
class UnmatchedRowPublic:
    """An ad row no video claims yet: add the creative code to the ad name, or link it.

    Attributes:
        ad_id (None | str):
        ad_name (None | str):
        campaign_name (None | str):
        currency (str):
        date (datetime.date):
        id (int):
        impressions (int):
        platform (str):
        spend (str):
        utm_content (None | str):
    """

    ad_id: None | str
    ad_name: None | str
    campaign_name: None | str
    currency: str
    date: datetime.date
    id: int
    impressions: int
    platform: str
    spend: str
    utm_content: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ad_id: None | str
        ad_id = self.ad_id

        ad_name: None | str
        ad_name = self.ad_name

        campaign_name: None | str
        campaign_name = self.campaign_name

        currency = self.currency

        date = self.date.isoformat()

        id = self.id

        impressions = self.impressions

        platform = self.platform

        spend = self.spend

        utm_content: None | str
        utm_content = self.utm_content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ad_id": ad_id,
                "ad_name": ad_name,
                "campaign_name": campaign_name,
                "currency": currency,
                "date": date,
                "id": id,
                "impressions": impressions,
                "platform": platform,
                "spend": spend,
                "utm_content": utm_content,
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

        def _parse_campaign_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        campaign_name = _parse_campaign_name(d.pop("campaign_name"))

        currency = d.pop("currency")

        date = datetime.date.fromisoformat(d.pop("date"))

        id = d.pop("id")

        impressions = d.pop("impressions")

        platform = d.pop("platform")

        spend = d.pop("spend")

        def _parse_utm_content(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        utm_content = _parse_utm_content(d.pop("utm_content"))

        unmatched_row_public = cls(
            ad_id=ad_id,
            ad_name=ad_name,
            campaign_name=campaign_name,
            currency=currency,
            date=date,
            id=id,
            impressions=impressions,
            platform=platform,
            spend=spend,
            utm_content=utm_content,
        )

        unmatched_row_public.additional_properties = d
        return unmatched_row_public

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
