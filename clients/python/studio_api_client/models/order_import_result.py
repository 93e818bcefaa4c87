from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.row_rejection import RowRejection


T = TypeVar("T", bound="OrderImportResult")


@_attrs_define
class OrderImportResult:
    """
    Attributes:
        source (str):
        rejected (list[RowRejection] | Unset):
        stored (int | Unset): Orders created or updated. Default: 0.
    """

    source: str
    rejected: list[RowRejection] | Unset = UNSET
    stored: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        rejected: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rejected, Unset):
            rejected = []
            for rejected_item_data in self.rejected:
                rejected_item = rejected_item_data.to_dict()
                rejected.append(rejected_item)

        stored = self.stored

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
            }
        )
        if rejected is not UNSET:
            field_dict["rejected"] = rejected
        if stored is not UNSET:
            field_dict["stored"] = stored

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_rejection import RowRejection  # noqa: PLC0415

        d = dict(src_dict)
        source = d.pop("source")

        _rejected = d.pop("rejected", UNSET)
        rejected: list[RowRejection] | Unset = UNSET
        if _rejected is not UNSET:
            rejected = []
            for rejected_item_data in _rejected:
                rejected_item = RowRejection.from_dict(rejected_item_data)

                rejected.append(rejected_item)

        stored = d.pop("stored", UNSET)

        order_import_result = cls(
            source=source,
            rejected=rejected,
            stored=stored,
        )

        order_import_result.additional_properties = d
        return order_import_result

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
