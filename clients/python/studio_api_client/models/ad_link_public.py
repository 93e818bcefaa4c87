from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdLinkPublic")


@_attrs_define
class AdLinkPublic:
    """
    Attributes:
        ad_id (str):
        creative_code (str):
        platform (str):
        rows_linked (int): Ad rows moved to the video (ROI updates with them).
        video_id (int):
    """

    ad_id: str
    creative_code: str
    platform: str
    rows_linked: int
    video_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ad_id = self.ad_id

        creative_code = self.creative_code

        platform = self.platform

        rows_linked = self.rows_linked

        video_id = self.video_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ad_id": ad_id,
                "creative_code": creative_code,
                "platform": platform,
                "rows_linked": rows_linked,
                "video_id": video_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ad_id = d.pop("ad_id")

        creative_code = d.pop("creative_code")

        platform = d.pop("platform")

        rows_linked = d.pop("rows_linked")

        video_id = d.pop("video_id")

        ad_link_public = cls(
            ad_id=ad_id,
            creative_code=creative_code,
            platform=platform,
            rows_linked=rows_linked,
            video_id=video_id,
        )

        ad_link_public.additional_properties = d
        return ad_link_public

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
