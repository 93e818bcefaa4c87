from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.preview_request_format import PreviewRequestFormat
from ..models.preview_request_output import PreviewRequestOutput
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.preview_request_overrides import PreviewRequestOverrides
    from ..models.product_create import ProductCreate


T = TypeVar("T", bound="PreviewRequest")


@_attrs_define
class PreviewRequest:
    """Render a quick preview of a template with one product (yours or one sent inline).

    Attributes:
        at (float | Unset): Seconds into the video for the still. Default: 1.0.
        format_ (PreviewRequestFormat | Unset):  Default: PreviewRequestFormat.VALUE_0.
        output (PreviewRequestOutput | Unset): A still frame or a low-res MP4. Default: PreviewRequestOutput.JPEG.
        overrides (PreviewRequestOverrides | Unset): Field values to use.
        product (None | ProductCreate | Unset):
        product_id (int | None | Unset):
        sample (bool | Unset): Use the studio's sample product instead. Default: False.
    """

    at: float | Unset = 1.0
    format_: PreviewRequestFormat | Unset = PreviewRequestFormat.VALUE_0
    output: PreviewRequestOutput | Unset = PreviewRequestOutput.JPEG
    overrides: PreviewRequestOverrides | Unset = UNSET
    product: None | ProductCreate | Unset = UNSET
    product_id: int | None | Unset = UNSET
    sample: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.product_create import ProductCreate  # noqa: PLC0415

        at = self.at

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        output: str | Unset = UNSET
        if not isinstance(self.output, Unset):
            output = self.output.value

        overrides: dict[str, Any] | Unset = UNSET
        if not isinstance(self.overrides, Unset):
            overrides = self.overrides.to_dict()

        product: dict[str, Any] | None | Unset
        if isinstance(self.product, Unset):
            product = UNSET
        elif isinstance(self.product, ProductCreate):
            product = self.product.to_dict()
        else:
            product = self.product

        product_id: int | None | Unset
        if isinstance(self.product_id, Unset):
            product_id = UNSET
        else:
            product_id = self.product_id

        sample = self.sample

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if at is not UNSET:
            field_dict["at"] = at
        if format_ is not UNSET:
            field_dict["format"] = format_
        if output is not UNSET:
            field_dict["output"] = output
        if overrides is not UNSET:
            field_dict["overrides"] = overrides
        if product is not UNSET:
            field_dict["product"] = product
        if product_id is not UNSET:
            field_dict["product_id"] = product_id
        if sample is not UNSET:
            field_dict["sample"] = sample

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preview_request_overrides import PreviewRequestOverrides  # noqa: PLC0415
        from ..models.product_create import ProductCreate  # noqa: PLC0415

        d = dict(src_dict)
        at = d.pop("at", UNSET)

        _format_ = d.pop("format", UNSET)
        format_: PreviewRequestFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = PreviewRequestFormat(_format_)

        _output = d.pop("output", UNSET)
        output: PreviewRequestOutput | Unset
        if isinstance(_output, Unset):
            output = UNSET
        else:
            output = PreviewRequestOutput(_output)

        _overrides = d.pop("overrides", UNSET)
        overrides: PreviewRequestOverrides | Unset
        if isinstance(_overrides, Unset):
            overrides = UNSET
        else:
            overrides = PreviewRequestOverrides.from_dict(_overrides)

        def _parse_product(data: object) -> None | ProductCreate | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                product_type_0 = ProductCreate.from_dict(data)

                return product_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProductCreate | Unset, data)

        product = _parse_product(d.pop("product", UNSET))

        def _parse_product_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        product_id = _parse_product_id(d.pop("product_id", UNSET))

        sample = d.pop("sample", UNSET)

        preview_request = cls(
            at=at,
            format_=format_,
            output=output,
            overrides=overrides,
            product=product,
            product_id=product_id,
            sample=sample,
        )

        return preview_request
