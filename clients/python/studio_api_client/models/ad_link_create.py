from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AdLinkCreate")


@_attrs_define
class AdLinkCreate:
    """Say which video an ad shows, when its name carries no creative code.

    Attributes:
        ad_id (str):
        platform (str): meta, tiktok…
        video (str): Video id or creative code.
    """

    ad_id: str
    platform: str
    video: str

    def to_dict(self) -> dict[str, Any]:
        ad_id = self.ad_id

        platform = self.platform

        video = self.video

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ad_id": ad_id,
                "platform": platform,
                "video": video,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ad_id = d.pop("ad_id")

        platform = d.pop("platform")

        video = d.pop("video")

        ad_link_create = cls(
            ad_id=ad_id,
            platform=platform,
            video=video,
        )

        return ad_link_create
