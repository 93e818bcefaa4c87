from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreativeVideo")


@_attrs_define
class CreativeVideo:
    """A finished video as a seller recognises it: poster, product, template, code.

    Attributes:
        creative_code (str): The code in the video's ad name / utm_content.
        format_ (str):
        generator (str):
        poster_url (None | str): Its poster (JPEG).
        product_id (int | None):
        product_title (None | str):
        template_id (None | str): The template it was made with; empty for another generator's video.
        video_id (int):
        video_url (None | str): Its MP4, to play (e.g. muted on hover); the session cookie or API key that asked for
            this list may fetch it.
    """

    creative_code: str
    format_: str
    generator: str
    poster_url: None | str
    product_id: int | None
    product_title: None | str
    template_id: None | str
    video_id: int
    video_url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        creative_code = self.creative_code

        format_ = self.format_

        generator = self.generator

        poster_url: None | str
        poster_url = self.poster_url

        product_id: int | None
        product_id = self.product_id

        product_title: None | str
        product_title = self.product_title

        template_id: None | str
        template_id = self.template_id

        video_id = self.video_id

        video_url: None | str
        video_url = self.video_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "creative_code": creative_code,
                "format": format_,
                "generator": generator,
                "poster_url": poster_url,
                "product_id": product_id,
                "product_title": product_title,
                "template_id": template_id,
                "video_id": video_id,
                "video_url": video_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        creative_code = d.pop("creative_code")

        format_ = d.pop("format")

        generator = d.pop("generator")

        def _parse_poster_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        poster_url = _parse_poster_url(d.pop("poster_url"))

        def _parse_product_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        product_id = _parse_product_id(d.pop("product_id"))

        def _parse_product_title(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product_title = _parse_product_title(d.pop("product_title"))

        def _parse_template_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        template_id = _parse_template_id(d.pop("template_id"))

        video_id = d.pop("video_id")

        def _parse_video_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        video_url = _parse_video_url(d.pop("video_url"))

        creative_video = cls(
            creative_code=creative_code,
            format_=format_,
            generator=generator,
            poster_url=poster_url,
            product_id=product_id,
            product_title=product_title,
            template_id=template_id,
            video_id=video_id,
            video_url=video_url,
        )

        creative_video.additional_properties = d
        return creative_video

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
