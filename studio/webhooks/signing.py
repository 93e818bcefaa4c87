"""HMAC-SHA256 signatures over timestamp + body (the scheme Stripe popularised).

The timestamp is inside the signed text so a captured request cannot be replayed later than
the receiver's tolerance; ``v1=`` leaves room for a second scheme during a secret rotation.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Studio-Signature"
DEFAULT_TOLERANCE_SECONDS = 300


class SignatureError(Exception):
    """The request is not signed by the expected secret, or the signature is too old."""


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The ``Studio-Signature`` header value for ``body``."""
    if not secret:
        raise SignatureError("a webhook endpoint needs a non-empty secret")
    stamp = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={stamp},v1={_digest(secret, stamp, body)}"


def verify(
    secret: str,
    body: bytes,
    header: str | None,
    *,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> int:
    """Check a signature header; returns its timestamp or raises :class:`SignatureError`."""
    if not header:
        raise SignatureError(f"missing {SIGNATURE_HEADER} header")
    stamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t":
            try:
                stamp = int(value)
            except ValueError as exc:
                raise SignatureError(f"bad timestamp {value!r} in {SIGNATURE_HEADER}") from exc
        elif name == "v1":
            candidates.append(value)
    if stamp is None or not candidates:
        raise SignatureError(f"{SIGNATURE_HEADER} must look like 't=<ts>,v1=<hex>'")
    current = time.time() if now is None else now
    if abs(current - stamp) > tolerance:
        raise SignatureError(f"signature timestamp {stamp} is outside the {tolerance}s tolerance")
    expected = _digest(secret, stamp, body)
    if not any(hmac.compare_digest(expected, candidate) for candidate in candidates):
        raise SignatureError("signature does not match the body and secret")
    return stamp
