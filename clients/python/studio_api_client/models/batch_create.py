from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.catalog_filter import CatalogFilter
    from ..models.video_create import VideoCreate


T = TypeVar("T", bound="BatchCreate")


@_attrs_define
class BatchCreate:
    """A batch from a list of items, or from a catalog filter (send exactly one).

    Attributes:
        catalog (CatalogFilter | None | Unset):
        items (list[VideoCreate] | None | Unset):
        name (str | Unset):  Default: ''.
    """

    catalog: CatalogFilter | None | Unset = UNSET
    items: list[VideoCreate] | None | Unset = UNSET
    name: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        from ..models.catalog_filter import CatalogFilter  # noqa: PLC0415

        catalog: dict[str, Any] | None | Unset
        if isinstance(self.catalog, Unset):
            catalog = UNSET
        elif isinstance(self.catalog, CatalogFilter):
            catalog = self.catalog.to_dict()
        else:
            catalog = self.catalog

        items: list[dict[str, Any]] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)

        else:
            items = self.items

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if catalog is not UNSET:
            field_dict["catalog"] = catalog
        if items is not UNSET:
            field_dict["items"] = items
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.catalog_filter import CatalogFilter  # noqa: PLC0415
        from ..models.video_create import VideoCreate  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_catalog(data: object) -> CatalogFilter | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                catalog_type_0 = CatalogFilter.from_dict(data)

                return catalog_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CatalogFilter | None | Unset, data)

        catalog = _parse_catalog(d.pop("catalog", UNSET))

        def _parse_items(data: object) -> list[VideoCreate] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in _items_type_0:
                    items_type_0_item = VideoCreate.from_dict(items_type_0_item_data)

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[VideoCreate] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

        name = d.pop("name", UNSET)

        batch_create = cls(
            catalog=catalog,
            items=items,
            name=name,
        )

        return batch_create
