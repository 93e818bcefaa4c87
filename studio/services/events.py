"""The event log: what happened in a workspace, oldest first, resumable by ``seq``."""

from __future__ import annotations

from collections.abc import Sequence

from studio import events as log
from studio.db import Scope
from studio.errors import InvalidInput
from studio.schemas.events import EventPublic, EventsPublic


def list_events(scope: Scope, *, types: Sequence[str] | None = None,
                subject_type: str | None = None, subject_id: str | None = None,
                after: int = 0, limit: int = 100) -> EventsPublic:
    """Events after ``after``; ``types`` match exactly (``video.succeeded``) or by prefix
    (``video.*``); a subject is its type and id together."""
    for value in types or []:
        if not value or len(value) > 100:
            raise InvalidInput("events.bad_type", field="type")
    if (subject_type is None) != (subject_id is None):
        raise InvalidInput("events.subject_pair",
                           field="subject_id" if subject_id is None else "subject_type")
    subject = (subject_type, subject_id) if subject_type and subject_id else None
    rows = log.list_events(scope.session, scope.workspace_id, after_seq=after, types=types,
                           subject=subject, limit=limit)
    data = [EventPublic(**log.event_to_dict(e)) for e in rows]
    return EventsPublic(data=data, count=len(data), next_after=data[-1].seq if data else after)
