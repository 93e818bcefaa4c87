"""The team of the caller's workspace: who is in it with which role, invitations by link,
changing a role, removing someone. Owners manage; members see the list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response

from api.deps import CurrentWorkspace, IdPath, ScopeDep
from studio.schemas.account import (
    InviteCreate,
    InviteCreated,
    InvitePublic,
    MemberPublic,
    RoleChange,
    TeamPublic,
)
from studio.services import team
from studio.services.wording import wants_chinese

router = APIRouter(prefix="/team", tags=["team"])
AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]


@router.get("", response_model=TeamPublic, operation_id="get_team")
def get_team(scope: ScopeDep, caller: CurrentWorkspace) -> TeamPublic:
    """Members with their roles; owners also see the open invitations."""
    return team.team(scope, by=caller.user_id)


@router.post("/invites", response_model=InviteCreated, status_code=201,
             operation_id="create_invite")
def create_invite(body: InviteCreate, request: Request, scope: ScopeDep,
                  caller: CurrentWorkspace,
                  accept_language: AcceptLanguage = None) -> InviteCreated:
    """Invite someone by link (owners only): the link is in this answer only, and mailed to
    them in the caller's language. It works once, for 7 days."""
    return team.invite(scope, by=caller.user_id, email=body.email, role=body.role,
                       request_base=str(request.base_url),
                       lang="zh-CN" if wants_chinese(accept_language) else "en")


@router.delete("/invites/{invite_id}", response_model=InvitePublic,
               operation_id="revoke_invite")
def revoke_invite(invite_id: IdPath, scope: ScopeDep, caller: CurrentWorkspace) -> InvitePublic:
    """The invitation link stops working (owners only)."""
    return team.revoke_invite(scope, invite_id, by=caller.user_id)


@router.patch("/members/{member_id}", response_model=MemberPublic,
              operation_id="change_member_role")
def change_role(member_id: IdPath, body: RoleChange, scope: ScopeDep,
                caller: CurrentWorkspace) -> MemberPublic:
    """Make someone an owner or a member (owners only; a workspace keeps an owner)."""
    return team.change_role(scope, member_id, by=caller.user_id, role=body.role)


@router.delete("/members/{member_id}", status_code=204, operation_id="remove_member")
def remove_member(member_id: IdPath, scope: ScopeDep, caller: CurrentWorkspace) -> Response:
    """Remove someone from the workspace (owners only): they can no longer sign in here."""
    team.remove_member(scope, member_id, by=caller.user_id)
    return Response(status_code=204)
