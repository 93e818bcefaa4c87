"""Which events a webhook endpoint gets, decided when the event is written.

:func:`add_deliveries` runs inside the transaction that records events: for every event a
seller can subscribe to, it writes a *pending* delivery row per active, subscribed endpoint.
The rows commit with the change they announce (the transactional outbox), and
:mod:`studio.outbox` sends them after the commit — so every state change that has an event
reaches its webhooks, whichever door made it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from studio.db.bulk import insert_rows
from studio.db.models import WebhookDelivery, WebhookEndpoint

# domain event type -> the webhook event type a receiver sees (the status stays in the body)
WEBHOOK_TYPES: dict[str, str] = {
    "video.queued": "video.queued",
    "video.running": "video.running",
    "video.succeeded": "video.succeeded",
    "video.failed": "video.failed",
    "video.cancelled": "video.cancelled",
    "video.archived": "video.archived",
    "video.selected": "video.selected",
    "batch.running": "batch.running",
    "batch.completed": "batch.completed",
    "batch.completed_with_failures": "batch.completed",
    "batch.failed": "batch.completed",
    "batch.cancelled": "batch.cancelled",
    "import.succeeded": "import.succeeded",
    "import.failed": "import.failed",
    "ad.started": "ad.started",
    "ad.performance_updated": "ad.performance_updated",
    "ad.failed": "ad.failed",
}
# what an endpoint can subscribe to, each with what it means (the API guide lists these)
WEBHOOK_EVENTS: dict[str, str] = {
    "video.queued": "a video was accepted and waits for a worker",
    "video.running": "a worker started making a video",
    "video.succeeded": "a video is ready to download",
    "video.failed": "a video could not be made; `reason` says why",
    "video.cancelled": "a video was cancelled before it was made",
    "video.archived": "a video was deleted (archived; its ROI history stays)",
    "video.selected": "one of a request's candidates was picked",
    "batch.running": "the first video of a batch started",
    "batch.completed": "every video of a batch finished; `status` is completed, "
                       "completed_with_failures or failed",
    "batch.cancelled": "a batch was cancelled before any of its videos was made",
    "import.succeeded": "a catalog or ad-results import that ran as a job finished",
    "import.failed": "an import that ran as a job failed; `reason` says why",
    "ad.started": "a video became an ad on Meta or TikTok (paused unless asked otherwise), "
                  "or its ad was switched on (`enabled`); `ad_id` links its results",
    "ad.performance_updated": "new ad results arrived for a video; `spend`, `revenue`, "
                              "`roas` over `since`..`until`, with the figures `before`",
    "ad.failed": "a video could not be published, or the platform rejected its ad; "
                 "`reason` says why and what to do",
}
_CACHE = "studio.webhook_endpoints"


def webhook_type(event_type: str) -> str | None:
    return WEBHOOK_TYPES.get(event_type)


def _endpoints(session: Session, workspace_id: int) -> list[tuple[int, list[str]]]:
    """The workspace's active endpoints, read once per transaction."""
    cache: dict[int, list[tuple[int, list[str]]]] = session.info.setdefault(_CACHE, {})
    if workspace_id not in cache:
        cache[workspace_id] = [
            (endpoint_id, list(types or []))
            for endpoint_id, types in session.execute(
                select(WebhookEndpoint.id, WebhookEndpoint.event_types).where(
                    WebhookEndpoint.workspace_id == workspace_id, WebhookEndpoint.active)
            )
        ]
    return cache[workspace_id]


def forget_endpoints(session: Session) -> None:
    """An endpoint was added or changed in this transaction: read them again."""
    session.info.pop(_CACHE, None)


def add_deliveries(session: Session, events: Sequence[Mapping[str, Any]]) -> list[int]:
    """Pending delivery rows for ``events`` (dicts with id, workspace_id, type); their ids."""
    rows = []
    for item in events:
        kind = webhook_type(str(item["type"]))
        if kind is None:
            continue
        for endpoint_id, types in _endpoints(session, int(item["workspace_id"])):
            if not types or kind in types:
                rows.append({"workspace_id": item["workspace_id"], "endpoint_id": endpoint_id,
                             "event_id": item["id"], "attempt": 1, "status": "pending"})
    if not rows:
        return []
    inserted = insert_rows(session, cast(Table, WebhookDelivery.__table__), rows,
                           returning=("id",))
    return [row[0] for row in inserted]
