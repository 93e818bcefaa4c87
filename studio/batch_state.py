"""When a batch is done: its counts, the status they settle to, and closing it.

A batch's status follows its videos; :func:`settle_batch` closes it (through the state
machine) once none is still going, and finishes the batch's own bookkeeping job with it, so
no ``kind=batch`` job row is left pending.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.db.bulk import in_chunks
from studio.db.models import Batch, Event, Job, Video
from studio.db.statuses import BatchStatus, VideoStatus
from studio.states import FINISHED, IllegalTransition, transition

log = logging.getLogger(__name__)
V, B = VideoStatus, BatchStatus
# what the batch's bookkeeping job ends as, by the batch's final status
_JOB_END = {B.COMPLETED: "succeeded", B.COMPLETED_WITH_FAILURES: "succeeded",
            B.FAILED: "failed", B.CANCELLED: "cancelled"}


def video_counts(session: Session, video_ids: Sequence[int]) -> dict[str, int]:
    """How many of these videos are in each status (every status present, zeros included)."""
    counts = {str(status): 0 for status in VideoStatus}
    for chunk in in_chunks(sorted(set(video_ids))):
        for status, n in session.execute(select(Video.status, func.count())
                                          .where(Video.id.in_(chunk)).group_by(Video.status)):
            counts[str(status)] += int(n)
    counts["total"] = sum(counts.values())
    return counts


def batch_video_ids(session: Session, batch: Batch) -> list[int]:
    """Every video the batch asked for: its own and those an identical earlier request made
    (kept in ``options.video_ids``), so counts and ``video_ids`` always agree."""
    listed = (batch.options or {}).get("video_ids")
    if listed is not None:
        return [int(i) for i in listed]
    return list(session.scalars(select(Video.id).where(Video.batch_id == batch.id)))


def batch_counts(session: Session, batch: Batch) -> dict[str, int]:
    return video_counts(session, batch_video_ids(session, batch))


def settled_batch_status(counts: Mapping[str, int]) -> BatchStatus | None:
    """What a batch becomes once its videos are done; None while any is still going."""
    if any(counts.get(s, 0) for s in (V.PENDING, V.QUEUED, V.RUNNING)):
        return None
    done = counts.get(V.SUCCEEDED, 0) + counts.get(V.ARCHIVED, 0)
    failed = counts.get(V.FAILED, 0)
    if failed == 0:
        if done == 0 and counts.get(V.CANCELLED, 0):
            return B.CANCELLED
        return B.COMPLETED
    return B.FAILED if done == 0 else B.COMPLETED_WITH_FAILURES


def settle_batch(session: Session, batch: Batch) -> Event | None:
    """Close ``batch`` if all its videos are finished (chord callback, or after each video).

    Returns the event written, or None when videos are still going or the batch is already
    closed with that status (safe to call twice, from two workers).
    """
    counts = batch_counts(session, batch)
    target = settled_batch_status(counts)
    if target is None or batch.status == target:
        return None
    try:
        event = transition(session, batch, target, payload={"counts": counts})
    except IllegalTransition:
        session.refresh(batch, ["status"])
        if batch.status == target:
            return None
        raise
    _finish_batch_job(session, batch.id, _JOB_END[target])
    return event


def _finish_batch_job(session: Session, batch_id: int, end: str) -> None:
    job = session.scalars(select(Job).where(Job.batch_id == batch_id, Job.kind == "batch")
                          ).first()
    if job is None or job.status in FINISHED["job"]:
        return
    if job.status == "pending" and end == "succeeded":
        transition(session, job, "running")
    transition(session, job, end)




def settle(session: Session, batch_id: int | None) -> None:
    """Close the batch if its last video just finished (safe to call from two workers).

    A closed batch the state machine will not move (a completed or cancelled one whose
    video was re-rendered) keeps its status: a video's own outcome must not be undone by
    its batch's bookkeeping.
    """
    if batch_id is None:
        return
    batch = session.get(Batch, batch_id)
    if batch is None:
        return
    _settle_one(session, batch)
    # a later batch that reused this batch's videos (the same request again while they were
    # still being made) has no video of its own to finish it: it closes with them
    waiting = session.scalars(select(Batch).where(
        Batch.workspace_id == batch.workspace_id, Batch.id != batch.id,
        Batch.status.in_(("pending", "running"))))
    for other in waiting:
        if (other.options or {}).get("reused"):
            _settle_one(session, other)


def _settle_one(session: Session, batch: Batch) -> None:
    try:
        with session.begin_nested():
            settle_batch(session, batch)
    except IllegalTransition as exc:
        log.info("batch %s keeps its status: %s", batch.id, exc)
        session.refresh(batch, ["status"])


def cancel_jobs_of(session: Session, video_ids: Sequence[int], reason: str) -> None:
    """The unfinished jobs of these (cancelled) videos are cancelled too."""
    for chunk in in_chunks(sorted(set(video_ids))):
        for job in session.scalars(select(Job).where(Job.video_id.in_(chunk))):
            if job.status not in FINISHED["job"]:
                transition(session, job, "cancelled", reason=reason)
