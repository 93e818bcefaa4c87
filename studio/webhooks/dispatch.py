"""From domain events to webhook deliveries: which endpoints get which event, and each attempt.

The webhook event id is the domain event's id, so every retry (and a duplicate sent after a
worker crash) carries the same id and receivers dedupe on it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from studio.db import Event, WebhookDelivery, WebhookEndpoint, session_scope
from studio.db.types import utcnow
from studio.webhooks.delivery import MAX_ATTEMPTS, backoff_delay, deliver_once, event_body

# domain event type -> webhook event type
WEBHOOK_TYPES = {
    "video.succeeded": "video.succeeded",
    "video.failed": "video.failed",
    "batch.completed": "batch.completed",
    "batch.completed_with_failures": "batch.completed",
    "batch.failed": "batch.completed",
}


def webhook_type(event_type: str) -> str | None:
    return WEBHOOK_TYPES.get(event_type)


def _subscribed(endpoint: WebhookEndpoint, kind: str) -> bool:
    return endpoint.active and (not endpoint.event_types or kind in endpoint.event_types)


def dispatch_events(event_ids: Iterable[uuid.UUID | str]) -> int:
    """Queue a delivery task per (event, subscribed endpoint); returns how many were queued."""
    ids = [uuid.UUID(str(event_id)) for event_id in event_ids]
    if not ids:
        return 0
    from studio.jobs.tasks import deliver_webhook

    sent = 0
    with session_scope() as session:
        events = session.scalars(select(Event).where(Event.id.in_(ids))).all()
        for event in events:
            kind = webhook_type(event.type)
            if kind is None:
                continue
            endpoints = session.scalars(
                select(WebhookEndpoint).where(WebhookEndpoint.workspace_id == event.workspace_id)
            ).all()
            for endpoint in endpoints:
                if _subscribed(endpoint, kind):
                    deliver_webhook.apply_async(
                        kwargs={"endpoint_id": endpoint.id, "event_id": str(event.id)},
                        queue="io",
                    )
                    sent += 1
    return sent


def webhook_body(event: Event) -> bytes:
    kind = webhook_type(event.type) or event.type
    data: dict[str, Any] = {
        "subject": {"type": event.subject_type, "id": event.subject_id}, **event.payload,
    }
    if event.type.startswith("batch."):
        data["status"] = event.type.split(".", 1)[1]
    return event_body(str(event.id), kind, event.created_at.isoformat(), data)


def deliver(endpoint_id: int, event_id: str, attempt: int = 1) -> dict[str, Any]:
    """One attempt, logged as a delivery row; schedules the next attempt when worth it."""
    from studio.config import get_settings
    from studio.jobs.tasks import deliver_webhook

    with session_scope() as session:
        endpoint = session.get(WebhookEndpoint, endpoint_id)
        event = session.scalars(select(Event).where(Event.id == uuid.UUID(event_id))).first()
        if endpoint is None or event is None or not endpoint.active:
            return {"status": "skipped"}
        url, secret, workspace_id = endpoint.url, endpoint.secret, endpoint.workspace_id
        body = webhook_body(event)
        kind = webhook_type(event.type) or event.type
    result = deliver_once(
        url, secret, event_id=event_id, event_type=kind, body=body, attempt=attempt,
        allow_private=get_settings().allow_private_urls,
    )
    retry = not result.ok and result.retryable and attempt < MAX_ATTEMPTS
    delay = backoff_delay(attempt) if retry else None
    with session_scope() as session:
        session.add(WebhookDelivery(
            workspace_id=workspace_id, endpoint_id=endpoint_id, event_id=uuid.UUID(event_id),
            attempt=attempt,
            status="delivered" if result.ok else ("retrying" if retry else "failed"),
            status_code=result.status_code, response_excerpt=result.response_excerpt,
            error=result.error, delivered_at=utcnow() if result.ok else None,
            next_retry_at=utcnow() + timedelta(seconds=delay) if delay else None,
        ))
    if retry:
        deliver_webhook.apply_async(
            kwargs={"endpoint_id": endpoint_id, "event_id": event_id, "attempt": attempt + 1},
            queue="io", countdown=delay,
        )
    return {"status": "delivered" if result.ok else "failed", "attempt": attempt}
