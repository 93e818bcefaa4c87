from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.catalog_filter_formats_item import CatalogFilterFormatsItem
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.catalog_filter_options import CatalogFilterOptions


T = TypeVar("T", bound="CatalogFilter")


@_attrs_define
class CatalogFilter:
    """Every product matching the filter × every template × every format.

    Attributes:
        category (None | str | Unset):
        formats (list[CatalogFilterFormatsItem] | Unset):
        generator (str | Unset):  Default: 'template'.
        max_videos (int | Unset):  Default: 1000.
        options (CatalogFilterOptions | Unset):
        product_ids (list[int] | None | Unset):
        q (None | str | Unset): Text in the product title.
        templates (list[str] | Unset): Template ids: at least one with the template renderer; another generator makes
            one video per product and format when none is given.
    """

    category: None | str | Unset = UNSET
    formats: list[CatalogFilterFormatsItem] | Unset = UNSET
    generator: str | Unset = "template"
    max_videos: int | Unset = 1000
    options: CatalogFilterOptions | Unset = UNSET
    product_ids: list[int] | None | Unset = UNSET
    q: None | str | Unset = UNSET
    templates: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        formats: list[str] | Unset = UNSET
        if not isinstance(self.formats, Unset):
            formats = []
            for formats_item_data in self.formats:
                formats_item = formats_item_data.value
                formats.append(formats_item)

        generator = self.generator

        max_videos = self.max_videos

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        product_ids: list[int] | None | Unset
        if isinstance(self.product_ids, Unset):
            product_ids = UNSET
        elif isinstance(self.product_ids, list):
            product_ids = self.product_ids

        else:
            product_ids = self.product_ids

        q: None | str | Unset
        if isinstance(self.q, Unset):
            q = UNSET
        else:
            q = self.q

        templates: list[str] | Unset = UNSET
        if not isinstance(self.templates, Unset):
            templates = self.templates

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if category is not UNSET:
            field_dict["category"] = category
        if formats is not UNSET:
            field_dict["formats"] = formats
        if generator is not UNSET:
            field_dict["generator"] = generator
        if max_videos is not UNSET:
            field_dict["max_videos"] = max_videos
        if options is not UNSET:
            field_dict["options"] = options
        if product_ids is not UNSET:
            field_dict["product_ids"] = product_ids
        if q is not UNSET:
            field_dict["q"] = q
        if templates is not UNSET:
            field_dict["templates"] = templates

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.catalog_filter_options import CatalogFilterOptions  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        _formats = d.pop("formats", UNSET)
        formats: list[CatalogFilterFormatsItem] | Unset = UNSET
        if _formats is not UNSET:
            formats = []
            for formats_item_data in _formats:
                formats_item = CatalogFilterFormatsItem(formats_item_data)

                formats.append(formats_item)

        generator = d.pop("generator", UNSET)

        max_videos = d.pop("max_videos", UNSET)

        _options = d.pop("options", UNSET)
        options: CatalogFilterOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = CatalogFilterOptions.from_dict(_options)

        def _parse_product_ids(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                product_ids_type_0 = cast(list[int], data)

                return product_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        product_ids = _parse_product_ids(d.pop("product_ids", UNSET))

        def _parse_q(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        q = _parse_q(d.pop("q", UNSET))

        templates = cast(list[str], d.pop("templates", UNSET))

        catalog_filter = cls(
            category=category,
            formats=formats,
            generator=generator,
            max_videos=max_videos,
            options=options,
            product_ids=product_ids,
            q=q,
            templates=templates,
        )

        return catalog_filter
