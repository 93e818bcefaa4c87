from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.invite_public import InvitePublic
    from ..models.member_public import MemberPublic


T = TypeVar("T", bound="TeamPublic")


@_attrs_define
class TeamPublic:
    """
    Attributes:
        can_manage (bool): Whether the caller may invite, change and remove.
        invites (list[InvitePublic]): Open invitations (owners only).
        members (list[MemberPublic]):
        workspace (str): The workspace's name.
        you (int): The id of the signed-in user (0 for an API key).
    """

    can_manage: bool
    invites: list[InvitePublic]
    members: list[MemberPublic]
    workspace: str
    you: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        can_manage = self.can_manage

        invites = []
        for invites_item_data in self.invites:
            invites_item = invites_item_data.to_dict()
            invites.append(invites_item)

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        workspace = self.workspace

        you = self.you

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "can_manage": can_manage,
                "invites": invites,
                "members": members,
                "workspace": workspace,
                "you": you,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invite_public import InvitePublic  # noqa: PLC0415
        from ..models.member_public import MemberPublic  # noqa: PLC0415

        d = dict(src_dict)
        can_manage = d.pop("can_manage")

        invites = []
        _invites = d.pop("invites")
        for invites_item_data in _invites:
            invites_item = InvitePublic.from_dict(invites_item_data)

            invites.append(invites_item)

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = MemberPublic.from_dict(members_item_data)

            members.append(members_item)

        workspace = d.pop("workspace")

        you = d.pop("you")

        team_public = cls(
            can_manage=can_manage,
            invites=invites,
            members=members,
            workspace=workspace,
            you=you,
        )

        team_public.additional_properties = d
        return team_public

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
