from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.product_choice import ProductChoice


T = TypeVar("T", bound="CreativeFacets")


@_attrs_define
class CreativeFacets:
    """What the filters can choose from: the leaderboard's templates and products (before the
    template and product filters), and the platforms with linked results.

        Attributes:
            platforms (list[str]):
            products (list[ProductChoice]):
            templates (list[str]):
    """

    platforms: list[str]
    products: list[ProductChoice]
    templates: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        platforms = self.platforms

        products = []
        for products_item_data in self.products:
            products_item = products_item_data.to_dict()
            products.append(products_item)

        templates = self.templates

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "platforms": platforms,
                "products": products,
                "templates": templates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_choice import ProductChoice  # noqa: PLC0415

        d = dict(src_dict)
        platforms = cast(list[str], d.pop("platforms"))

        products = []
        _products = d.pop("products")
        for products_item_data in _products:
            products_item = ProductChoice.from_dict(products_item_data)

            products.append(products_item)

        templates = cast(list[str], d.pop("templates"))

        creative_facets = cls(
            platforms=platforms,
            products=products,
            templates=templates,
        )

        creative_facets.additional_properties = d
        return creative_facets

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
