"""Signatures verify only with the right secret and body; deliveries retry and are logged."""

from __future__ import annotations

import time

import pytest

from studio.webhooks import (
    SignatureError,
    backoff_delay,
    deliver_once,
    deliver_with_retries,
    event_body,
    sign,
    verify,
)
from studio.webhooks.receiver import WebhookReceiver

SECRET = "whsec_test_1"


def test_signature_round_trip_and_tampering() -> None:
    body = event_body("evt_1", "video.succeeded", "2026-11-23T00:00:00Z", {"video_id": 7})
    header = sign(SECRET, body)
    assert header.startswith("t=") and ",v1=" in header
    verify(SECRET, body, header)
    with pytest.raises(SignatureError, match="does not match"):
        verify("another-secret", body, header)
    with pytest.raises(SignatureError, match="does not match"):
        verify(SECRET, body.replace(b"7", b"8"), header)
    stamp = int(header.split(",")[0][2:])
    # the timestamp is signed: moving it breaks the signature
    moved = header.replace(f"t={stamp}", f"t={stamp + 1}")
    with pytest.raises(SignatureError, match="does not match"):
        verify(SECRET, body, moved)


def test_old_signatures_are_refused() -> None:
    body = b"{}"
    header = sign(SECRET, body, timestamp=int(time.time()) - 3600)
    with pytest.raises(SignatureError, match="tolerance"):
        verify(SECRET, body, header)
    with pytest.raises(SignatureError, match="missing"):
        verify(SECRET, body, None)
    with pytest.raises(SignatureError, match="t=<ts>"):
        verify(SECRET, body, "v0=abc")


def test_same_event_same_body() -> None:
    first = event_body("evt_9", "batch.completed", "2026-11-23T00:00:00Z", {"b": 1, "a": [1, 2]})
    again = event_body("evt_9", "batch.completed", "2026-11-23T00:00:00Z", {"a": [1, 2], "b": 1})
    assert first == again


def test_backoff_grows_and_is_capped() -> None:
    delays = [backoff_delay(n, base=2.0, cap=60.0, jitter=lambda: 1.0) for n in range(1, 9)]
    assert delays[:5] == [2.0, 4.0, 8.0, 16.0, 32.0]
    assert max(delays) == 60.0
    low = backoff_delay(3, base=2.0, jitter=lambda: 0.0)
    assert 0 < low < backoff_delay(3, base=2.0, jitter=lambda: 1.0)


def test_delivery_retries_until_the_receiver_accepts() -> None:
    body = event_body("evt_42", "video.failed", "2026-11-23T00:00:00Z", {"error": "bad image"})
    logged = []
    slept: list[float] = []
    with WebhookReceiver(SECRET, fail_first=2) as receiver:
        result = deliver_with_retries(
            receiver.url, SECRET, event_id="evt_42", event_type="video.failed", body=body,
            allow_private=True, log=logged.append, sleep=slept.append,
        )
    assert result.ok and result.attempt == 3
    assert [a.status_code for a in logged] == [503, 503, 200]
    assert len(slept) == 2 and slept[0] < slept[1] * 2  # waited between attempts
    assert receiver.bad_signatures == 0
    assert list(receiver.events) == ["evt_42"]


def test_client_errors_are_not_retried() -> None:
    body = event_body("evt_5", "video.succeeded", "2026-11-23T00:00:00Z", {})
    with WebhookReceiver("a-different-secret") as receiver:  # will answer 400: bad signature
        logged = []
        result = deliver_with_retries(
            receiver.url, SECRET, event_id="evt_5", event_type="video.succeeded", body=body,
            allow_private=True, log=logged.append, sleep=lambda s: None,
        )
    assert not result.ok and result.status_code == 400 and not result.retryable
    assert len(logged) == 1


def test_unreachable_receiver_is_retryable() -> None:
    result = deliver_once(
        "http://127.0.0.1:9/hooks", SECRET, event_id="e", event_type="video.failed",
        body=b"{}", allow_private=True, timeout=2,
    )
    assert not result.ok and result.retryable and result.error


def test_private_addresses_are_refused_by_default() -> None:
    result = deliver_once(
        "http://127.0.0.1:9/hooks", SECRET, event_id="e", event_type="video.failed", body=b"{}",
    )
    assert not result.ok and not result.retryable
    assert "STUDIO_ALLOW_PRIVATE_URLS" in (result.error or "")
    bad_scheme = deliver_once("file:///etc/passwd", SECRET, event_id="e",
                              event_type="video.failed", body=b"{}")
    assert "http(s)" in (bad_scheme.error or "")
