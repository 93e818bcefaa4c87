from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_create_attributes import ProductCreateAttributes
    from ..models.product_variant import ProductVariant


T = TypeVar("T", bound="ProductCreate")


@_attrs_define
class ProductCreate:
    """A product as the seller knows it; ``price`` is a decimal string ("19.99").

    ``images`` are http(s) URLs or paths inside the studio's media folder.

        Attributes:
            price (float | str): the price a buyer pays, in `currency`
            title (str): the product's name as the shop shows it
            attributes (ProductCreateAttributes | Unset): anything else (material, colour, selling points, `language`);
                templates bind to `product.attributes.NAME`
            category (str | Unset): the shop's category, e.g. Kitchen Default: ''.
            compare_at_price (float | None | str | Unset): the price before a sale (shown struck through; discounts are
                computed from it)
            cost (float | None | str | Unset): the seller's unit cost in `currency`, for profit and ROI
            currency (str | Unset): ISO 4217 code of every amount here, e.g. USD, CNY Default: 'USD'.
            description (str | Unset): the shop's description, plain text Default: ''.
            external_id (None | str | Unset): its id in that source (the shop's product id)
            images (list[str] | Unset): photos, first is the main one: local file paths by the time a generator sees them
                (the studio fetches media-library paths, S3 objects and links)
            source (None | str | Unset): the data source it came from, e.g. csv, shopify
            variants (list[ProductVariant] | Unset): sizes, colours and their prices
    """

    price: float | str
    title: str
    attributes: ProductCreateAttributes | Unset = UNSET
    category: str | Unset = ""
    compare_at_price: float | None | str | Unset = UNSET
    cost: float | None | str | Unset = UNSET
    currency: str | Unset = "USD"
    description: str | Unset = ""
    external_id: None | str | Unset = UNSET
    images: list[str] | Unset = UNSET
    source: None | str | Unset = UNSET
    variants: list[ProductVariant] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        price: float | str
        price = self.price

        title = self.title

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

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

        currency = self.currency

        description = self.description

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        images: list[str] | Unset = UNSET
        if not isinstance(self.images, Unset):
            images = self.images

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        variants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.variants, Unset):
            variants = []
            for variants_item_data in self.variants:
                variants_item = variants_item_data.to_dict()
                variants.append(variants_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "price": price,
                "title": title,
            }
        )
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
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if images is not UNSET:
            field_dict["images"] = images
        if source is not UNSET:
            field_dict["source"] = source
        if variants is not UNSET:
            field_dict["variants"] = variants

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_create_attributes import ProductCreateAttributes  # noqa: PLC0415
        from ..models.product_variant import ProductVariant  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_price(data: object) -> float | str:
            return cast(float | str, data)

        price = _parse_price(d.pop("price"))

        title = d.pop("title")

        _attributes = d.pop("attributes", UNSET)
        attributes: ProductCreateAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = ProductCreateAttributes.from_dict(_attributes)

        category = d.pop("category", UNSET)

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

        currency = d.pop("currency", UNSET)

        description = d.pop("description", UNSET)

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        images = cast(list[str], d.pop("images", UNSET))

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        _variants = d.pop("variants", UNSET)
        variants: list[ProductVariant] | Unset = UNSET
        if _variants is not UNSET:
            variants = []
            for variants_item_data in _variants:
                variants_item = ProductVariant.from_dict(variants_item_data)

                variants.append(variants_item)

        product_create = cls(
            price=price,
            title=title,
            attributes=attributes,
            category=category,
            compare_at_price=compare_at_price,
            cost=cost,
            currency=currency,
            description=description,
            external_id=external_id,
            images=images,
            source=source,
            variants=variants,
        )

        return product_create
