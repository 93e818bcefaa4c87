from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.worker_public import WorkerPublic


T = TypeVar("T", bound="WorkersPublic")


@_attrs_define
class WorkersPublic:
    """
    Attributes:
        alive (int): How many workers beat within the last minute.
        count (int):
        data (list[WorkerPublic]):
        running_without_heartbeat (int): Jobs marked running whose worker stopped beating: they are sent again by the
            next worker's housekeeping.
    """

    alive: int
    count: int
    data: list[WorkerPublic]
    running_without_heartbeat: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alive = self.alive

        count = self.count

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        running_without_heartbeat = self.running_without_heartbeat

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alive": alive,
                "count": count,
                "data": data,
                "running_without_heartbeat": running_without_heartbeat,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.worker_public import WorkerPublic  # noqa: PLC0415

        d = dict(src_dict)
        alive = d.pop("alive")

        count = d.pop("count")

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = WorkerPublic.from_dict(data_item_data)

            data.append(data_item)

        running_without_heartbeat = d.pop("running_without_heartbeat")

        workers_public = cls(
            alive=alive,
            count=count,
            data=data,
            running_without_heartbeat=running_without_heartbeat,
        )

        workers_public.additional_properties = d
        return workers_public

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
