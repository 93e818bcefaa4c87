from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.event_public_payload import EventPublicPayload
    from ..models.event_subject import EventSubject


T = TypeVar("T", bound="EventPublic")


@_attrs_define
class EventPublic:
    """
    Attributes:
        created_at (datetime.datetime):
        id (str):
        payload (EventPublicPayload):
        seq (int): Increases with every event; resume with `after=<seq>`.
        subject (EventSubject):
        type_ (str):
    """

    created_at: datetime.datetime
    id: str
    payload: EventPublicPayload
    seq: int
    subject: EventSubject
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        payload = self.payload.to_dict()

        seq = self.seq

        subject = self.subject.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "payload": payload,
                "seq": seq,
                "subject": subject,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_public_payload import EventPublicPayload  # noqa: PLC0415
        from ..models.event_subject import EventSubject  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        payload = EventPublicPayload.from_dict(d.pop("payload"))

        seq = d.pop("seq")

        subject = EventSubject.from_dict(d.pop("subject"))

        type_ = d.pop("type")

        event_public = cls(
            created_at=created_at,
            id=id,
            payload=payload,
            seq=seq,
            subject=subject,
            type_=type_,
        )

        event_public.additional_properties = d
        return event_public

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
