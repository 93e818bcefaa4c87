from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rejected_row_public_raw import RejectedRowPublicRaw


T = TypeVar("T", bound="RejectedRowPublic")


@_attrs_define
class RejectedRowPublic:
    """
    Attributes:
        id (int):
        raw (RejectedRowPublicRaw):
        reason (str):
        row_number (int):
    """

    id: int
    raw: RejectedRowPublicRaw
    reason: str
    row_number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        raw = self.raw.to_dict()

        reason = self.reason

        row_number = self.row_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "raw": raw,
                "reason": reason,
                "row_number": row_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rejected_row_public_raw import RejectedRowPublicRaw  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        raw = RejectedRowPublicRaw.from_dict(d.pop("raw"))

        reason = d.pop("reason")

        row_number = d.pop("row_number")

        rejected_row_public = cls(
            id=id,
            raw=raw,
            reason=reason,
            row_number=row_number,
        )

        rejected_row_public.additional_properties = d
        return rejected_row_public

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
