from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_update_attributes_type_0 import ProductUpdateAttributesType0
    from ..models.product_variant import ProductVariant


T = TypeVar("T", bound="ProductUpdate")


@_attrs_define
class ProductUpdate:
    """Only the fields sent are changed.

    Attributes:
        attributes (None | ProductUpdateAttributesType0 | Unset):
        category (None | str | Unset):
        compare_at_price (float | None | str | Unset):
        cost (float | None | str | Unset):
        currency (None | str | Unset):
        description (None | str | Unset):
        images (list[str] | None | Unset):
        price (float | None | str | Unset):
        title (None | str | Unset):
        variants (list[ProductVariant] | None | Unset):
    """

    attributes: None | ProductUpdateAttributesType0 | Unset = UNSET
    category: None | str | Unset = UNSET
    compare_at_price: float | None | str | Unset = UNSET
    cost: float | None | str | Unset = UNSET
    currency: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    images: list[str] | None | Unset = UNSET
    price: float | None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    variants: list[ProductVariant] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.product_update_attributes_type_0 import ProductUpdateAttributesType0  # noqa: PLC0415

        attributes: dict[str, Any] | None | Unset
        if isinstance(self.attributes, Unset):
            attributes = UNSET
        elif isinstance(self.attributes, ProductUpdateAttributesType0):
            attributes = self.attributes.to_dict()
        else:
            attributes = self.attributes

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        compare_at_price: float | None | str | Unset
        if isinstance(self.compare_at_price, Unset):
            compare_at_price = UNSET
        else:
            compare_at_price = self.compare_at_price

        cost: float | None | str | Unset
        if isinstance(self.cost, Unset):
            cost = UNSET
        else:
            cost = self.cost

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        images: list[str] | None | Unset
        if isinstance(self.images, Unset):
            images = UNSET
        elif isinstance(self.images, list):
            images = self.images

        else:
            images = self.images

        price: float | None | str | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        else:
            price = self.price

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

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

        field_dict.update({})
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if category is not UNSET:
            field_dict["category"] = category
        if compare_at_price is not UNSET:
            field_dict["compare_at_price"] = compare_at_price
        if cost is not UNSET:
            field_dict["cost"] = cost
        if currency is not UNSET:
            field_dict["currency"] = currency
        if description is not UNSET:
            field_dict["description"] = description
        if images is not UNSET:
            field_dict["images"] = images
        if price is not UNSET:
            field_dict["price"] = price
        if title is not UNSET:
            field_dict["title"] = title
        if variants is not UNSET:
            field_dict["variants"] = variants

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_update_attributes_type_0 import ProductUpdateAttributesType0  # noqa: PLC0415
        from ..models.product_variant import ProductVariant  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_attributes(data: object) -> None | ProductUpdateAttributesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attributes_type_0 = ProductUpdateAttributesType0.from_dict(data)

                return attributes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProductUpdateAttributesType0 | Unset, data)

        attributes = _parse_attributes(d.pop("attributes", UNSET))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_compare_at_price(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        compare_at_price = _parse_compare_at_price(d.pop("compare_at_price", UNSET))

        def _parse_cost(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        cost = _parse_cost(d.pop("cost", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_images(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                images_type_0 = cast(list[str], data)

                return images_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        images = _parse_images(d.pop("images", UNSET))

        def _parse_price(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        price = _parse_price(d.pop("price", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_variants(data: object) -> list[ProductVariant] | None | Unset:
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
                    variants_type_0_item = ProductVariant.from_dict(variants_type_0_item_data)

                    variants_type_0.append(variants_type_0_item)

                return variants_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ProductVariant] | None | Unset, data)

        variants = _parse_variants(d.pop("variants", UNSET))

        product_update = cls(
            attributes=attributes,
            category=category,
            compare_at_price=compare_at_price,
            cost=cost,
            currency=currency,
            description=description,
            images=images,
            price=price,
            title=title,
            variants=variants,
        )

        return product_update
