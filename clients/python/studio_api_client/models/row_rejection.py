from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.row_rejection_raw import RowRejectionRaw


T = TypeVar("T", bound="RowRejection")


@_attrs_define
class RowRejection:
    """A row of an imported file that could not be used, and why.

    Attributes:
        reason (str):
        raw (RowRejectionRaw | Unset):
        row_number (int | None | Unset):
    """

    reason: str
    raw: RowRejectionRaw | Unset = UNSET
    row_number: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        raw: dict[str, Any] | Unset = UNSET
        if not isinstance(self.raw, Unset):
            raw = self.raw.to_dict()

        row_number: int | None | Unset
        if isinstance(self.row_number, Unset):
            row_number = UNSET
        else:
            row_number = self.row_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
            }
        )
        if raw is not UNSET:
            field_dict["raw"] = raw
        if row_number is not UNSET:
            field_dict["row_number"] = row_number

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_rejection_raw import RowRejectionRaw  # noqa: PLC0415

        d = dict(src_dict)
        reason = d.pop("reason")

        _raw = d.pop("raw", UNSET)
        raw: RowRejectionRaw | Unset
        if isinstance(_raw, Unset):
            raw = UNSET
        else:
            raw = RowRejectionRaw.from_dict(_raw)

        def _parse_row_number(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        row_number = _parse_row_number(d.pop("row_number", UNSET))

        row_rejection = cls(
            reason=reason,
            raw=raw,
            row_number=row_number,
        )

        row_rejection.additional_properties = d
        return row_rejection

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
