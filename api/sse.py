"""Server-sent events from the event log: resumable with ``Last-Event-ID`` (the event's seq).

The stream polls the events table rather than a broker channel: the log is the truth, every
API process can serve any stream, and a client that reconnects misses nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
from fastapi import Request
from fastapi.responses import StreamingResponse
from sqlalchemy import or_

from studio.db import Event, Scope, get_sessionmaker
from studio.errors import InvalidInput
from studio.events import event_to_dict

SSE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
        "description": "`id: <seq>`, `event: <type>`, `data: <event JSON>`; resume with "
        "`Last-Event-ID`.",
    }
}
BATCH = 500  # events per poll


def resume_point(request: Request, after: int | None) -> int:
    """Where to start: the ``Last-Event-ID`` header (a reconnect) wins over ``?after=``."""
    header = request.headers.get("last-event-id")
    if header:
        if not header.isdigit():
            raise InvalidInput("events.bad_resume", field="header.last-event-id")
        return int(header)
    return after or 0


def format_event(event: dict[str, Any]) -> str:
    data = json.dumps(event, separators=(",", ":"), default=str)
    return f"id: {event['seq']}\nevent: {event['type']}\ndata: {data}\n\n"


def _read(url: str, workspace_id: int, after: int, subjects: Callable[[Scope], Any] | None,
          finished: Callable[[Scope], bool] | None) -> tuple[list[dict[str, Any]], bool]:
    session = get_sessionmaker(url)()
    try:
        scope = Scope(session, workspace_id)
        statement = scope.select(Event).where(Event.seq > after)
        if subjects is not None:
            statement = statement.where(subjects(scope))
        events = [event_to_dict(e) for e in
                  scope.scalars(statement.order_by(Event.seq).limit(BATCH))]
        done = bool(finished and len(events) < BATCH and finished(scope))
        return events, done
    finally:
        session.close()


def event_stream(
    request: Request,
    *,
    workspace_id: int,
    after: int,
    subjects: Callable[[Scope], Any] | None = None,
    finished: Callable[[Scope], bool] | None = None,
) -> StreamingResponse:
    """A text/event-stream response; ends when ``finished`` says so (and all events are out)."""
    app = request.app
    url = app.state.settings.resolved_database_url()
    poll = app.state.api_settings.sse_poll_seconds
    keepalive = app.state.api_settings.sse_keepalive_seconds

    async def stream() -> AsyncIterator[str]:
        last = after
        quiet_since = time.monotonic()
        yield "retry: 2000\n\n"
        while True:
            events, done = await anyio.to_thread.run_sync(
                _read, url, workspace_id, last, subjects, finished
            )
            for event in events:
                last = event["seq"]
                yield format_event(event)
            if events:
                quiet_since = time.monotonic()
            if done:
                yield "event: end\ndata: {}\n\n"
                return
            if await request.is_disconnected():
                return
            if time.monotonic() - quiet_since >= keepalive:
                quiet_since = time.monotonic()
                yield ": keep-alive\n\n"
            if not events or len(events) < BATCH:
                await anyio.sleep(poll)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def subjects_of_batch(batch_id: int) -> Callable[[Scope], Any]:
    """The batch's own events and those of its videos."""
    from studio.db import Video

    video_ids: list[str] = []

    def where(scope: Scope) -> Any:
        if not video_ids:  # the batch's videos are fixed once it is created: read them once
            video_ids.extend(
                str(i) for i in scope.scalars(scope.select(Video.id).where(
                    Video.batch_id == batch_id))
            )
        return or_(
            (Event.subject_type == "batch") & (Event.subject_id == str(batch_id)),
            (Event.subject_type == "video") & Event.subject_id.in_(video_ids or ["-"]),
        )

    return where
