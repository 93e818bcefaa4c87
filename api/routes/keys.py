"""API keys of the caller's workspace: create (shown once), list, revoke."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CurrentWorkspace, IdPath, SessionDep
from api.errors import not_found
from api.schemas.account import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic, ApiKeysPublic
from studio.auth import create_api_key, list_api_keys, revoke_api_key
from studio.db import NotFound

router = APIRouter(prefix="/keys", tags=["keys"])


@router.get("", response_model=ApiKeysPublic)
def list_keys(caller: CurrentWorkspace, session: SessionDep) -> ApiKeysPublic:
    keys = list_api_keys(session=session, workspace_id=caller.workspace_id)
    return ApiKeysPublic(data=[ApiKeyPublic.model_validate(k) for k in keys], count=len(keys))


@router.post("", response_model=ApiKeyCreated, status_code=201)
def create_key(body: ApiKeyCreate, caller: CurrentWorkspace, session: SessionDep) -> ApiKeyCreated:
    """A new key for this workspace. The `key` field is shown once; only its hash is kept."""
    key, token = create_api_key(
        session=session,
        workspace_id=caller.workspace_id,
        name=body.name,
        created_by_id=caller.user_id,
    )
    return ApiKeyCreated(**ApiKeyPublic.model_validate(key).model_dump(), key=token)


@router.delete("/{key_id}", response_model=ApiKeyPublic)
def revoke_key(key_id: IdPath, caller: CurrentWorkspace, session: SessionDep) -> ApiKeyPublic:
    """Revoke a key: requests with it answer 401 from now on."""
    try:
        key = revoke_api_key(session=session, workspace_id=caller.workspace_id, key_id=key_id)
    except NotFound:
        raise not_found("API key", key_id) from None
    return ApiKeyPublic.model_validate(key)
