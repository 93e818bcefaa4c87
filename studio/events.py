"""Domain events: the studio's record of what happened, written with the change itself.

An event is added to the caller's session, so it commits (or rolls back) together with the
status change it describes; readers (event API, SSE) resume after ``seq``. The webhook
deliveries it calls for are written in the same transaction and sent after the commit
(:mod:`studio.outbox`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, or_, select, text
from sqlalchemy.orm import Session

from studio import outbox
from studio.db.bulk import insert_rows
from studio.db.models import Event
from studio.webhooks.subscriptions import add_deliveries


def jsonable(value: Any) -> Any:
    """``value`` with Decimal/datetime/UUID/Enum turned into JSON-safe strings."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# advisory-lock namespace for "events of one workspace are being written" (any int4)
_EVENT_LOCK = 0x53545544


def hold_event_order(session: Session, workspace_id: int) -> None:
    """Make this transaction's events commit in ``seq`` order within the workspace.

    A reader resumes "after seq N". On PostgreSQL two transactions can take seq 7 and 8 and
    commit 8 first; a reader would then move past 7 and never see it (a lost webhook). A
    transaction-scoped lock per workspace, held from before the first status change until
    commit, rules that out. SQLite already lets one writer at a time, so it needs nothing.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:namespace, :key)"),
            {"namespace": _EVENT_LOCK, "key": workspace_id % 2_147_483_647},
        )


def record_event(
    session: Session,
    *,
    workspace_id: int,
    type: str,
    subject_type: str,
    subject_id: object,
    payload: Mapping[str, Any] | None = None,
) -> Event:
    """Add an event to ``session`` (committed with the caller's transaction)."""
    if "." not in type:
        raise ValueError(f"event type {type!r} must look like 'video.succeeded'")
    hold_event_order(session, workspace_id)
    event = Event(
        id=uuid.uuid4(),
        workspace_id=workspace_id,
        type=type,
        subject_type=subject_type,
        subject_id=str(subject_id),
        payload=jsonable(dict(payload or {})),
    )
    session.add(event)
    _announce(session, [{"id": event.id, "workspace_id": workspace_id, "type": type}])
    return event


def _announce(session: Session, events: Sequence[Mapping[str, Any]]) -> None:
    """Pending webhook deliveries for these events, sent after the commit."""
    delivery_ids = add_deliveries(session, events)
    if delivery_ids:
        outbox.add_deliveries(session, delivery_ids)


def record_events(session: Session, events: Sequence[Mapping[str, Any]]) -> int:
    """Add many events in one multi-row INSERT (a 1,000-video batch queues 1,000 videos).

    Each mapping has the keyword arguments of :func:`record_event`; they get ``seq`` in list
    order, as if recorded one by one. Nothing is committed. Returns how many were written.
    """
    if not events:
        return 0
    rows = []
    for event in events:
        if "." not in event["type"]:
            raise ValueError(f"event type {event['type']!r} must look like 'video.succeeded'")
        rows.append({
            "id": uuid.uuid4(),
            "workspace_id": event["workspace_id"],
            "type": event["type"],
            "subject_type": event["subject_type"],
            "subject_id": str(event["subject_id"]),
            "payload": jsonable(dict(event.get("payload") or {})),
        })
    for workspace_id in sorted({row["workspace_id"] for row in rows}):
        hold_event_order(session, workspace_id)
    # one statement; rows go in in the order given, so seq follows the list
    insert_rows(session, cast(Table, Event.__table__), rows)
    _announce(session, rows)
    return len(rows)


def list_events(
    session: Session,
    workspace_id: int,
    *,
    after_seq: int = 0,
    types: Iterable[str] | None = None,
    subject: tuple[str, object] | None = None,
    limit: int = 100,
) -> list[Event]:
    """One workspace's events after ``after_seq``, oldest first.

    ``types`` matches exactly ("video.succeeded") or by prefix ("video.*").
    """
    statement = select(Event).where(Event.workspace_id == workspace_id, Event.seq > after_seq)
    types = list(types or ())
    if types:
        exact = [t for t in types if not t.endswith(".*")]
        prefixes = [t[:-1] for t in types if t.endswith(".*")]
        conditions: list[ColumnElement[bool]] = [Event.type.in_(exact)] if exact else []
        conditions += [Event.type.startswith(p, autoescape=True) for p in prefixes]
        statement = statement.where(or_(*conditions))
    if subject is not None:
        statement = statement.where(
            Event.subject_type == subject[0], Event.subject_id == str(subject[1])
        )
    return list(session.scalars(statement.order_by(Event.seq).limit(limit)).all())


def event_to_dict(event: Event) -> dict[str, Any]:
    """The public shape of an event (API, SSE, webhook body)."""
    return {
        "id": str(event.id),
        "seq": event.seq,
        "type": event.type,
        "subject": {"type": event.subject_type, "id": event.subject_id},
        "payload": event.payload,
        "created_at": event.created_at.isoformat(),
    }
