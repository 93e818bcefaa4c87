from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.product_public_attributes import ProductPublicAttributes


T = TypeVar("T", bound="ProductPublic")


@_attrs_define
class ProductPublic:
    """
    Attributes:
        attributes (ProductPublicAttributes):
        category (str):
        compare_at_price (None | str):
        cost (None | str):
        created_at (datetime.datetime):
        currency (str):
        description (str):
        external_id (None | str):
        id (int):
        images (list[Any]):
        price (str):
        source (None | str):
        title (str):
        updated_at (datetime.datetime):
        variants (list[Any]):
    """

    attributes: ProductPublicAttributes
    category: str
    compare_at_price: None | str
    cost: None | str
    created_at: datetime.datetime
    currency: str
    description: str
    external_id: None | str
    id: int
    images: list[Any]
    price: str
    source: None | str
    title: str
    updated_at: datetime.datetime
    variants: list[Any]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributes = self.attributes.to_dict()

        category = self.category

        compare_at_price: None | str
        compare_at_price = self.compare_at_price

        cost: None | str
        cost = self.cost

        created_at = self.created_at.isoformat()

        currency = self.currency

        description = self.description

        external_id: None | str
        external_id = self.external_id

        id = self.id

        images = self.images

        price = self.price

        source: None | str
        source = self.source

        title = self.title

        updated_at = self.updated_at.isoformat()

        variants = self.variants

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributes": attributes,
                "category": category,
                "compare_at_price": compare_at_price,
                "cost": cost,
                "created_at": created_at,
                "currency": currency,
                "description": description,
                "external_id": external_id,
                "id": id,
                "images": images,
                "price": price,
                "source": source,
                "title": title,
                "updated_at": updated_at,
                "variants": variants,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_public_attributes import ProductPublicAttributes  # noqa: PLC0415

        d = dict(src_dict)
        attributes = ProductPublicAttributes.from_dict(d.pop("attributes"))

        category = d.pop("category")

        def _parse_compare_at_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        compare_at_price = _parse_compare_at_price(d.pop("compare_at_price"))

        def _parse_cost(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cost = _parse_cost(d.pop("cost"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = d.pop("currency")

        description = d.pop("description")

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))

        id = d.pop("id")

        images = cast(list[Any], d.pop("images"))

        price = d.pop("price")

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        variants = cast(list[Any], d.pop("variants"))

        product_public = cls(
            attributes=attributes,
            category=category,
            compare_at_price=compare_at_price,
            cost=cost,
            created_at=created_at,
            currency=currency,
            description=description,
            external_id=external_id,
            id=id,
            images=images,
            price=price,
            source=source,
            title=title,
            updated_at=updated_at,
            variants=variants,
        )

        product_public.additional_properties = d
        return product_public

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
