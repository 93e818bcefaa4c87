"""Watching and steering work: batch status, cancel, closing a batch, recovering lost work."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.db import Batch, Event, Job, Product, Video, session_scope
from studio.db.types import utcnow
from studio.states import FINISHED, IllegalTransition, batch_counts, settle_batch, transition

log = logging.getLogger(__name__)


def batch_status(session: Session, batch_id: int) -> dict[str, Any]:
    """Counts per status, progress %, an ETA from the pace so far, and the failures."""
    batch = session.get(Batch, batch_id)
    if batch is None:
        raise LookupError(f"batch {batch_id} not found")
    counts = batch_counts(session, batch_id)
    videos = list(session.scalars(select(Video).where(Video.batch_id == batch_id)))
    total = len(videos)
    finished = [v for v in videos if v.status in FINISHED["video"]]
    done = sum(1.0 if v.status in FINISHED["video"] else float(v.progress or 0) for v in videos)
    fraction = done / total if total else 1.0
    eta: float | None = None
    started = batch.started_at or batch.created_at
    if batch.status not in FINISHED["batch"] and started is not None and 0 < fraction < 1:
        elapsed = (utcnow() - started).total_seconds()
        eta = round(elapsed / fraction * (1 - fraction), 1)
    failures = []
    for video in videos:
        if video.status == "failed":
            product = session.get(Product, video.product_id) if video.product_id else None
            failures.append({
                "video_id": video.id, "creative_code": video.creative_code,
                "product": product.title if product else None,
                "template": video.template_id, "format": video.format, "error": video.error,
            })
    return {
        "batch_id": batch.id, "name": batch.name, "status": batch.status,
        "counts": counts, "total": total, "finished": len(finished),
        "progress": round(100 * fraction, 1), "eta_seconds": eta, "failures": failures,
        "reused_video_ids": list((batch.options or {}).get("reused", [])),
    }


def settle_if_allowed(session: Session, batch: Batch) -> Event | None:
    """Settle ``batch``, but a closed batch the state machine will not move (a completed or
    cancelled one whose video was re-rendered) keeps its status: the video's own outcome
    must not be undone by its batch's bookkeeping."""
    try:
        with session.begin_nested():
            return settle_batch(session, batch)
    except IllegalTransition as exc:
        log.info("batch %s keeps its status: %s", batch.id, exc)
        session.refresh(batch, ["status"])
        return None


def close_batch(batch_id: int) -> dict[str, Any]:
    """Settle a batch whose videos are all finished (the chord callback; idempotent)."""
    from studio.webhooks.dispatch import dispatch_events

    with session_scope() as session:
        batch = session.get(Batch, batch_id)
        if batch is None:
            return {"batch_id": batch_id, "status": "missing"}
        event = settle_if_allowed(session, batch)
        status = batch.status
    dispatch_events([event.id] if event is not None else [])
    return {"batch_id": batch_id, "status": status}


def cancel_video(session: Session, video_id: int, *, reason: str = "cancelled by the seller"
                 ) -> bool:
    """Cancel one video: queued work will not start, a running render stops at its next
    progress report. Returns False when the video had already finished."""
    video = session.get(Video, video_id)
    if video is None:
        raise LookupError(f"video {video_id} not found")
    if video.status in FINISHED["video"]:
        return False
    try:
        transition(session, video, "cancelled", reason=reason)
    except IllegalTransition:
        session.refresh(video)
        return False
    for job in session.scalars(select(Job).where(Job.video_id == video_id)):
        if job.status not in FINISHED["job"]:
            transition(session, job, "cancelled", reason=reason)
    if video.batch_id is not None:
        batch = session.get(Batch, video.batch_id)
        if batch is not None:
            settle_if_allowed(session, batch)
    return True


def cancel_batch(session: Session, batch_id: int) -> int:
    """Cancel every unfinished video of a batch; returns how many were cancelled."""
    batch = session.get(Batch, batch_id)
    if batch is None:
        raise LookupError(f"batch {batch_id} not found")
    cancelled = 0
    for video in session.scalars(select(Video).where(Video.batch_id == batch_id)).all():
        if video.status not in FINISHED["video"]:
            if cancel_video(session, video.id, reason="batch cancelled by the seller"):
                cancelled += 1
    session.refresh(batch)
    if batch.status not in FINISHED["batch"]:
        settle_if_allowed(session, batch)
    return cancelled


def recover(*, unsent_after: float = 120.0) -> dict[str, int]:
    """Send again render jobs whose message never left (a publisher died between saving the
    request and sending it). Lost *deliveries* are the broker's job: the embedded broker and
    Redis both hand an unacknowledged message to the next worker."""
    from studio.jobs.dispatch import dispatch
    from studio.jobs.submit import Submission

    cutoff = utcnow() - timedelta(seconds=unsent_after)
    with session_scope() as session:
        rows = session.execute(
            select(Job.id, Job.video_id, Job.batch_id, Job.priority).where(
                Job.kind == "render", Job.status == "pending", Job.celery_task_id.is_(None),
                Job.created_at < cutoff,
            )
        ).all()
    for job_id, video_id, _batch_id, priority in rows:
        if video_id is None:
            continue
        # sent one by one, outside a chord: each video still settles its batch when done
        dispatch(Submission(batch_id=None, created=False, to_dispatch=[(video_id, job_id)],
                            priority=priority))
    return {"resent": len(rows), "timed_out": fail_overdue()}


def fail_overdue(*, after: float | None = None) -> int:
    """Fail running jobs silent for longer than the hard time limit (Celery killed the task
    and acknowledged it: nothing will come back to finish them)."""
    from studio.jobs.celery_app import AI_HARD_LIMIT
    from studio.jobs.errors import PermanentError
    from studio.jobs.pipeline import fail_or_retry

    limit = after if after is not None else AI_HARD_LIMIT + 300
    cutoff = utcnow() - timedelta(seconds=limit)
    with session_scope() as session:
        rows = session.execute(
            select(Job.id, Job.video_id).where(
                Job.kind == "render", Job.status == "running", Job.updated_at < cutoff,
            )
        ).all()
    for job_id, video_id in rows:
        if video_id is not None:
            fail_or_retry(video_id, job_id, PermanentError(
                f"no sign of life from its worker for {limit:.0f} s (time limit exceeded?)"))
    return len(rows)
