"""Sending one event to one endpoint: a signed POST, retried with backoff on failure.

The Celery task (``studio.webhooks.deliver``) makes one attempt per run and schedules the next
with :func:`backoff_delay`, so a slow receiver never holds a worker asleep;
:func:`deliver_with_retries` is the same policy in one call, for scripts and tests.
"""

from __future__ import annotations

import ipaddress
import json
import random
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import httpx

from studio.webhooks.signing import SIGNATURE_HEADER, sign

USER_AGENT = "studio-webhooks/1"
MAX_ATTEMPTS = 8
RESPONSE_EXCERPT = 500


@dataclass(frozen=True, slots=True)
class DeliveryAttempt:
    """What happened on one POST; every attempt is logged as a webhook delivery row."""

    attempt: int
    ok: bool
    status_code: int | None
    error: str | None
    response_excerpt: str
    duration_ms: float
    # 4xx other than 408/429 means the receiver refuses this event: retrying will not help
    retryable: bool


def event_body(event_id: str, event_type: str, created: str, data: dict[str, Any]) -> bytes:
    """The JSON body of an event; built from the event row, so retries send the same bytes."""
    payload = {"id": event_id, "type": event_type, "created": created, "data": data}
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()


def backoff_delay(attempt: int, *, base: float = 2.0, cap: float = 3600.0,
                  jitter: Callable[[], float] = random.random) -> float:
    """Seconds before attempt ``attempt + 1``: exponential, capped, with jitter.

    The jitter (a random point in the upper half of the delay) spreads retries of many
    deliveries that failed together, so a receiver coming back up is not hit all at once.
    """
    ceiling = min(cap, base * (2 ** max(attempt - 1, 0)))
    return ceiling * (0.5 + 0.5 * jitter())


def check_destination(url: str, *, allow_private: bool) -> None:
    """Refuse non-HTTP URLs, and private/loopback hosts unless allowed (SSRF protection)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ValueError(f"webhook URL {url!r} must be an http(s) URL with a host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or 443)
    except socket.gaierror as exc:
        raise ValueError(f"webhook host {parsed.hostname!r} does not resolve: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local:
            raise ValueError(
                f"webhook host {parsed.hostname!r} is a private address ({address}); "
                "set STUDIO_ALLOW_PRIVATE_URLS=true to allow it"
            )


def deliver_once(
    url: str,
    secret: str,
    *,
    event_id: str,
    event_type: str,
    body: bytes,
    attempt: int = 1,
    timeout: float = 10.0,
    allow_private: bool = False,
    client: httpx.Client | None = None,
) -> DeliveryAttempt:
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: sign(secret, body),
        "Studio-Event-Id": event_id,
        "Studio-Event-Type": event_type,
        "Studio-Delivery-Attempt": str(attempt),
    }
    started = time.perf_counter()
    try:
        check_destination(url, allow_private=allow_private)
        own_client = client is None
        http = client or httpx.Client(timeout=timeout, follow_redirects=False)
        try:
            response = http.post(url, content=body, headers=headers)
        finally:
            if own_client:
                http.close()
    except ValueError as exc:
        elapsed = (time.perf_counter() - started) * 1000
        return DeliveryAttempt(attempt, False, None, str(exc), "", elapsed, retryable=False)
    except httpx.HTTPError as exc:
        elapsed = (time.perf_counter() - started) * 1000
        message = f"{type(exc).__name__}: {exc}"
        return DeliveryAttempt(attempt, False, None, message, "", elapsed, retryable=True)
    elapsed = (time.perf_counter() - started) * 1000
    code = response.status_code
    ok = 200 <= code < 300
    retryable = not ok and (code >= 500 or code in (408, 429))
    error = None if ok else f"receiver answered HTTP {code}"
    return DeliveryAttempt(
        attempt, ok, code, error, response.text[:RESPONSE_EXCERPT], elapsed, retryable
    )


def deliver_with_retries(
    url: str,
    secret: str,
    *,
    event_id: str,
    event_type: str,
    body: bytes,
    max_attempts: int = MAX_ATTEMPTS,
    base_delay: float = 2.0,
    allow_private: bool = False,
    log: Callable[[DeliveryAttempt], None] = lambda attempt: None,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryAttempt:
    """Attempt until success, a non-retryable answer, or ``max_attempts``; logs every attempt."""
    result: DeliveryAttempt | None = None
    with httpx.Client(timeout=10.0, follow_redirects=False) as client:
        for attempt in range(1, max_attempts + 1):
            result = deliver_once(
                url, secret, event_id=event_id, event_type=event_type, body=body,
                attempt=attempt, allow_private=allow_private, client=client,
            )
            log(result)
            if result.ok or not result.retryable or attempt == max_attempts:
                break
            sleep(backoff_delay(attempt, base=base_delay))
    assert result is not None
    return result
