"""Live progress over Redis pub/sub, when the broker is Redis.

The database stays the source of truth (``videos.progress``, written about once a second);
what goes over pub/sub is a best-effort copy for watchers that want it sooner and without
polling — the API's server-sent events, a CLI's live view. A message a watcher misses is
never needed again: the next one, or the database, has the same information.

One channel per workspace, ``studio:progress:<workspace id>``, so a watcher only hears its
own videos. Each message is JSON::

    {"video_id": 12, "workspace_id": 1, "progress": 0.42, "message": "encoding",
     "status": "running", "at": 1733250000.123}

``status`` is ``running`` while the render reports progress; the step that ends the video
sends one last message with ``succeeded``, ``failed`` or ``cancelled``.

Publishing never gets in the render's way: a short connect/send timeout, and after a failure
(Redis restarting) nothing is sent for a few seconds instead of waiting on every frame.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from typing import Any

from studio.config import get_settings

CHANNEL_PREFIX = "studio:progress:"
SOCKET_TIMEOUT = 0.5
PAUSE_AFTER_FAILURE = 5.0
log = logging.getLogger(__name__)

_clients: dict[str, Any] = {}
_paused_until = 0.0


def channel(workspace_id: int) -> str:
    return f"{CHANNEL_PREFIX}{workspace_id}"


def redis_url() -> str | None:
    """The broker's URL when it is Redis (the only broker with pub/sub here), else None."""
    url = get_settings().resolved_broker_url()
    return url if url.startswith(("redis://", "rediss://")) else None


def _client(url: str) -> Any:
    client = _clients.get(url)
    if client is None:
        import redis

        # redis-py notices a fork and opens new sockets in the child: safe in the pool
        client = redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT,
                                      socket_connect_timeout=SOCKET_TIMEOUT)
        _clients[url] = client
    return client


def publish(workspace_id: int, video_id: int, progress: float, *, message: str = "",
            status: str = "running") -> bool:
    """Send one progress message; True if Redis took it. Never raises."""
    global _paused_until
    url = redis_url()
    if url is None or time.monotonic() < _paused_until:
        return False
    body = json.dumps({"video_id": video_id, "workspace_id": workspace_id,
                       "progress": round(progress, 4), "message": message, "status": status,
                       "at": round(time.time(), 3)})
    try:
        _client(url).publish(channel(workspace_id), body)
    except Exception as exc:  # Redis down or restarting: the database still has it all
        _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE
        log.warning("live progress not published for %.0f s: %s", PAUSE_AFTER_FAILURE, exc)
        return False
    return True


def listen(workspace_id: int, *, timeout: float | None = None) -> Iterator[dict[str, Any]]:
    """Progress messages of a workspace as they come (Redis brokers only).

    Stops after ``timeout`` seconds without a message (None: never). Raises RuntimeError when
    the broker is not Redis: then progress is read from the database.
    """
    url = redis_url()
    if url is None:
        raise RuntimeError("live progress needs STUDIO_BROKER_URL=redis://…; "
                           "read videos.progress from the database instead")
    import redis

    subscriber = redis.Redis.from_url(url).pubsub(ignore_subscribe_messages=True)
    subscriber.subscribe(channel(workspace_id))
    heard = time.monotonic()
    try:
        while timeout is None or time.monotonic() - heard < timeout:
            item = subscriber.get_message(timeout=1.0)
            if item is not None:
                heard = time.monotonic()
                yield json.loads(item["data"])
    finally:
        subscriber.close()
