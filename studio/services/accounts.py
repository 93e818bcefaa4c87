"""Who works in a workspace: signing up (a new workspace and its owner), signing in,
password resets by mail, its API keys (shown once; owners only), its users, and finding a
workspace by its slug (the command line's ``--workspace``).

Roles are checked here, not in the doors: ``by`` is the signed-in user acting. ``None`` is
a caller that is no user — an API key (which an owner made) or the command line (whoever
runs it runs the studio) — and acts for the whole workspace.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from studio.auth import (
    authenticate_user,
    create_api_key,
    create_user,
    create_workspace,
    hash_link_token,
    hash_password,
    list_api_keys,
    new_link_token,
    normal_email,
    revoke_api_key,
)
from studio.db import PasswordReset, Scope, User, Workspace
from studio.db.models.account import ROLES
from studio.errors import Forbidden, InvalidInput, NotFound, Unauthorized
from studio.mail import link_base, queue_mail
from studio.mail.texts import reset_mail
from studio.schemas.account import (
    ApiKeyCreated,
    ApiKeyPublic,
    ApiKeysPublic,
    PasswordResetAsked,
    UserPublic,
)

RESET_MINUTES = 60
OWNER = "owner"


def workspace_by_slug(session: Session, slug: str, *, create: bool = True) -> int:
    """The workspace's id (created on first use when ``create``)."""
    found = session.scalars(select(Workspace.id).where(Workspace.slug == slug)).first()
    if found is not None:
        return int(found)
    if not create:
        raise NotFound("workspace", slug)
    return int(create_workspace(session=session, name=slug, slug=slug).id)


def is_owner(scope: Scope, by: int | None) -> bool:
    """True for an owner of this workspace, an API key and the command line (``None``)."""
    if by is None:
        return True
    user = scope.get(User, by)
    return user is not None and user.is_active and user.role == OWNER


def require_owner(scope: Scope, by: int | None, *, code: str = "team.owners_only") -> None:
    """Refuse a signed-in member (Forbidden ``code``)."""
    if not is_owner(scope, by):
        raise Forbidden(code)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput("team.bad_role", field="role", role=role, allowed=", ".join(ROLES))
    return role


# --- API keys (owners only) ------------------------------------------------------------------


def list_keys(scope: Scope, *, by: int | None = None) -> ApiKeysPublic:
    require_owner(scope, by, code="team.owners_only_keys")
    keys = list_api_keys(session=scope.session, workspace_id=scope.workspace_id)
    return ApiKeysPublic(data=[ApiKeyPublic.model_validate(k) for k in keys], count=len(keys))


def create_key(scope: Scope, *, name: str = "", created_by: int | None = None) -> ApiKeyCreated:
    """A new key; ``key`` is in this answer only (just its hash is kept)."""
    require_owner(scope, created_by, code="team.owners_only_keys")
    key, token = create_api_key(session=scope.session, workspace_id=scope.workspace_id,
                                name=name, created_by_id=created_by)
    return ApiKeyCreated(**ApiKeyPublic.model_validate(key).model_dump(), key=token)


def revoke_key(scope: Scope, key_id: int, *, by: int | None = None) -> ApiKeyPublic:
    require_owner(scope, by, code="team.owners_only_keys")
    key = revoke_api_key(session=scope.session, workspace_id=scope.workspace_id, key_id=key_id)
    return ApiKeyPublic.model_validate(key)


# --- users, signing up and in --------------------------------------------------------------


def add_user(scope: Scope, *, email: str, password: str, name: str = "",
             role: str = OWNER) -> UserPublic:
    user = create_user(session=scope.session, workspace_id=scope.workspace_id, email=email,
                       password=password, name=name, role=check_role(role))
    return UserPublic.model_validate(user)


def sign_up(session: Session, *, workspace: str, email: str, password: str,
            name: str = "") -> User:
    """A new workspace named ``workspace`` and its first owner (who is then signed in)."""
    if not workspace.strip():
        raise InvalidInput("account.no_workspace_name", field="workspace")
    normal_email(email)
    hash_password(password)  # a weak password is refused before anything is made
    made = create_workspace(session=session, name=workspace[:200])
    return create_user(session=session, workspace_id=made.id, email=email, password=password,
                       name=name, role=OWNER)


def sign_in(session: Session, *, email: str, password: str) -> User:
    user = authenticate_user(session=session, email=email, password=password)
    if user is None:
        raise Unauthorized("auth.wrong_password", field="password")
    return user


def current_user(scope: Scope, user_id: int | None) -> UserPublic:
    user = scope.get(User, user_id) if user_id else None
    if user is None:
        raise NotFound("user", user_id, code="auth.not_a_user")
    return UserPublic.model_validate(user)


# --- password resets -----------------------------------------------------------------------


def ask_password_reset(session: Session, *, email: str, request_base: str,
                       lang: str | None = None) -> PasswordResetAsked:
    """Mail a single-use link that expires in :data:`RESET_MINUTES` to the user with this
    email. The answer is the same whether or not such a user exists (nobody learns who has
    an account here); an earlier link of theirs stops working."""
    address = normal_email(email)
    user = session.scalars(select(User).where(User.email == address)).first()
    if user is not None and user.is_active:
        now = datetime.now(UTC)
        session.execute(update(PasswordReset)
                        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
                        .values(used_at=now))
        token, digest = new_link_token()
        session.add(PasswordReset(user_id=user.id, token_hash=digest,
                                  expires_at=now + timedelta(minutes=RESET_MINUTES)))
        subject, body = reset_mail(lang, email=user.email, minutes=RESET_MINUTES)
        queue_mail(session, workspace_id=user.workspace_id, kind="password_reset",
                   to=user.email, subject=subject, body=body,
                   link=f"{link_base(request_base)}/#/reset/{token}")
    return PasswordResetAsked(email=address, minutes=RESET_MINUTES)


def reset_password(session: Session, *, token: str, password: str) -> User:
    """Set a new password with a reset link's token (once, before it expires). Every session
    signed in with the old password ends (``studio.auth``)."""
    reset = session.scalars(
        select(PasswordReset).where(PasswordReset.token_hash == hash_link_token(token))
    ).first()
    user = session.get(User, reset.user_id) if reset is not None else None
    if reset is None or reset.used_at is not None or user is None or not user.is_active:
        raise InvalidInput("auth.reset_invalid", field="token")
    now = datetime.now(UTC)
    if reset.expires_at <= now:
        raise InvalidInput("auth.reset_expired", field="token", minutes=RESET_MINUTES)
    user.password_hash = hash_password(password)
    reset.used_at = now
    return user
