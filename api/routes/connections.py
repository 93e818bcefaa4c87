"""Ad accounts (Meta, TikTok): connect with a token (checked at once, stored encrypted,
never shown again), test the connection (campaigns and ad sets / ad groups), reconnect,
disconnect — and pull their results now ("sync now"; beat pulls them every hour anyway)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from api.deps import IdPath, ScopeDep
from studio.schemas.publishing import (
    AdSetsPublic,
    ConnectionCheck,
    ConnectionCreate,
    ConnectionPublic,
    ConnectionsPublic,
    ConnectionUpdate,
    SyncJobPublic,
)
from studio.services import ad_sync, connections

router = APIRouter(prefix="/connections", tags=["connections"])

ACCEPTED: dict[int | str, dict[str, Any]] = {202: {
    "model": SyncJobPublic, "description": "A worker pulls the results; follow `status_url`."}}


@router.get("", response_model=ConnectionsPublic, operation_id="list_connections")
def list_connections(scope: ScopeDep) -> ConnectionsPublic:
    """Connected ad accounts with their status (`needs_reconnecting` says what to do)."""
    return connections.list_connections(scope)


@router.post("", response_model=ConnectionCheck, status_code=201,
             operation_id="connect_ad_account")
def connect_ad_account(body: ConnectionCreate, scope: ScopeDep,
                       response: Response) -> ConnectionCheck:
    """Connect a Meta ad account or TikTok advertiser: the platform is asked at once (a
    refused token is a 422 saying what to do); the answer lists its campaigns and ad sets.
    The same account again replaces its token (200)."""
    check, created = connections.connect(scope, body)
    response.status_code = 201 if created else 200
    response.headers["Location"] = f"/api/v1/connections/{check.connection.id}"
    return check


@router.get("/{account_id:int}", response_model=ConnectionPublic, operation_id="get_connection")
def get_connection(account_id: IdPath, scope: ScopeDep) -> ConnectionPublic:
    return connections.connection_public(connections.get_connection(scope, account_id))


@router.patch("/{account_id:int}", response_model=ConnectionPublic,
              operation_id="update_connection")
def update_connection(account_id: IdPath, body: ConnectionUpdate,
                      scope: ScopeDep) -> ConnectionPublic:
    """Reconnect with a new token (checked first), or change the identity or shop page."""
    return connections.update_connection(scope, account_id, body)


@router.delete("/{account_id:int}", status_code=204, operation_id="disconnect_ad_account")
def disconnect_ad_account(account_id: IdPath, scope: ScopeDep) -> Response:
    """Forget the account and its token (the results already pulled stay)."""
    connections.disconnect(scope, account_id)
    return Response(status_code=204)


@router.post("/{account_id:int}/test", response_model=ConnectionCheck,
             operation_id="test_connection")
def test_connection(account_id: IdPath, scope: ScopeDep) -> ConnectionCheck:
    """Ask the platform now: the account's campaigns and ad sets / ad groups. A refused token
    marks the account `needs_reconnecting` (and `account` is null)."""
    return connections.check_connection(scope, account_id)


@router.get("/{account_id:int}/ad-sets", response_model=AdSetsPublic, operation_id="list_ad_sets")
def list_ad_sets(account_id: IdPath, scope: ScopeDep) -> AdSetsPublic:
    """The ad sets (Meta) or ad groups (TikTok) a video can be published into."""
    return connections.ad_sets(scope, account_id)


@router.post("/{account_id:int}/sync", response_model=SyncJobPublic, status_code=202,
             responses=ACCEPTED, operation_id="sync_connection")
def sync_connection(account_id: IdPath, scope: ScopeDep) -> JSONResponse:
    """Pull this account's results now (since the last pull, re-reading the attribution
    window) and its ads' review status."""
    return _accepted(ad_sync.sync_public(ad_sync.ask_for_sync(scope, account_id)))


@router.post("/sync", response_model=SyncJobPublic, status_code=202, responses=ACCEPTED,
             operation_id="sync_all_connections")
def sync_all_connections(scope: ScopeDep) -> JSONResponse:
    """Pull every connected account of the workspace now."""
    return _accepted(ad_sync.sync_public(ad_sync.ask_for_sync(scope, None)))


@router.get("/syncs/{job_id}", response_model=SyncJobPublic, operation_id="get_sync")
def get_sync(job_id: IdPath, scope: ScopeDep) -> SyncJobPublic:
    return ad_sync.sync_public(ad_sync.get_sync(scope, job_id))


def _accepted(public: SyncJobPublic) -> JSONResponse:
    return JSONResponse(public.model_dump(mode="json"), status_code=202,
                        headers={"Location": public.status_url})
