"""API keys of the caller's workspace: create (shown once), list, revoke. Owners only (an API
key acts for the workspace, as the owner who made it)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CurrentWorkspace, IdPath, ScopeDep
from studio.schemas.account import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic, ApiKeysPublic
from studio.services import accounts

router = APIRouter(prefix="/keys", tags=["keys"])


@router.get("", response_model=ApiKeysPublic, operation_id="list_keys")
def list_keys(scope: ScopeDep, caller: CurrentWorkspace) -> ApiKeysPublic:
    return accounts.list_keys(scope, by=caller.user_id)


@router.post("", response_model=ApiKeyCreated, status_code=201, operation_id="create_key")
def create_key(body: ApiKeyCreate, scope: ScopeDep, caller: CurrentWorkspace) -> ApiKeyCreated:
    """A new key for this workspace. The `key` field is shown once; only its hash is kept."""
    return accounts.create_key(scope, name=body.name, created_by=caller.user_id)


@router.delete("/{key_id}", response_model=ApiKeyPublic, operation_id="revoke_key")
def revoke_key(key_id: IdPath, scope: ScopeDep, caller: CurrentWorkspace) -> ApiKeyPublic:
    """Revoke a key: requests with it answer 401 from now on."""
    return accounts.revoke_key(scope, key_id, by=caller.user_id)
