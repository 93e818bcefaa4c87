"""Request ids, one JSON log line per request, and the request metrics.

The request id comes from ``X-Request-ID`` when the caller sends a sane one (so a seller's
ERP can trace its own ids through), otherwise a new one; it is echoed back, written in every
log line and problem document, and handed to the jobs a request creates.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import REQUEST_LATENCY, REQUESTS
from studio.logcontext import (
    JsonFormatter,
    current_request_id,
    reset_request_id,
    set_request_id,
)

_SAFE_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,64}$")
API_PREFIX = "/api/v1"
access_log = logging.getLogger("studio.api.access")

# one request id for the API and the workers (studio.logcontext): the jobs a request creates
# carry it in their Celery headers, so their log lines name the same request
__all__ = ["JsonFormatter", "RequestContextMiddleware", "configure_json_logging",
           "current_request_id"]


def configure_json_logging(level: str = "INFO") -> None:
    """Send the API's loggers to stderr as JSON lines (once per process)."""
    logger = logging.getLogger("studio.api")
    if any(getattr(h, "_studio_json", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler._studio_json = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level.upper())
    logger.propagate = False


def _route_template(scope: Scope) -> str:
    # the path template ("/api/v1/videos/{video_id}"), so metrics do not get one label per id
    route = scope.get("route")
    path = getattr(route, "path", None)
    if not path:
        return "unmatched"
    # a route in an included router knows its own prefix but not the parent's (/api/v1)
    if scope["path"].startswith(API_PREFIX) and not path.startswith(API_PREFIX):
        path = API_PREFIX + path
    return path


class RequestContextMiddleware:
    """Pure ASGI (no BaseHTTPMiddleware): streams such as SSE pass through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        request_id = incoming if incoming and _SAFE_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = set_request_id(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_template(scope)
            REQUESTS.labels(scope["method"], route, str(status)).inc()
            REQUEST_LATENCY.labels(scope["method"], route).observe(elapsed)
            state = scope.get("state", {})
            access_log.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": scope["path"],
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                    "workspace_id": state.get("workspace_id"),
                    "client": (scope.get("client") or ("", 0))[0],
                },
            )
            reset_request_id(token)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None
