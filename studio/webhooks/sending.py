"""Sending pending webhook deliveries: queue them, and make each attempt.

A delivery row is written *pending* with the event (``subscriptions``); after the commit it is
queued (``studio.webhooks.deliver`` on the ``io`` queue). The task claims its row
(pending → sending, compare-and-set) before the POST, so a message delivered twice sends one
request; it records the answer on the row and, when worth it, writes the next attempt as a
new pending row due after the backoff. Rows nobody took — the broker was down, a worker died
mid-POST — are found by :func:`due_deliveries` and queued again.

The webhook event id is the domain event's id, so every retry carries the same id and
receivers dedupe on it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Table, or_, select, update

from studio.db import Event, WebhookDelivery, WebhookEndpoint, session_scope
from studio.db.types import utcnow
from studio.webhooks.delivery import MAX_ATTEMPTS, backoff_delay, deliver_once, event_body
from studio.webhooks.subscriptions import webhook_type

TASK = "studio.webhooks.deliver"
STUCK_SENDING_SECONDS = 300.0  # a POST times out long before; its worker is gone


def webhook_body(event: Event) -> bytes:
    kind = webhook_type(event.type) or event.type
    data: dict[str, Any] = {
        "subject": {"type": event.subject_type, "id": event.subject_id}, **event.payload,
    }
    if event.type.startswith("batch."):
        data["status"] = event.type.split(".", 1)[1]
    return event_body(str(event.id), kind, event.created_at.isoformat(), data)


def queue_deliveries(delivery_ids: Sequence[int], *, url: str | None = None,
                     countdown: float | None = None) -> int:
    """Queue a task per delivery; raises when the broker cannot be reached (the rows stay
    pending for the sweep)."""
    from studio.jobs.celery_app import app

    for delivery_id in delivery_ids:
        app.send_task(TASK, kwargs={"delivery_id": delivery_id}, queue="io",
                      countdown=countdown)
    return len(delivery_ids)


def due_deliveries(url: str | None = None, *, older_than_seconds: float = 5.0) -> list[int]:
    """Pending deliveries that should have left by now (and free ones stuck "sending")."""
    now = utcnow()
    table = cast(Table, WebhookDelivery.__table__)
    with session_scope(url) as session:
        session.execute(update(table).where(
            table.c.status == "sending",
            table.c.updated_at < now - timedelta(seconds=STUCK_SENDING_SECONDS),
        ).values(status="pending"))
        cutoff = now - timedelta(seconds=older_than_seconds)
        return list(session.scalars(select(WebhookDelivery.id).where(
            WebhookDelivery.status == "pending",
            WebhookDelivery.updated_at <= cutoff,
            or_(WebhookDelivery.next_retry_at.is_(None), WebhookDelivery.next_retry_at <= cutoff),
        ).order_by(WebhookDelivery.id).limit(5000)))


def deliver(delivery_id: int) -> dict[str, Any]:
    """One attempt of one pending delivery; the next attempt is scheduled when worth it."""
    from studio.config import get_settings

    table = cast(Table, WebhookDelivery.__table__)
    with session_scope() as session:
        claimed = cast(CursorResult[Any], session.execute(update(table).where(
            table.c.id == delivery_id, table.c.status == "pending",
        ).values(status="sending"))).rowcount
        if not claimed:
            return {"status": "skipped", "delivery_id": delivery_id}
        delivery = session.get(WebhookDelivery, delivery_id)
        assert delivery is not None
        endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
        event = session.scalars(select(Event).where(Event.id == delivery.event_id)).first()
        if endpoint is None or event is None or not endpoint.active:
            delivery.status, delivery.error = "failed", "the endpoint is gone or inactive"
            return {"status": "skipped", "delivery_id": delivery_id}
        target = (endpoint.url, endpoint.secret, delivery.attempt, str(event.id))
        body, kind = webhook_body(event), webhook_type(event.type) or event.type
        workspace_id, endpoint_id = delivery.workspace_id, delivery.endpoint_id
    url, secret, attempt, event_id = target
    result = deliver_once(url, secret, event_id=event_id, event_type=kind, body=body,
                          attempt=attempt, allow_private=get_settings().allow_private_urls)
    retry = not result.ok and result.retryable and attempt < MAX_ATTEMPTS
    delay = backoff_delay(attempt) if retry else None
    with session_scope() as session:
        session.execute(update(table).where(table.c.id == delivery_id).values(
            status="delivered" if result.ok else ("retrying" if retry else "failed"),
            status_code=result.status_code, response_excerpt=result.response_excerpt,
            error=result.error, delivered_at=utcnow() if result.ok else None,
            next_retry_at=utcnow() + timedelta(seconds=delay) if delay else None,
        ))
        next_id = None
        if retry:
            following = WebhookDelivery(
                workspace_id=workspace_id, endpoint_id=endpoint_id,
                event_id=uuid.UUID(event_id), attempt=attempt + 1, status="pending",
                next_retry_at=utcnow() + timedelta(seconds=delay or 0))
            session.add(following)
            session.flush()
            next_id = following.id
    if next_id is not None:
        try:
            queue_deliveries([next_id], countdown=delay)
        except Exception:  # the sweep queues it when its time comes
            pass
    return {"status": "delivered" if result.ok else "failed", "attempt": attempt}
