"""The event log: list with filters, and a live stream (SSE) of the whole workspace."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.deps import CurrentWorkspace, ScopeDep
from api.errors import Problem
from api.sse import SSE_RESPONSE, event_stream, resume_point
from studio import events as studio_events
from studio.events import event_to_dict

router = APIRouter(prefix="/events", tags=["events"])


class EventSubject(BaseModel):
    type: str
    id: str


class EventPublic(BaseModel):
    id: str
    seq: int = Field(description="Increases with every event; resume with `after=<seq>`.")
    type: str
    subject: EventSubject
    payload: dict[str, Any]
    created_at: datetime


class EventsPublic(BaseModel):
    data: list[EventPublic]
    count: int
    next_after: int = Field(description="Pass as `after` to get the following page.")


@router.get("", response_model=EventsPublic)
def list_events(
    scope: ScopeDep,
    type: Annotated[
        list[str] | None,
        Query(max_length=20, description="Exact (`video.succeeded`) or prefix (`video.*`)."),
    ] = None,
    subject_type: Annotated[str | None, Query(max_length=32)] = None,
    subject_id: Annotated[str | None, Query(max_length=64)] = None,
    after: Annotated[int, Query(ge=0, le=2**63 - 1, description="Events after this seq.")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> EventsPublic:
    """Events oldest first, after `after`; filter by type and subject (type + id together)."""
    for value in type or []:
        if not value or len(value) > 100:
            raise Problem(422, "each `type` is 1-100 characters, e.g. video.succeeded",
                          field="query.type")
    if (subject_type is None) != (subject_id is None):
        raise Problem(422, "send subject_type and subject_id together (e.g. batch + 12)",
                      field="query.subject_id" if subject_id is None else "query.subject_type")
    subject = (subject_type, subject_id) if subject_type and subject_id else None
    rows = studio_events.list_events(
        scope.session, scope.workspace_id, after_seq=after, types=type, subject=subject,
        limit=limit,
    )
    data = [EventPublic(**event_to_dict(e)) for e in rows]
    return EventsPublic(data=data, count=len(data), next_after=data[-1].seq if data else after)


@router.get("/stream", response_model=None, responses=SSE_RESPONSE)
def stream_events(
    request: Request,
    caller: CurrentWorkspace,
    after: Annotated[int | None, Query(ge=0, le=2**63 - 1)] = None,
) -> Any:
    """Live events of the whole workspace (text/event-stream), from `Last-Event-ID` on."""
    return event_stream(request, workspace_id=caller.workspace_id,
                        after=resume_point(request, after))
