from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.candidate_public import CandidatePublic


T = TypeVar("T", bound="CandidatesPublic")


@_attrs_define
class CandidatesPublic:
    """
    Attributes:
        count (int):
        data (list[CandidatePublic]):
        group (str):
        selected_id (int | None):
        differs (list[str] | Unset): Which of generator, prompt and seed vary among the candidates.
    """

    count: int
    data: list[CandidatePublic]
    group: str
    selected_id: int | None
    differs: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        group = self.group

        selected_id: int | None
        selected_id = self.selected_id

        differs: list[str] | Unset = UNSET
        if not isinstance(self.differs, Unset):
            differs = self.differs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "data": data,
                "group": group,
                "selected_id": selected_id,
            }
        )
        if differs is not UNSET:
            field_dict["differs"] = differs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.candidate_public import CandidatePublic  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = CandidatePublic.from_dict(data_item_data)

            data.append(data_item)

        group = d.pop("group")

        def _parse_selected_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        selected_id = _parse_selected_id(d.pop("selected_id"))

        differs = cast(list[str], d.pop("differs", UNSET))

        candidates_public = cls(
            count=count,
            data=data,
            group=group,
            selected_id=selected_id,
            differs=differs,
        )

        candidates_public.additional_properties = d
        return candidates_public

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
