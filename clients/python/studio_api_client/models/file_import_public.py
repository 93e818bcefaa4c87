from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.file_import_public_kind import FileImportPublicKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ad_import_public import AdImportPublic
    from ..models.order_import_result import OrderImportResult
    from ..models.product_import_result import ProductImportResult


T = TypeVar("T", bound="FileImportPublic")


@_attrs_define
class FileImportPublic:
    """A file imported through the import box: the kind it was and the import's summary
    (one of ``products``, ``ads``, ``orders``).

        Attributes:
            file_name (str):
            kind (FileImportPublicKind):
            source (str):
            ads (AdImportPublic | None | Unset):
            orders (None | OrderImportResult | Unset):
            products (None | ProductImportResult | Unset):
    """

    file_name: str
    kind: FileImportPublicKind
    source: str
    ads: AdImportPublic | None | Unset = UNSET
    orders: None | OrderImportResult | Unset = UNSET
    products: None | ProductImportResult | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ad_import_public import AdImportPublic  # noqa: PLC0415
        from ..models.order_import_result import OrderImportResult  # noqa: PLC0415
        from ..models.product_import_result import ProductImportResult  # noqa: PLC0415

        file_name = self.file_name

        kind = self.kind.value

        source = self.source

        ads: dict[str, Any] | None | Unset
        if isinstance(self.ads, Unset):
            ads = UNSET
        elif isinstance(self.ads, AdImportPublic):
            ads = self.ads.to_dict()
        else:
            ads = self.ads

        orders: dict[str, Any] | None | Unset
        if isinstance(self.orders, Unset):
            orders = UNSET
        elif isinstance(self.orders, OrderImportResult):
            orders = self.orders.to_dict()
        else:
            orders = self.orders

        products: dict[str, Any] | None | Unset
        if isinstance(self.products, Unset):
            products = UNSET
        elif isinstance(self.products, ProductImportResult):
            products = self.products.to_dict()
        else:
            products = self.products

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_name": file_name,
                "kind": kind,
                "source": source,
            }
        )
        if ads is not UNSET:
            field_dict["ads"] = ads
        if orders is not UNSET:
            field_dict["orders"] = orders
        if products is not UNSET:
            field_dict["products"] = products

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ad_import_public import AdImportPublic  # noqa: PLC0415
        from ..models.order_import_result import OrderImportResult  # noqa: PLC0415
        from ..models.product_import_result import ProductImportResult  # noqa: PLC0415

        d = dict(src_dict)
        file_name = d.pop("file_name")

        kind = FileImportPublicKind(d.pop("kind"))

        source = d.pop("source")

        def _parse_ads(data: object) -> AdImportPublic | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ads_type_0 = AdImportPublic.from_dict(data)

                return ads_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AdImportPublic | None | Unset, data)

        ads = _parse_ads(d.pop("ads", UNSET))

        def _parse_orders(data: object) -> None | OrderImportResult | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                orders_type_0 = OrderImportResult.from_dict(data)

                return orders_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderImportResult | Unset, data)

        orders = _parse_orders(d.pop("orders", UNSET))

        def _parse_products(data: object) -> None | ProductImportResult | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                products_type_0 = ProductImportResult.from_dict(data)

                return products_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProductImportResult | Unset, data)

        products = _parse_products(d.pop("products", UNSET))

        file_import_public = cls(
            file_name=file_name,
            kind=kind,
            source=source,
            ads=ads,
            orders=orders,
            products=products,
        )

        file_import_public.additional_properties = d
        return file_import_public

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
