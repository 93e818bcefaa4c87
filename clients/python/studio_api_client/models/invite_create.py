from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invite_create_role import InviteCreateRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="InviteCreate")


@_attrs_define
class InviteCreate:
    """
    Attributes:
        email (str): Who is invited (their sign-in name).
        role (InviteCreateRole | Unset): owner: also invites and removes teammates and manages API keys; member: works
            in the studio (catalog, templates, batches, videos, ROI) Default: InviteCreateRole.MEMBER.
    """

    email: str
    role: InviteCreateRole | Unset = InviteCreateRole.MEMBER
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        _role = d.pop("role", UNSET)
        role: InviteCreateRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = InviteCreateRole(_role)

        invite_create = cls(
            email=email,
            role=role,
        )

        invite_create.additional_properties = d
        return invite_create

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
