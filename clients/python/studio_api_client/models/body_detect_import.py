from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="BodyDetectImport")


@_attrs_define
class BodyDetectImport:
    """
    Attributes:
        file (str): CSV, TSV or XLSX: a Shopify product export, a catalog, a Meta or TikTok ad export, or a shop order
            export.
        currency (None | str | Unset): The currency of the amounts when the file does not say (a Shopify export: the
            store's currency).
        file_size (int | Unset): The whole file's size in bytes when only its beginning is sent (a big CSV). Default: 0.
        kind (None | str | Unset): The file's kind when detection got it wrong: shopify_products, catalog, meta_ads,
            tiktok_ads or orders.
        mapping (None | str | Unset): JSON: field -> the file's column, e.g. {"title": "Product name"}; "" leaves a
            field out (catalogs and orders).
        page (None | str | Unset): Where the file was dropped: catalog or ads; a file of another kind is refused, naming
            its kind.
    """

    file: str
    currency: None | str | Unset = UNSET
    file_size: int | Unset = 0
    kind: None | str | Unset = UNSET
    mapping: None | str | Unset = UNSET
    page: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        file_size = self.file_size

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        else:
            kind = self.kind

        mapping: None | str | Unset
        if isinstance(self.mapping, Unset):
            mapping = UNSET
        else:
            mapping = self.mapping

        page: None | str | Unset
        if isinstance(self.page, Unset):
            page = UNSET
        else:
            page = self.page

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency
        if file_size is not UNSET:
            field_dict["file_size"] = file_size
        if kind is not UNSET:
            field_dict["kind"] = kind
        if mapping is not UNSET:
            field_dict["mapping"] = mapping
        if page is not UNSET:
            field_dict["page"] = page

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", (None, str(self.file).encode(), "text/plain")))

        if not isinstance(self.currency, Unset):
            if isinstance(self.currency, str):
                files.append(("currency", (None, str(self.currency).encode(), "text/plain")))
            else:
                files.append(("currency", (None, str(self.currency).encode(), "text/plain")))

        if not isinstance(self.file_size, Unset):
            files.append(("file_size", (None, str(self.file_size).encode(), "text/plain")))

        if not isinstance(self.kind, Unset):
            if isinstance(self.kind, str):
                files.append(("kind", (None, str(self.kind).encode(), "text/plain")))
            else:
                files.append(("kind", (None, str(self.kind).encode(), "text/plain")))

        if not isinstance(self.mapping, Unset):
            if isinstance(self.mapping, str):
                files.append(("mapping", (None, str(self.mapping).encode(), "text/plain")))
            else:
                files.append(("mapping", (None, str(self.mapping).encode(), "text/plain")))

        if not isinstance(self.page, Unset):
            if isinstance(self.page, str):
                files.append(("page", (None, str(self.page).encode(), "text/plain")))
            else:
                files.append(("page", (None, str(self.page).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = d.pop("file")

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        file_size = d.pop("file_size", UNSET)

        def _parse_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_mapping(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mapping = _parse_mapping(d.pop("mapping", UNSET))

        def _parse_page(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        page = _parse_page(d.pop("page", UNSET))

        body_detect_import = cls(
            file=file,
            currency=currency,
            file_size=file_size,
            kind=kind,
            mapping=mapping,
            page=page,
        )

        body_detect_import.additional_properties = d
        return body_detect_import

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
