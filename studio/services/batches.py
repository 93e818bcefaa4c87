"""Batches: many videos asked for at once (a list, or a catalog filter), their status with
counts, progress and an ETA, and cancelling what is not finished."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from studio.batch_state import batch_video_ids, cancel_jobs_of, settle, video_counts
from studio.db import Batch, Product, Scope, Video
from studio.db.bulk import in_chunks
from studio.db.types import utcnow
from studio.errors import InvalidInput, NotFound
from studio.schemas.videos import BatchesPublic, BatchFailure, BatchPublic
from studio.services.requests import NORMAL, VideoRequest
from studio.services.submit import Submission, submit_batch
from studio.states import FINISHED, BatchStatus, IllegalTransition, transition

MAX_BATCH = 5000


@dataclass(frozen=True)
class CatalogChoice:
    """Every product matching the filter × every template × every format."""

    templates: Sequence[str]
    formats: Sequence[str] = ("9:16",)
    category: str | None = None
    q: str | None = None
    product_ids: Sequence[int] | None = None
    generator: str = "template"
    options: dict[str, Any] = field(default_factory=dict)
    max_videos: int = 1000


def requests_for_catalog(scope: Scope, choice: CatalogChoice) -> list[VideoRequest]:
    filters: list[Any] = []
    if choice.category:
        filters.append(Product.category == choice.category)
    if choice.q:
        filters.append(Product.title.contains(choice.q, autoescape=True))
    if choice.product_ids is not None:
        filters.append(Product.id.in_(list(choice.product_ids)))
    per_product = max(1, len(choice.templates) * len(choice.formats))
    products = scope.list(Product, *filters, order_by=Product.id,
                          limit=choice.max_videos // per_product + 1)
    # another generator may need no template: one video per product and format then
    templates: Sequence[str | None] = choice.templates or (
        [None] if choice.generator != "template" else [])
    if not templates:
        raise InvalidInput("video.template_required", field="catalog.templates", item=1,
                           template="", format=choice.formats[0] if choice.formats else "")
    requests = [
        VideoRequest(product_id=p.id, template_id=t, format=f, generator=choice.generator,
                     options=dict(choice.options))
        for p in products for t in templates for f in choice.formats
    ]
    if not requests:
        raise InvalidInput("batch.no_products", field="catalog")
    if len(requests) > choice.max_videos:
        raise InvalidInput("batch.too_many_videos", field="catalog.max_videos",
                           max=choice.max_videos)
    return requests


def create_batch(scope: Scope, requests: Sequence[VideoRequest], *, name: str = "",
                 idempotency_key: str | None = None, priority: int = NORMAL,
                 request_id: str | None = None) -> tuple[BatchPublic, Submission]:
    """Save a batch and its videos (sent to the workers when the caller commits). The same
    list again answers the same batch (``created: false``)."""
    submission = submit_batch(scope, requests, name=name, idempotency_key=idempotency_key,
                              priority=priority,
                              options={"request_id": request_id} if request_id else None)
    batch = scope.require(Batch, submission.batch_id)
    return batch_public(scope, batch, created=submission.created), submission


def get_batch(scope: Scope, batch_id: int) -> Batch:
    batch = scope.get(Batch, batch_id)
    if batch is None:
        raise NotFound("batch", batch_id)
    return batch


def batch_public(scope: Scope, batch: Batch, *, created: bool = True) -> BatchPublic:
    """Counts per status, percent done, an ETA from the pace so far, and the failures.

    Counts cover every video the batch lists, those an identical earlier request had already
    made included ("reused"), so ``counts.total`` always equals ``len(video_ids)``.
    """
    session = scope.session
    ids = batch_video_ids(session, batch)
    counts = video_counts(session, ids)
    videos: list[Video] = []
    for chunk in in_chunks(sorted(set(ids))):
        videos += scope.scalars(scope.select(Video).where(Video.id.in_(chunk)))
    done = sum(1.0 if v.status in FINISHED["video"] else float(v.progress or 0) for v in videos)
    fraction = done / len(videos) if videos else 1.0
    eta: float | None = None
    started = batch.started_at or batch.created_at
    if batch.status not in FINISHED["batch"] and started is not None and 0 < fraction < 1:
        elapsed = (utcnow() - started).total_seconds()
        eta = round(elapsed / fraction * (1 - fraction), 1)
    failed = [v for v in videos if v.status == "failed"]
    titles: dict[int, str] = {}
    if failed:
        wanted = {v.product_id for v in failed if v.product_id}
        titles = dict(session.execute(select(Product.id, Product.title)
                                      .where(Product.id.in_(wanted))).all()) if wanted else {}
    failures = [BatchFailure(video_id=v.id, creative_code=v.creative_code,
                             product=titles.get(v.product_id or 0), template=v.template_id,
                             format=v.format, error=v.error) for v in failed]
    return BatchPublic(
        id=batch.id, name=batch.name, status=batch.status, created=created, counts=counts,
        progress=round(100 * fraction, 1), eta_seconds=eta, failures=failures, video_ids=ids,
        reused_video_ids=list((batch.options or {}).get("reused", [])),
        created_at=batch.created_at, started_at=batch.started_at,
        finished_at=batch.finished_at,
    )


def list_batches(scope: Scope, *, status: str | None = None, limit: int = 50,
                 offset: int = 0) -> BatchesPublic:
    if status and status not in set(BatchStatus):
        raise InvalidInput("batch.bad_status", field="status", status=status,
                           allowed=", ".join(BatchStatus))
    filters = [Batch.status == status] if status else []
    rows = scope.list(Batch, *filters, order_by=Batch.id.desc(), limit=limit, offset=offset)
    return BatchesPublic(data=[batch_public(scope, b) for b in rows],
                         count=scope.count(Batch, *filters))


def cancel_batch(scope: Scope, batch_id: int) -> BatchPublic:
    """Cancel the batch's unfinished videos; finished ones stay. Twice is harmless."""
    batch = get_batch(scope, batch_id)
    session = scope.session
    reason = "batch cancelled by the seller"
    going = [v for v in session.scalars(select(Video).where(Video.batch_id == batch.id))
             if v.status not in FINISHED["video"]]
    cancelled = []
    for video in going:
        try:
            transition(session, video, "cancelled", reason=reason)
            cancelled.append(video.id)
        except IllegalTransition:
            session.refresh(video)  # it finished a moment ago
    cancel_jobs_of(session, cancelled, reason)
    session.refresh(batch)
    if batch.status not in FINISHED["batch"]:
        settle(session, batch.id)
    return batch_public(scope, batch)
