from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_variant_options import ProductVariantOptions


T = TypeVar("T", bound="ProductVariant")


@_attrs_define
class ProductVariant:
    """One variant of a product (a size, a colour), with its own price when it differs.

    Attributes:
        compare_at_price (float | None | str | Unset): its price before a sale (shown struck through)
        cost (float | None | str | Unset): its unit cost (Shopify's Cost per item), for profit
        image (None | str | Unset): its photo; a local file by the time a generator sees it
        options (ProductVariantOptions | Unset): option name to value, e.g. {"Color": "Red", "Size": "XL"}
        price (float | None | str | Unset): its price in the product's currency; None: the product's
        sku (None | str | Unset): the shop's SKU; an order naming it is costed with this variant
        title (None | str | Unset): the variant's name, e.g. Red / XL
    """

    compare_at_price: float | None | str | Unset = UNSET
    cost: float | None | str | Unset = UNSET
    image: None | str | Unset = UNSET
    options: ProductVariantOptions | Unset = UNSET
    price: float | None | str | Unset = UNSET
    sku: None | str | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        image: None | str | Unset
        if isinstance(self.image, Unset):
            image = UNSET
        else:
            image = self.image

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        price: float | None | str | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        else:
            price = self.price

        sku: None | str | Unset
        if isinstance(self.sku, Unset):
            sku = UNSET
        else:
            sku = self.sku

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if compare_at_price is not UNSET:
            field_dict["compare_at_price"] = compare_at_price
        if cost is not UNSET:
            field_dict["cost"] = cost
        if image is not UNSET:
            field_dict["image"] = image
        if options is not UNSET:
            field_dict["options"] = options
        if price is not UNSET:
            field_dict["price"] = price
        if sku is not UNSET:
            field_dict["sku"] = sku
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_variant_options import ProductVariantOptions  # noqa: PLC0415

        d = dict(src_dict)

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

        def _parse_image(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image = _parse_image(d.pop("image", UNSET))

        _options = d.pop("options", UNSET)
        options: ProductVariantOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = ProductVariantOptions.from_dict(_options)

        def _parse_price(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        price = _parse_price(d.pop("price", UNSET))

        def _parse_sku(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sku = _parse_sku(d.pop("sku", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        product_variant = cls(
            compare_at_price=compare_at_price,
            cost=cost,
            image=image,
            options=options,
            price=price,
            sku=sku,
            title=title,
        )

        return product_variant
