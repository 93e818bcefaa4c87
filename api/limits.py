"""Request size limits: small for JSON, larger for file uploads (catalogs, ad exports).

Checked from ``Content-Length`` up front and again while the body streams in, so a client
that lies about the length (or sends chunked) is stopped too.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem_response

UPLOAD_TYPES = ("multipart/form-data", "application/octet-stream", "text/csv")


class _TooLarge(Exception):
    pass


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        api = scope["app"].state.api_settings
        request = Request(scope)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        upload = content_type in UPLOAD_TYPES
        limit = api.max_upload_bytes if upload else api.max_body_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            await self._reject(scope, receive, send, limit, upload)
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(scope, receive, send, limit, upload)

    async def _reject(
        self, scope: Scope, receive: Receive, send: Send, limit: int, upload: bool
    ) -> None:
        what = "file uploads" if upload else "JSON bodies"
        hint = (
            "split the file, or raise STUDIO_API_MAX_UPLOAD_BYTES"
            if upload
            else "send fewer items per request (or upload a file), "
            "or raise STUDIO_API_MAX_BODY_BYTES"
        )
        response = problem_response(
            Request(scope),
            413,
            f"the request body is larger than the {limit:,}-byte limit for {what}; {hint}",
            slug="too-large",
            field="body",
        )
        await response(scope, receive, send)
