"""Who works in a workspace: its API keys (shown once), its users, signing in, and finding a
workspace by its slug (the command line's ``--workspace``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.auth import (
    authenticate_user,
    create_api_key,
    create_user,
    create_workspace,
    list_api_keys,
    revoke_api_key,
)
from studio.db import Scope, User, Workspace
from studio.errors import NotFound, Unauthorized
from studio.schemas.account import ApiKeyCreated, ApiKeyPublic, ApiKeysPublic, UserPublic


def workspace_by_slug(session: Session, slug: str, *, create: bool = True) -> int:
    """The workspace's id (created on first use when ``create``)."""
    found = session.scalars(select(Workspace.id).where(Workspace.slug == slug)).first()
    if found is not None:
        return int(found)
    if not create:
        raise NotFound("workspace", slug)
    return int(create_workspace(session=session, name=slug, slug=slug).id)


def list_keys(scope: Scope) -> ApiKeysPublic:
    keys = list_api_keys(session=scope.session, workspace_id=scope.workspace_id)
    return ApiKeysPublic(data=[ApiKeyPublic.model_validate(k) for k in keys], count=len(keys))


def create_key(scope: Scope, *, name: str = "", created_by: int | None = None) -> ApiKeyCreated:
    """A new key; ``key`` is in this answer only (just its hash is kept)."""
    key, token = create_api_key(session=scope.session, workspace_id=scope.workspace_id,
                                name=name, created_by_id=created_by)
    return ApiKeyCreated(**ApiKeyPublic.model_validate(key).model_dump(), key=token)


def revoke_key(scope: Scope, key_id: int) -> ApiKeyPublic:
    key = revoke_api_key(session=scope.session, workspace_id=scope.workspace_id, key_id=key_id)
    return ApiKeyPublic.model_validate(key)


def add_user(scope: Scope, *, email: str, password: str, name: str = "") -> UserPublic:
    user = create_user(session=scope.session, workspace_id=scope.workspace_id, email=email,
                       password=password, name=name)
    return UserPublic.model_validate(user)


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
