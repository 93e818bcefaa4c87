from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.video_create_format import VideoCreateFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.video_create_options import VideoCreateOptions


T = TypeVar("T", bound="VideoCreate")


@_attrs_define
class VideoCreate:
    """One video of one product with one template (or another generator) and format.

    Attributes:
        product (int): Product id.
        format_ (VideoCreateFormat | Unset):  Default: VideoCreateFormat.VALUE_0.
        generator (str | Unset):  Default: 'template'.
        options (VideoCreateOptions | Unset): Field overrides etc.
        template (None | str | Unset): Template id: required with the template renderer (`generator` left at
            `template`); another generator may take it as a hint or need none.
    """

    product: int
    format_: VideoCreateFormat | Unset = VideoCreateFormat.VALUE_0
    generator: str | Unset = "template"
    options: VideoCreateOptions | Unset = UNSET
    template: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        product = self.product

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        generator = self.generator

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        template: None | str | Unset
        if isinstance(self.template, Unset):
            template = UNSET
        else:
            template = self.template

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "product": product,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_
        if generator is not UNSET:
            field_dict["generator"] = generator
        if options is not UNSET:
            field_dict["options"] = options
        if template is not UNSET:
            field_dict["template"] = template

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.video_create_options import VideoCreateOptions  # noqa: PLC0415

        d = dict(src_dict)
        product = d.pop("product")

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

        def _parse_template(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        template = _parse_template(d.pop("template", UNSET))

        video_create = cls(
            product=product,
            format_=format_,
            generator=generator,
            options=options,
            template=template,
        )

        return video_create
