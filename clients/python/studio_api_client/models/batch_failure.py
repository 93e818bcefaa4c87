from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BatchFailure")


@_attrs_define
class BatchFailure:
    """
    Attributes:
        creative_code (str):
        error (None | str):
        format_ (str):
        product (None | str):
        template (None | str):
        video_id (int):
    """

    creative_code: str
    error: None | str
    format_: str
    product: None | str
    template: None | str
    video_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        creative_code = self.creative_code

        error: None | str
        error = self.error

        format_ = self.format_

        product: None | str
        product = self.product

        template: None | str
        template = self.template

        video_id = self.video_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "creative_code": creative_code,
                "error": error,
                "format": format_,
                "product": product,
                "template": template,
                "video_id": video_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        creative_code = d.pop("creative_code")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        format_ = d.pop("format")

        def _parse_product(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product = _parse_product(d.pop("product"))

        def _parse_template(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        template = _parse_template(d.pop("template"))

        video_id = d.pop("video_id")

        batch_failure = cls(
            creative_code=creative_code,
            error=error,
            format_=format_,
            product=product,
            template=template,
            video_id=video_id,
        )

        batch_failure.additional_properties = d
        return batch_failure

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
