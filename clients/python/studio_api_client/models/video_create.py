from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.video_create_format import VideoCreateFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.video_create_options import VideoCreateOptions


T = TypeVar("T", bound="VideoCreate")


@_attrs_define
class VideoCreate:
    """One video of one product with one template and format.

    Attributes:
        product (int): Product id.
        template (str): Template id.
        format_ (VideoCreateFormat | Unset):  Default: VideoCreateFormat.VALUE_0.
        generator (str | Unset):  Default: 'template'.
        options (VideoCreateOptions | Unset): Field overrides etc.
    """

    product: int
    template: str
    format_: VideoCreateFormat | Unset = VideoCreateFormat.VALUE_0
    generator: str | Unset = "template"
    options: VideoCreateOptions | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        product = self.product

        template = self.template

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        generator = self.generator

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "product": product,
                "template": template,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_
        if generator is not UNSET:
            field_dict["generator"] = generator
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.video_create_options import VideoCreateOptions  # noqa: PLC0415

        d = dict(src_dict)
        product = d.pop("product")

        template = d.pop("template")

        _format_ = d.pop("format", UNSET)
        format_: VideoCreateFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = VideoCreateFormat(_format_)

        generator = d.pop("generator", UNSET)

        _options = d.pop("options", UNSET)
        options: VideoCreateOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = VideoCreateOptions.from_dict(_options)

        video_create = cls(
            product=product,
            template=template,
            format_=format_,
            generator=generator,
            options=options,
        )

        return video_create
