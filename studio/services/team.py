"""A workspace's people: owners and members, and invitations by link.

Owners invite (a link, shown to them and mailed to the person), change roles and remove
people; members see who is on the team. A workspace always keeps an owner. Accepting an
invitation makes the person's account in the workspace with the invited role.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.auth import create_user, hash_link_token, new_link_token, normal_email
from studio.db import Invite, Scope, User, Workspace
from studio.errors import Conflict, InvalidInput, NotFound
from studio.mail import link_base, queue_mail
from studio.mail.texts import invite_mail
from studio.schemas.account import (
    InviteCreated,
    InviteDetails,
    InvitePublic,
    MemberPublic,
    TeamPublic,
)
from studio.services.accounts import OWNER, check_role, is_owner, require_owner

INVITE_DAYS = 7
SHOW_EXPIRED_FOR = timedelta(days=30)  # expired invitations stay listed this long


def _invite_public(invite: Invite, now: datetime) -> InvitePublic:
    return InvitePublic.model_validate(invite).model_copy(
        update={"expired": invite.expires_at <= now})


def team(scope: Scope, *, by: int | None = None) -> TeamPublic:
    """Everyone in the workspace; owners (and API keys) also get the open invitations."""
    workspace = scope.session.get(Workspace, scope.workspace_id)
    members = scope.list(User, User.is_active.is_(True), order_by=User.id)
    can_manage = is_owner(scope, by)
    now = datetime.now(UTC)
    invites = scope.list(
        Invite, Invite.accepted_at.is_(None), Invite.revoked_at.is_(None),
        Invite.expires_at > now - SHOW_EXPIRED_FOR, order_by=Invite.id,
    ) if can_manage else []
    return TeamPublic(
        workspace=workspace.name if workspace else "", you=by or 0, can_manage=can_manage,
        members=[MemberPublic.model_validate(m) for m in members],
        invites=[_invite_public(i, now) for i in invites],
    )


def _display_name(scope: Scope, by: int | None) -> str:
    user = scope.get(User, by) if by else None
    if user is not None:
        return user.name or user.email
    workspace = scope.session.get(Workspace, scope.workspace_id)
    return workspace.name if workspace else "Studio"


def invite(scope: Scope, *, by: int | None, email: str, role: str = "member",
           request_base: str, lang: str | None = None) -> InviteCreated:
    """An invitation link for ``email`` with ``role`` (owners only), mailed to them and shown
    once in the answer. A newer invitation to the same address replaces an open one."""
    require_owner(scope, by)
    check_role(role)
    address = normal_email(email)
    existing = scope.session.scalars(select(User).where(User.email == address)).first()
    if existing is not None:
        if existing.workspace_id == scope.workspace_id:
            raise Conflict("team.already_member", field="email", email=address)
        raise Conflict("team.email_has_account", field="email", email=address)
    now = datetime.now(UTC)
    for old in scope.list(Invite, Invite.email == address, Invite.accepted_at.is_(None),
                          Invite.revoked_at.is_(None)):
        old.revoked_at = now
    token, digest = new_link_token()
    made = scope.add(Invite(email=address, role=role, token_hash=digest, invited_by_id=by,
                            expires_at=now + timedelta(days=INVITE_DAYS)))
    scope.session.flush()
    workspace = scope.session.get(Workspace, scope.workspace_id)
    link = f"{link_base(request_base)}/#/invite/{token}"
    subject, body = invite_mail(lang, inviter=_display_name(scope, by),
                                workspace=workspace.name if workspace else "", role=role,
                                expires=made.expires_at)
    queue_mail(scope.session, workspace_id=scope.workspace_id, kind="invite", to=address,
               subject=subject, body=body, link=link)
    return InviteCreated(**_invite_public(made, now).model_dump(), link=link)


def revoke_invite(scope: Scope, invite_id: int, *, by: int | None) -> InvitePublic:
    """The link stops working (owners only; revoking twice is harmless)."""
    require_owner(scope, by)
    found = scope.get(Invite, invite_id)
    if found is None or found.accepted_at is not None:
        raise NotFound("invite", invite_id)
    now = datetime.now(UTC)
    if found.revoked_at is None:
        found.revoked_at = now
    return _invite_public(found, now)


def _member(scope: Scope, member_id: int) -> User:
    user = scope.get(User, member_id)
    if user is None or not user.is_active:
        raise NotFound("member", member_id)
    return user


def _keep_an_owner(scope: Scope, user: User) -> None:
    owners = scope.count(User, User.role == OWNER, User.is_active.is_(True))
    if user.role == OWNER and owners <= 1:
        raise Conflict("team.last_owner", field="role")


def change_role(scope: Scope, member_id: int, *, by: int | None, role: str) -> MemberPublic:
    require_owner(scope, by)
    check_role(role)
    user = _member(scope, member_id)
    if role != OWNER:
        _keep_an_owner(scope, user)
    user.role = role
    return MemberPublic.model_validate(user)


def remove_member(scope: Scope, member_id: int, *, by: int | None) -> None:
    """The person can no longer sign in here (their sessions end at once); what they made
    stays in the workspace. Their email is free again."""
    require_owner(scope, by)
    user = _member(scope, member_id)
    _keep_an_owner(scope, user)
    scope.delete(user)
    scope.session.flush()


# --- the invited person's side (signed out) --------------------------------------------------


def _open_invite(session: Session, token: str) -> Invite:
    found = session.scalars(
        select(Invite).where(Invite.token_hash == hash_link_token(token))).first()
    if found is None or found.accepted_at is not None or found.revoked_at is not None:
        raise InvalidInput("team.invite_invalid", field="token")
    if found.expires_at <= datetime.now(UTC):
        raise InvalidInput("team.invite_expired", field="token", days=INVITE_DAYS)
    return found


def invite_details(session: Session, *, token: str) -> InviteDetails:
    """What an invitation link offers: which workspace, for whom, with which role."""
    found = _open_invite(session, token)
    scope = Scope(session, found.workspace_id)
    workspace = session.get(Workspace, found.workspace_id)
    inviter = _display_name(scope, found.invited_by_id)
    return InviteDetails(workspace=workspace.name if workspace else "", email=found.email,
                         role=check_role(found.role), invited_by=inviter,
                         expires_at=found.expires_at)


def accept_invite(session: Session, *, token: str, password: str, name: str = "") -> User:
    """The invited person's account, in the workspace, with the invited role (then signed
    in). The link works once."""
    found = _open_invite(session, token)
    user = create_user(session=session, workspace_id=found.workspace_id, email=found.email,
                       password=password, name=name, role=check_role(found.role))
    found.accepted_at = datetime.now(UTC)
    return user
