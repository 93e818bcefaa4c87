"""Which failures are worth retrying.

A dropped connection, a locked database or a provider's 503 may succeed a minute later; a
broken template, a corrupt product photo or a bad option will fail the same way every time,
so retrying those only delays the seller's answer.
"""

from __future__ import annotations

import socket


class TransientError(Exception):
    """Worth retrying later (the network, a busy provider, a locked database)."""


class PermanentError(Exception):
    """Retrying will not help; the message tells the seller what to fix."""


class Cancelled(Exception):
    """The seller cancelled the video or its batch while it was being made."""


def is_transient(exc: BaseException) -> bool:
    from studio.contracts import PluginError

    if isinstance(exc, TransientError):
        return True
    if isinstance(exc, PermanentError | Cancelled):
        return False
    if isinstance(exc, PluginError):
        return exc.transient
    if isinstance(exc, ConnectionError | TimeoutError | socket.timeout):
        return True
    try:
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            return True
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):  # "database is locked", server restarting
            return True
    except ImportError:  # pragma: no cover
        pass
    try:
        import httpx

        if isinstance(exc, httpx.TransportError):
            return True
    except ImportError:  # pragma: no cover
        pass
    try:
        import redis

        if isinstance(exc, redis.ConnectionError | redis.TimeoutError):
            return True
    except ImportError:  # pragma: no cover
        pass
    return False


def describe(exc: BaseException) -> str:
    """A one-paragraph error a seller can read (ffmpeg's stderr tail when there is one)."""
    text = str(exc).strip() or type(exc).__name__
    stderr = getattr(exc, "stderr", None)
    if isinstance(stderr, bytes) and stderr:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        text += " | " + " / ".join(tail)
    return text[:2000]
