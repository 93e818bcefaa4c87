"""Batches: create from a list or a catalog filter (one call, sent to the workers in bulk),
status, cancel, live progress, and the whole batch as one ZIP."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from api.deps import IdPath, ScopeDep
from api.observability import current_request_id
from api.pagination import PageDep
from api.sse import SSE_RESPONSE, event_stream, resume_point, subjects_of_batch
from studio.db import Batch, Scope
from studio.schemas.videos import BatchCreate, BatchesPublic, BatchPublic
from studio.services import batch_zip, batches
from studio.services.requests import VideoRequest
from studio.states import FINISHED

router = APIRouter(prefix="/batches", tags=["batches"])


@router.post("", response_model=BatchPublic, status_code=202, operation_id="create_batch")
def create_batch(body: BatchCreate, scope: ScopeDep, response: Response) -> BatchPublic:
    """Accept up to 5,000 videos in one call; they are saved in one transaction and sent to
    the workers in bulk. The same list sent again answers the same batch (`created: false`);
    so does the same `Idempotency-Key`."""
    if body.items is not None:
        requests = [VideoRequest(product_id=i.product, template_id=i.template, format=i.format,
                                 generator=i.generator, options=i.options) for i in body.items]
    else:
        assert body.catalog is not None
        c = body.catalog
        requests = batches.requests_for_catalog(scope, batches.CatalogChoice(
            templates=c.templates, formats=c.formats, category=c.category, q=c.q,
            product_ids=c.product_ids, generator=c.generator, options=c.options,
            max_videos=c.max_videos))
    public, _ = batches.create_batch(scope, requests, name=body.name,
                                     request_id=current_request_id() or None)
    response.headers["Location"] = f"/api/v1/batches/{public.id}"
    return public


@router.get("", response_model=BatchesPublic, operation_id="list_batches")
def list_batches(
    scope: ScopeDep, page: PageDep,
    status: Annotated[str | None, Query(max_length=32)] = None,
) -> BatchesPublic:
    return batches.list_batches(scope, status=status, limit=page.limit, offset=page.offset)


@router.get("/{batch_id}", response_model=BatchPublic, operation_id="get_batch")
def get_batch(batch_id: IdPath, scope: ScopeDep) -> BatchPublic:
    """Status with counts per video status and an ETA."""
    return batches.batch_public(scope, batches.get_batch(scope, batch_id))


@router.post("/{batch_id}/cancel", response_model=BatchPublic, operation_id="cancel_batch")
def cancel_batch(batch_id: IdPath, scope: ScopeDep) -> BatchPublic:
    """Cancel the videos not yet finished; finished ones stay. Cancelling twice is harmless."""
    return batches.cancel_batch(scope, batch_id)


@router.get("/{batch_id}/events", response_model=None, responses=SSE_RESPONSE,
            operation_id="stream_batch_events")
def stream_batch_events(
    batch_id: IdPath, request: Request, scope: ScopeDep,
    after: Annotated[int | None, Query(ge=0, le=2**63 - 1)] = None,
) -> Any:
    """Live progress of one batch (text/event-stream); ends with `event: end` once the batch
    has finished and every event was sent. Reconnect with `Last-Event-ID` to resume."""
    batches.get_batch(scope, batch_id)  # 404 before the stream starts

    def finished(stream_scope: Scope) -> bool:
        batch = stream_scope.get(Batch, batch_id)
        return batch is None or batch.status in FINISHED["batch"]

    return event_stream(request, workspace_id=scope.workspace_id,
                        after=resume_point(request, after),
                        subjects=subjects_of_batch(batch_id), finished=finished)


@router.get("/{batch_id}/download", response_class=Response, operation_id="download_batch",
            responses={200: {"content": {"application/zip": {"schema": {
                "type": "string", "format": "binary"}}},
                "description": "A ZIP: manifest.csv, videos/*.mp4, posters/*.jpg."}})
def download_batch(batch_id: IdPath, scope: ScopeDep) -> Response:
    """Every finished video of the batch in one ZIP, with its poster and a `manifest.csv`
    (creative code, suggested ad name, utm_content, format, duration, template, product).

    The ZIP is made whole before its first byte is sent (`Content-Length` is set); a video
    whose file is missing is a `409` naming it, never a ZIP with a hole."""
    made = batch_zip.batch_zip(scope, batch_id)
    return FileResponse(made.path, media_type="application/zip", filename=made.filename,
                        background=BackgroundTask(made.remove))
