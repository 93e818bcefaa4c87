"""The one state machine: every status change of a video, job or batch goes through here.

``transition()`` checks the move against the tables below, applies it with a compare-and-set
(``UPDATE … WHERE status = <what we read>``) so two workers racing on one row cannot both win
(Celery redelivers tasks), and writes a domain event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import CursorResult, Table, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from studio.db.bulk import in_chunks
from studio.db.models import Batch, Event, Job, Video
from studio.db.statuses import BatchStatus, JobStatus, VideoStatus
from studio.db.types import utcnow
from studio.events import hold_event_order, record_event, record_events

__all__ = [
    "BATCH_TRANSITIONS",
    "FINISHED",
    "JOB_TRANSITIONS",
    "VIDEO_TRANSITIONS",
    "BatchStatus",
    "IllegalTransition",
    "JobStatus",
    "VideoStatus",
    "can_transition",
    "record_progress",
    "transition",
    "transition_many",
]

V, J, B = VideoStatus, JobStatus, BatchStatus

VIDEO_TRANSITIONS: dict[str, frozenset[str]] = {
    V.PENDING: frozenset({V.QUEUED, V.RUNNING, V.FAILED, V.CANCELLED}),
    V.QUEUED: frozenset({V.RUNNING, V.FAILED, V.CANCELLED}),
    # running -> queued: the worker was lost and the render goes back in the queue
    V.RUNNING: frozenset({V.SUCCEEDED, V.FAILED, V.CANCELLED, V.QUEUED}),
    # succeeded -> queued is a re-render: render_version goes up
    V.SUCCEEDED: frozenset({V.ARCHIVED, V.QUEUED}),
    V.FAILED: frozenset({V.QUEUED, V.ARCHIVED}),
    V.CANCELLED: frozenset({V.QUEUED, V.ARCHIVED}),
    # archived -> succeeded: a candidate set aside by an earlier pick is picked after all
    V.ARCHIVED: frozenset({V.SUCCEEDED}),
}

JOB_TRANSITIONS: dict[str, frozenset[str]] = {
    J.PENDING: frozenset({J.RUNNING, J.FAILED, J.CANCELLED}),
    # running -> pending is an automatic retry, allowed while attempts < max_attempts
    J.RUNNING: frozenset({J.SUCCEEDED, J.FAILED, J.CANCELLED, J.PENDING}),
    J.FAILED: frozenset({J.PENDING}),  # retried by hand
    J.SUCCEEDED: frozenset(),
    J.CANCELLED: frozenset(),
}

BATCH_TRANSITIONS: dict[str, frozenset[str]] = {
    B.PENDING: frozenset(
        {B.RUNNING, B.COMPLETED, B.COMPLETED_WITH_FAILURES, B.FAILED, B.CANCELLED}
    ),
    B.RUNNING: frozenset({B.COMPLETED, B.COMPLETED_WITH_FAILURES, B.FAILED, B.CANCELLED}),
    # re-running the failed videos of a batch, or a new version of one of its videos
    B.COMPLETED_WITH_FAILURES: frozenset({B.RUNNING}),
    B.FAILED: frozenset({B.RUNNING}),
    B.COMPLETED: frozenset({B.RUNNING}),
    # a cancelled batch stays the seller's decision: re-rendered videos render on their own
    B.CANCELLED: frozenset(),
}

TRANSITIONS: dict[type[Any], tuple[str, dict[str, frozenset[str]]]] = {
    Video: ("video", VIDEO_TRANSITIONS),
    Job: ("job", JOB_TRANSITIONS),
    Batch: ("batch", BATCH_TRANSITIONS),
}

# statuses after which nothing more happens unless someone asks again
FINISHED: dict[str, frozenset[str]] = {
    "video": frozenset({V.SUCCEEDED, V.FAILED, V.CANCELLED, V.ARCHIVED}),
    "job": frozenset({J.SUCCEEDED, J.FAILED, J.CANCELLED}),
    "batch": frozenset({B.COMPLETED, B.COMPLETED_WITH_FAILURES, B.FAILED, B.CANCELLED}),
}


class IllegalTransition(ValueError):
    """A status change the state machine does not allow (or another process got there first)."""

    def __init__(self, kind: str, id: object, current: str, requested: str, why: str = "") -> None:
        self.kind, self.id, self.current, self.requested = kind, id, current, requested
        allowed = sorted(TRANSITIONS_BY_KIND[kind].get(current, frozenset()))
        message = f"{kind} {id}: cannot go from {current} to {requested}"
        message += (
            f" ({why})" if why else f" (allowed from {current}: {', '.join(allowed) or 'none'})"
        )
        super().__init__(message)


TRANSITIONS_BY_KIND = dict(TRANSITIONS.values())


def kind_of(obj: object) -> str:
    try:
        return TRANSITIONS[type(obj)][0]
    except KeyError:
        raise TypeError(f"{type(obj).__name__} has no status machine") from None


def can_transition(obj: Video | Job | Batch, new_status: str) -> bool:
    kind = kind_of(obj)
    return str(new_status) in TRANSITIONS_BY_KIND[kind].get(obj.status, frozenset())


def _side_effects(
    kind: str, obj: Any, old: str, new: str, reason: str | None, now: datetime
) -> dict[str, Any]:
    """Columns that change together with the status (timestamps, attempts, versions)."""
    values: dict[str, Any] = {}
    if new == "running":
        values["started_at"] = now
        values["finished_at"] = None
        if kind == "job":
            values["attempts"] = obj.attempts + 1
            values["heartbeat_at"] = now
    if new in FINISHED[kind] and new != "archived":
        values["finished_at"] = now
    if new in ("succeeded", "completed") and kind != "batch":
        values["progress"] = 1.0
    if kind != "batch":
        if new == "failed" and reason:
            values["error"] = reason
        if new in ("queued", "pending") and old != "pending":
            values.update(error=None, progress=0.0, finished_at=None)
    if kind == "video":
        values["status_note"] = None  # a note about the old status does not outlive it
    if kind == "video" and old == "succeeded" and new == "queued":
        values["render_version"] = obj.render_version + 1
    return values


def transition(
    session: Session,
    obj: Video | Job | Batch,
    new_status: str,
    *,
    reason: str | None = None,
    payload: Mapping[str, Any] | None = None,
) -> Event:
    """Move ``obj`` to ``new_status`` and record ``<kind>.<new_status>`` as a domain event.

    Raises :class:`IllegalTransition` for a move the tables do not allow, when a job has used
    all its attempts, or when another process changed the status since ``obj`` was read.
    Nothing is committed: the change and its event commit with the caller's transaction.
    """
    kind = kind_of(obj)
    table = TRANSITIONS_BY_KIND[kind]
    new = str(new_status)
    if new not in table:
        raise ValueError(f"{kind} status {new!r} does not exist; use one of {', '.join(table)}")
    # before any row lock of ours: the order lock must come first or two workers can deadlock
    if obj.workspace_id is not None:
        hold_event_order(session, obj.workspace_id)
    # the compare-and-set below needs the row in the database with everything else written
    session.add(obj)
    session.flush()
    old = obj.status
    if new not in table.get(old, frozenset()):
        raise IllegalTransition(kind, obj.id, old, new)
    if kind == "job" and old == J.RUNNING and new == J.PENDING:
        job: Job = obj  # type: ignore[assignment]
        if job.attempts >= job.max_attempts:
            raise IllegalTransition(
                kind, obj.id, old, new, f"used {job.attempts} of {job.max_attempts} attempts"
            )

    now = utcnow()
    values = {"status": new, "updated_at": now, **_side_effects(kind, obj, old, new, reason, now)}
    table_ = cast(Table, type(obj).__table__)
    result = cast(
        CursorResult[Any],
        session.execute(
            update(table_).where(table_.c.id == obj.id, table_.c.status == old).values(**values)
        ),
    )
    if result.rowcount != 1:
        session.refresh(obj, ["status"])
        raise IllegalTransition(
            kind, obj.id, old, new, f"it is {obj.status} now: changed by someone else"
        )
    for name, value in values.items():
        set_committed_value(obj, name, value)

    return record_event(
        session,
        workspace_id=obj.workspace_id,
        type=f"{kind}.{new}",
        subject_type=kind,
        subject_id=obj.id,
        payload=_event_payload(kind, obj, old, new, reason, payload),
    )


# columns transition_many reads to check a move, compute its side effects and fill the event
_BULK_COLUMNS = {
    "video": ("creative_code", "batch_id", "render_version"),
    "job": ("kind", "video_id", "attempts", "max_attempts"),
    "batch": (),
}


def transition_many(
    session: Session,
    model: type[Video] | type[Job] | type[Batch],
    ids: Sequence[int],
    new_status: str,
    *,
    reason: str | None = None,
    payload: Mapping[str, Any] | None = None,
) -> int:
    """:func:`transition` for many rows of one kind in a few statements (a 1,000-video batch).

    The same rules, side effects and events as calling ``transition`` for each id in order
    (events get ``seq`` in ``ids`` order), but read in one query, changed with one
    compare-and-set UPDATE per (current status, side effects) group and recorded with one
    multi-row INSERT. All or nothing: when any row may not move — the tables forbid it, a
    job used its attempts, or another process changed it since it was read — it raises
    :class:`IllegalTransition` naming that row before anything of this call is visible to
    others; the caller rolls its transaction back. ORM objects of these rows already in the
    session get the new values. Returns the number of rows moved. Nothing is committed.
    """
    if model not in TRANSITIONS:
        raise TypeError(f"{model.__name__} has no status machine")
    kind, table = TRANSITIONS[model]
    new = str(new_status)
    if new not in table:
        raise ValueError(f"{kind} status {new!r} does not exist; use one of {', '.join(table)}")
    order = list(dict.fromkeys(ids))
    if not order:
        return 0
    # everything this session holds must be in the database before the compare-and-set
    session.flush()
    table_ = cast(Table, model.__table__)
    columns = [table_.c.id, table_.c.status, table_.c.workspace_id] + [
        table_.c[name] for name in _BULK_COLUMNS[kind]
    ]
    found: dict[int, Any] = {}
    for chunk in in_chunks(order):
        for row in session.execute(select(*columns).where(table_.c.id.in_(chunk))):
            found[row.id] = SimpleNamespace(**row._asdict())
    missing = [i for i in order if i not in found]
    if missing:
        raise LookupError(f"{kind} {missing[0]} does not exist ({len(missing)} missing)")
    # before any row lock of ours, as in transition()
    for workspace_id in sorted({row.workspace_id for row in found.values()}):
        hold_event_order(session, workspace_id)

    now = utcnow()
    old_of = {obj_id: row.status for obj_id, row in found.items()}
    groups: dict[tuple[str, tuple[tuple[str, Any], ...]], list[int]] = {}
    for obj_id in order:
        row = found[obj_id]
        old = row.status
        if new not in table.get(old, frozenset()):
            raise IllegalTransition(kind, obj_id, old, new)
        if kind == "job" and old == J.RUNNING and new == J.PENDING \
                and row.attempts >= row.max_attempts:
            raise IllegalTransition(
                kind, obj_id, old, new, f"used {row.attempts} of {row.max_attempts} attempts"
            )
        values = {"status": new, "updated_at": now,
                  **_side_effects(kind, row, old, new, reason, now)}
        groups.setdefault((old, tuple(sorted(values.items()))), []).append(obj_id)

    mapper = inspect(model)
    for (old, items), group in groups.items():
        values = dict(items)
        for chunk in in_chunks(group):
            result = cast(CursorResult[Any], session.execute(
                update(table_).where(table_.c.id.in_(chunk), table_.c.status == old)
                .values(**values)
            ))
            if result.rowcount != len(chunk):
                now_status = dict(session.execute(
                    select(table_.c.id, table_.c.status).where(table_.c.id.in_(chunk))
                ).all())
                moved = next(i for i in chunk if now_status.get(i) != old)
                raise IllegalTransition(
                    kind, moved, old, new,
                    f"it is {now_status.get(moved)} now: changed by someone else",
                )
        for obj_id in group:
            row = found[obj_id]
            for name, value in values.items():
                setattr(row, name, value)
            obj = session.identity_map.get(mapper.identity_key_from_primary_key((obj_id,)))
            if obj is not None:
                for name, value in values.items():
                    set_committed_value(obj, name, value)

    events = []
    for obj_id in order:
        row = found[obj_id]
        events.append({"workspace_id": row.workspace_id, "type": f"{kind}.{new}",
                       "subject_type": kind, "subject_id": obj_id,
                       "payload": _event_payload(kind, row, old_of[obj_id], new, reason, payload)})
    record_events(session, events)
    return len(order)


def _event_payload(kind: str, subject: Any, old: str, new: str, reason: str | None,
                   payload: Mapping[str, Any] | None) -> dict[str, Any]:
    """The payload of a status change's event."""
    event_payload: dict[str, Any] = {"from": old, "to": new}
    if reason:
        event_payload["reason"] = reason
    event_payload.update(_subject_fields(kind, subject))
    event_payload.update(payload or {})
    return event_payload


def _subject_fields(kind: str, subject: Any) -> dict[str, Any]:
    """What every event of a video or job says about it; ``subject`` is the ORM object or a
    row read by :func:`transition_many` (both have these columns)."""
    if kind == "video":
        return {"creative_code": subject.creative_code, "batch_id": subject.batch_id,
                "render_version": subject.render_version}
    if kind == "job":
        return {"kind": subject.kind, "video_id": subject.video_id, "attempts": subject.attempts}
    return {}


def record_progress(
    session: Session, obj: Video | Job, fraction: float, *, step: float = 0.1
) -> Event | None:
    """Store progress (0..1) of a running video or job; an event every ``step`` for live UIs.

    Progress that arrives after the work stopped (a late ffmpeg line after a cancel) is
    ignored rather than raised, so the renderer need not know about cancellation.
    """
    kind = kind_of(obj)
    if obj.status != "running":
        return None
    fraction = min(max(float(fraction), 0.0), 1.0)
    before = obj.progress or 0.0
    obj.progress = fraction
    if int(fraction / step + 1e-9) <= int(before / step + 1e-9):
        return None
    return record_event(
        session,
        workspace_id=obj.workspace_id,
        type=f"{kind}.progress",
        subject_type=kind,
        subject_id=obj.id,
        payload={"progress": round(fraction, 4), **_subject_fields(kind, obj)},
    )
