"""The event log: list with filters, and a live stream (SSE) of the whole workspace."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.deps import CurrentWorkspace, ScopeDep
from api.sse import SSE_RESPONSE, event_stream, resume_point
from studio.schemas.events import EventsPublic
from studio.services import events

router = APIRouter(prefix="/events", tags=["events"])


@router.get("", response_model=EventsPublic, operation_id="list_events")
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
    return events.list_events(scope, types=type, subject_type=subject_type,
                              subject_id=subject_id, after=after, limit=limit)


@router.get("/stream", response_model=None, responses=SSE_RESPONSE, operation_id="stream_events")
def stream_events(
    request: Request,
    caller: CurrentWorkspace,
    after: Annotated[int | None, Query(ge=0, le=2**63 - 1)] = None,
) -> Any:
    """Live events of the whole workspace (text/event-stream), from `Last-Event-ID` on."""
    return event_stream(request, workspace_id=caller.workspace_id,
                        after=resume_point(request, after))
