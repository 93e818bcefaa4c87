"""Batches: create from a list or a catalog filter (one call, enqueued in bulk), status, cancel."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from api.deps import ApiSettingsDep, CurrentWorkspace, IdPath, ScopeDep, SessionDep
from api.errors import Problem, not_found
from api.jobs import check_generators, dispatch, submission_error
from api.observability import current_request_id
from api.schemas.common import PageDep
from api.schemas.videos import BatchCreate, BatchesPublic, BatchPublic, CatalogFilter
from api.services import service
from api.sse import SSE_RESPONSE, event_stream, resume_point, subjects_of_batch
from studio.db import Batch, Product, Scope, Video

router = APIRouter(prefix="/batches", tags=["batches"])

def batch_public(scope: Scope, batch: Batch, *, created: bool = True) -> BatchPublic:
    from studio.jobs.control import batch_status

    status = batch_status(scope.session, batch.id)  # counts, progress, ETA, failures
    ids = (batch.options or {}).get("video_ids")
    if ids is None:
        ids = list(scope.scalars(scope.select(Video.id).where(Video.batch_id == batch.id)))
    return BatchPublic(
        id=batch.id, name=batch.name, status=batch.status, created=created,
        counts=status["counts"], progress=status["progress"], eta_seconds=status["eta_seconds"],
        failures=status["failures"], video_ids=list(ids),
        created_at=batch.created_at, started_at=batch.started_at, finished_at=batch.finished_at,
    )


def _batch(scope: Scope, batch_id: int) -> Batch:
    batch = scope.get(Batch, batch_id)
    if batch is None:
        raise not_found("Batch", batch_id)
    return batch


def _catalog_requests(scope: Scope, catalog: CatalogFilter) -> list:
    from studio.jobs.submit import VideoRequest

    filters = []
    if catalog.category:
        filters.append(Product.category == catalog.category)
    if catalog.q:
        filters.append(Product.title.contains(catalog.q, autoescape=True))
    if catalog.product_ids:
        filters.append(Product.id.in_(catalog.product_ids))
    per_product = len(catalog.templates) * len(catalog.formats)
    products = scope.list(
        Product, *filters, order_by=Product.id, limit=catalog.max_videos // per_product + 1
    )
    requests = [
        VideoRequest(product_id=p.id, template_id=t, format=f, generator=catalog.generator,
                     options=dict(catalog.options))
        for p in products for t in catalog.templates for f in catalog.formats
    ]
    if not requests:
        raise Problem(422, "no product matches the catalog filter; widen it or import products",
                      field="body.catalog")
    if len(requests) > catalog.max_videos:
        raise Problem(
            422,
            f"the filter asks for more than {catalog.max_videos} videos; narrow it or raise "
            "catalog.max_videos (up to 5000)",
            field="body.catalog.max_videos",
        )
    return requests


@router.post("", response_model=BatchPublic, status_code=202)
def create_batch(
    body: BatchCreate, caller: CurrentWorkspace, session: SessionDep, scope: ScopeDep,
    api: ApiSettingsDep,
    response: Response,
) -> BatchPublic:
    """Accept up to 5,000 videos in one call; they are created in one transaction and sent to
    the workers in bulk. The same list sent again answers the same batch (`created: false`)."""
    from studio.jobs.submit import VideoRequest

    submit_batch = service(("studio.jobs.submit", "submit_batch"))
    if body.items is not None:
        check_generators({i.generator for i in body.items}, "body.items")
        requests = [
            VideoRequest(product_id=i.product, template_id=i.template, format=i.format,
                         generator=i.generator, options=i.options)
            for i in body.items
        ]
        # (submit_batch checks every product the batch names in one query of its own)
    else:
        assert body.catalog is not None
        check_generators([body.catalog.generator], "body.catalog.generator")
        requests = _catalog_requests(scope, body.catalog)
    try:
        submission = submit_batch(session, caller.workspace_id, requests, name=body.name)
    except ValueError as exc:
        raise submission_error(exc) from None
    batch = _batch(scope, submission.batch_id)
    if submission.created and current_request_id():
        batch.options = {**(batch.options or {}), "request_id": current_request_id()}
    dispatch(submission, api)
    response.headers["Location"] = f"/api/v1/batches/{batch.id}"
    return batch_public(scope, batch, created=submission.created)


@router.get("", response_model=BatchesPublic)
def list_batches(
    scope: ScopeDep,
    page: PageDep,
    status: Annotated[str | None, Query(max_length=32)] = None,
) -> BatchesPublic:
    filters = [Batch.status == status] if status else []
    rows = scope.list(Batch, *filters, order_by=Batch.id.desc(), limit=page.limit,
                      offset=page.offset)
    return BatchesPublic(data=[batch_public(scope, b) for b in rows],
                         count=scope.count(Batch, *filters))


@router.get("/{batch_id}", response_model=BatchPublic)
def get_batch(batch_id: IdPath, scope: ScopeDep) -> BatchPublic:
    """Status with counts per video status and an ETA."""
    return batch_public(scope, _batch(scope, batch_id))


@router.post("/{batch_id}/cancel", response_model=BatchPublic)
def cancel_batch(batch_id: IdPath, session: SessionDep, scope: ScopeDep) -> BatchPublic:
    """Cancel the videos not yet finished; finished ones stay. Cancelling twice is harmless."""
    batch = _batch(scope, batch_id)
    cancel = service(("studio.jobs.control", "cancel_batch"))
    cancel(session, batch.id)  # the batch is this workspace's: checked just above
    session.flush()
    session.refresh(batch)
    return batch_public(scope, batch)


@router.get("/{batch_id}/events", response_model=None, responses=SSE_RESPONSE)
def stream_batch_events(
    batch_id: IdPath,
    request: Request,
    scope: ScopeDep,
    after: Annotated[int | None, Query(ge=0, le=2**63 - 1)] = None,
) -> Any:
    """Live progress of one batch (text/event-stream); ends with `event: end` once the batch
    has finished and every event was sent. Reconnect with `Last-Event-ID` to resume."""
    from studio.states import FINISHED

    _batch(scope, batch_id)  # 404 before the stream starts

    def finished(stream_scope: Scope) -> bool:
        batch = stream_scope.get(Batch, batch_id)
        return batch is None or batch.status in FINISHED["batch"]

    return event_stream(
        request,
        workspace_id=scope.workspace_id,
        after=resume_point(request, after),
        subjects=subjects_of_batch(batch_id),
        finished=finished,
    )
