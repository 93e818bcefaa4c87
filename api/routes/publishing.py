"""Publish videos as ads (a video, or a whole batch) into an ad set / ad group of a
connected account — paused unless asked otherwise — and see each video's ads and status."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from api.deps import MAX_ID, IdPath, ScopeDep
from api.pagination import PageDep
from studio.schemas.publishing import PublishedAdPublic, PublishedAdsPublic, PublishRequest
from studio.services import publishing

router = APIRouter(tags=["publishing"])


@router.post("/videos/{video_id}/publish", response_model=PublishedAdPublic, status_code=202,
             operation_id="publish_video")
def publish_video(video_id: IdPath, body: PublishRequest, scope: ScopeDep) -> JSONResponse:
    """The video becomes an ad (a worker uploads it, waits for the platform's processing,
    adds the cover, the creative and the ad, paused). Asking again for the same ad set
    answers the same ad; a failed one is tried again. A video still rendering is published
    once it is made."""
    public = publishing.publish_video(scope, video_id, body)
    return JSONResponse(public.model_dump(mode="json"), status_code=202,
                        headers={"Location": f"/api/v1/published-ads/{public.id}"})


@router.post("/batches/{batch_id}/publish", response_model=PublishedAdsPublic,
             status_code=202, operation_id="publish_batch")
def publish_batch(batch_id: IdPath, body: PublishRequest, scope: ScopeDep) -> JSONResponse:
    """Every video of the batch made or being made, one ad each, into the same ad set."""
    public = publishing.publish_batch(scope, batch_id, body)
    return JSONResponse(public.model_dump(mode="json"), status_code=202)


@router.get("/videos/{video_id}/ads", response_model=PublishedAdsPublic,
            operation_id="list_video_ads")
def list_video_ads(video_id: IdPath, scope: ScopeDep) -> PublishedAdsPublic:
    """The video's ads: status (in review, paused, active, rejected…) and the platform's
    reason."""
    return publishing.ads_of_video(scope, video_id)


@router.get("/published-ads", response_model=PublishedAdsPublic,
            operation_id="list_published_ads")
def list_published_ads(
    scope: ScopeDep,
    page: PageDep,
    status: Annotated[str | None, Query(max_length=32)] = None,
    # ids within BIGINT: a bigger number answers 422, never a database overflow
    account: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    batch_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> PublishedAdsPublic:
    return publishing.list_published(scope, status=status, account=account, batch_id=batch_id,
                                     limit=page.limit, offset=page.offset)


@router.get("/published-ads/{published_id}", response_model=PublishedAdPublic,
            operation_id="get_published_ad")
def get_published_ad(published_id: IdPath, scope: ScopeDep) -> PublishedAdPublic:
    return publishing.published_public(publishing.get_published(scope, published_id))
