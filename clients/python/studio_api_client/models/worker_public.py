from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkerPublic")


@_attrs_define
class WorkerPublic:
    """
    Attributes:
        alive (bool): Seen within the last minute.
        concurrency (int):
        host (str):
        last_seen (datetime.datetime):
        name (str):
        pid (int):
        queues (list[str]):
        started_at (datetime.datetime):
    """

    alive: bool
    concurrency: int
    host: str
    last_seen: datetime.datetime
    name: str
    pid: int
    queues: list[str]
    started_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alive = self.alive

        concurrency = self.concurrency

        host = self.host

        last_seen = self.last_seen.isoformat()

        name = self.name

        pid = self.pid

        queues = self.queues

        started_at = self.started_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alive": alive,
                "concurrency": concurrency,
                "host": host,
                "last_seen": last_seen,
                "name": name,
                "pid": pid,
                "queues": queues,
                "started_at": started_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alive = d.pop("alive")

        concurrency = d.pop("concurrency")

        host = d.pop("host")

        last_seen = datetime.datetime.fromisoformat(d.pop("last_seen"))

        name = d.pop("name")

        pid = d.pop("pid")

        queues = cast(list[str], d.pop("queues"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        worker_public = cls(
            alive=alive,
            concurrency=concurrency,
            host=host,
            last_seen=last_seen,
            name=name,
            pid=pid,
            queues=queues,
            started_at=started_at,
        )

        worker_public.additional_properties = d
        return worker_public

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
