"""Signed webhooks: the events in :data:`WEBHOOK_EVENTS`, each POSTed to subscribed endpoints.

A receiver verifies ``Studio-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>``
and dedupes by ``Studio-Event-Id`` (the same event always carries the same id, across retries).
"""

from __future__ import annotations

from studio.webhooks.delivery import (
    DeliveryAttempt,
    backoff_delay,
    deliver_once,
    deliver_with_retries,
    event_body,
)
from studio.webhooks.signing import SIGNATURE_HEADER, SignatureError, sign, verify
from studio.webhooks.subscriptions import WEBHOOK_EVENTS

__all__ = [
    "SIGNATURE_HEADER",
    "WEBHOOK_EVENTS",
    "DeliveryAttempt",
    "SignatureError",
    "backoff_delay",
    "deliver_once",
    "deliver_with_retries",
    "event_body",
    "sign",
    "verify",
]
