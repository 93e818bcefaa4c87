from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.gallery_preview_request_format import GalleryPreviewRequestFormat
from ..types import UNSET, Unset

T = TypeVar("T", bound="GalleryPreviewRequest")


@_attrs_define
class GalleryPreviewRequest:
    """
    Attributes:
        format_ (GalleryPreviewRequestFormat | Unset):  Default: GalleryPreviewRequestFormat.VALUE_0.
    """

    format_: GalleryPreviewRequestFormat | Unset = GalleryPreviewRequestFormat.VALUE_0

    def to_dict(self) -> dict[str, Any]:
        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if format_ is not UNSET:
            field_dict["format"] = format_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _format_ = d.pop("format", UNSET)
        format_: GalleryPreviewRequestFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = GalleryPreviewRequestFormat(_format_)

        gallery_preview_request = cls(
            format_=format_,
        )

        return gallery_preview_request
