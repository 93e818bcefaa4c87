"""Accounts: signing up and in, password resets, the team (owners, members, invitations) and
API keys."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["owner", "member"]
ROLE_HELP = ("owner: also invites and removes teammates and manages API keys; member: works "
             "in the studio (catalog, templates, batches, videos, ROI)")


class SignIn(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1000)


class SignUp(BaseModel):
    workspace: str = Field(max_length=200, description="The shop's or team's name.")
    name: str = Field("", max_length=200, description="Your name, as teammates see it.")
    email: str = Field(max_length=320, description="Your sign-in name.")
    password: str = Field(max_length=1000, description="At least 8 characters.")


class PasswordResetAsk(BaseModel):
    email: str = Field(max_length=320)


class PasswordResetAsked(BaseModel):
    email: str = Field(description="The address a link was sent to, if an account uses it.")
    minutes: int = Field(description="How long the link works.")


class PasswordResetDo(BaseModel):
    token: str = Field(max_length=200, description="The token from the mail's link.")
    password: str = Field(max_length=1000, description="The new password (8+ characters).")


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    name: str
    workspace_id: int
    role: Role = Field(description=ROLE_HELP)


class MemberPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    name: str
    role: Role
    created_at: datetime


class InviteCreate(BaseModel):
    email: str = Field(max_length=320, description="Who is invited (their sign-in name).")
    role: Role = Field("member", description=ROLE_HELP)


class InvitePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    role: Role
    created_at: datetime
    expires_at: datetime
    expired: bool = False


class InviteCreated(InvitePublic):
    link: str = Field(description="The invitation link: shown only now (it was also mailed).")


class TeamPublic(BaseModel):
    workspace: str = Field(description="The workspace's name.")
    you: int = Field(description="The id of the signed-in user (0 for an API key).")
    can_manage: bool = Field(description="Whether the caller may invite, change and remove.")
    members: list[MemberPublic]
    invites: list[InvitePublic] = Field(description="Open invitations (owners only).")


class RoleChange(BaseModel):
    role: Role = Field(description=ROLE_HELP)


class InviteToken(BaseModel):
    token: str = Field(max_length=200, description="The token from the invitation link.")


class InviteDetails(BaseModel):
    workspace: str
    email: str
    role: Role
    invited_by: str
    expires_at: datetime


class InviteAccept(BaseModel):
    token: str = Field(max_length=200, description="The token from the invitation link.")
    name: str = Field("", max_length=200, description="Your name, as teammates see it.")
    password: str = Field(max_length=1000, description="At least 8 characters.")


class ApiKeyCreate(BaseModel):
    name: str = Field("", max_length=200, description="What the key is for, e.g. 'ERP sync'.")


class ApiKeyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str = Field(description="The first characters of the key, to tell keys apart.")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyPublic):
    key: str = Field(description="The key itself. Shown only now: store it safely.")


class ApiKeysPublic(BaseModel):
    data: list[ApiKeyPublic]
    count: int
