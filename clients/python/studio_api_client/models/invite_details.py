from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invite_details_role import InviteDetailsRole

T = TypeVar("T", bound="InviteDetails")


@_attrs_define
class InviteDetails:
    """
    Attributes:
        email (str):
        expires_at (datetime.datetime):
        invited_by (str):
        role (InviteDetailsRole):
        workspace (str):
    """

    email: str
    expires_at: datetime.datetime
    invited_by: str
    role: InviteDetailsRole
    workspace: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        expires_at = self.expires_at.isoformat()

        invited_by = self.invited_by

        role = self.role.value

        workspace = self.workspace

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "expires_at": expires_at,
                "invited_by": invited_by,
                "role": role,
                "workspace": workspace,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        invited_by = d.pop("invited_by")

        role = InviteDetailsRole(d.pop("role"))

        workspace = d.pop("workspace")

        invite_details = cls(
            email=email,
            expires_at=expires_at,
            invited_by=invited_by,
            role=role,
            workspace=workspace,
        )

        invite_details.additional_properties = d
        return invite_details

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
