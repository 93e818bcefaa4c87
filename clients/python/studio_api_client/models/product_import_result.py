from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.row_rejection import RowRejection


T = TypeVar("T", bound="ProductImportResult")


@_attrs_define
class ProductImportResult:
    """
    Attributes:
        source (str):
        product_ids (list[int] | Unset): The products of the file, in its order.
        rejected (list[RowRejection] | Unset):
        skipped_drafts (int | Unset): Drafts, unpublished or archived products left out because drafts were not
            included. Default: 0.
        stored (int | Unset): Products created or updated. Default: 0.
        warnings (list[str] | Unset):
    """

    source: str
    product_ids: list[int] | Unset = UNSET
    rejected: list[RowRejection] | Unset = UNSET
    skipped_drafts: int | Unset = 0
    stored: int | Unset = 0
    warnings: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        product_ids: list[int] | Unset = UNSET
        if not isinstance(self.product_ids, Unset):
            product_ids = self.product_ids

        rejected: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rejected, Unset):
            rejected = []
            for rejected_item_data in self.rejected:
                rejected_item = rejected_item_data.to_dict()
                rejected.append(rejected_item)

        skipped_drafts = self.skipped_drafts

        stored = self.stored

        warnings: list[str] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
            }
        )
        if product_ids is not UNSET:
            field_dict["product_ids"] = product_ids
        if rejected is not UNSET:
            field_dict["rejected"] = rejected
        if skipped_drafts is not UNSET:
            field_dict["skipped_drafts"] = skipped_drafts
        if stored is not UNSET:
            field_dict["stored"] = stored
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_rejection import RowRejection  # noqa: PLC0415

        d = dict(src_dict)
        source = d.pop("source")

        product_ids = cast(list[int], d.pop("product_ids", UNSET))

        _rejected = d.pop("rejected", UNSET)
        rejected: list[RowRejection] | Unset = UNSET
        if _rejected is not UNSET:
            rejected = []
            for rejected_item_data in _rejected:
                rejected_item = RowRejection.from_dict(rejected_item_data)

                rejected.append(rejected_item)

        skipped_drafts = d.pop("skipped_drafts", UNSET)

        stored = d.pop("stored", UNSET)

        warnings = cast(list[str], d.pop("warnings", UNSET))

        product_import_result = cls(
            source=source,
            product_ids=product_ids,
            rejected=rejected,
            skipped_drafts=skipped_drafts,
            stored=stored,
            warnings=warnings,
        )

        product_import_result.additional_properties = d
        return product_import_result

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
