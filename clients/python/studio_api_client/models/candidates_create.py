from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.candidates_create_format import CandidatesCreateFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.candidates_create_options import CandidatesCreateOptions
    from ..models.variant_spec import VariantSpec


T = TypeVar("T", bound="CandidatesCreate")


@_attrs_define
class CandidatesCreate:
    """Variants of one video: ``count`` of them (each with its own seed and angle) or the
    listed ``variants`` (generators, prompts, seeds).

        Attributes:
            generator (str): An AI video generator.
            product (int):
            template (str):
            count (int | Unset): How many variants to make (without `variants`). Default: 3.
            format_ (CandidatesCreateFormat | Unset):  Default: CandidatesCreateFormat.VALUE_0.
            options (CandidatesCreateOptions | Unset):
            variants (list[VariantSpec] | None | Unset): The variants to make; `count` is then ignored.
    """

    generator: str
    product: int
    template: str
    count: int | Unset = 3
    format_: CandidatesCreateFormat | Unset = CandidatesCreateFormat.VALUE_0
    options: CandidatesCreateOptions | Unset = UNSET
    variants: list[VariantSpec] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        generator = self.generator

        product = self.product

        template = self.template

        count = self.count

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        variants: list[dict[str, Any]] | None | Unset
        if isinstance(self.variants, Unset):
            variants = UNSET
        elif isinstance(self.variants, list):
            variants = []
            for variants_type_0_item_data in self.variants:
                variants_type_0_item = variants_type_0_item_data.to_dict()
                variants.append(variants_type_0_item)

        else:
            variants = self.variants

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "generator": generator,
                "product": product,
                "template": template,
            }
        )
        if count is not UNSET:
            field_dict["count"] = count
        if format_ is not UNSET:
            field_dict["format"] = format_
        if options is not UNSET:
            field_dict["options"] = options
        if variants is not UNSET:
            field_dict["variants"] = variants

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.candidates_create_options import CandidatesCreateOptions  # noqa: PLC0415
        from ..models.variant_spec import VariantSpec  # noqa: PLC0415

        d = dict(src_dict)
        generator = d.pop("generator")

        product = d.pop("product")

        template = d.pop("template")

        count = d.pop("count", UNSET)

        _format_ = d.pop("format", UNSET)
        format_: CandidatesCreateFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = CandidatesCreateFormat(_format_)

        _options = d.pop("options", UNSET)
        options: CandidatesCreateOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = CandidatesCreateOptions.from_dict(_options)

        def _parse_variants(data: object) -> list[VariantSpec] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                variants_type_0 = []
                _variants_type_0 = data
                for variants_type_0_item_data in _variants_type_0:
                    variants_type_0_item = VariantSpec.from_dict(variants_type_0_item_data)

                    variants_type_0.append(variants_type_0_item)

                return variants_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[VariantSpec] | None | Unset, data)

        variants = _parse_variants(d.pop("variants", UNSET))

        candidates_create = cls(
            generator=generator,
            product=product,
            template=template,
            count=count,
            format_=format_,
            options=options,
            variants=variants,
        )

        return candidates_create
