"""Request size limits: small for JSON, larger for file uploads (catalogs, ad exports).

A declared ``Content-Length`` over the limit is refused before the body is read. A body sent
without one (chunked) is read here, up to the limit, into a spooled file and handed on; past
the limit it is refused too — a client cannot get round the limit by not saying the length.
"""

from __future__ import annotations

import tempfile

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response
from studio.errors import TooLarge

UPLOAD_TYPES = ("multipart/form-data", "application/octet-stream", "text/csv")
CHUNK = 64 * 1024


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        api = scope["app"].state.api_settings
        request = Request(scope)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        upload = content_type in UPLOAD_TYPES
        limit = api.max_upload_bytes if upload else api.max_body_bytes
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > limit:
                await self._reject(scope, receive, send, limit, upload)
                return
            # the server delivers no more than the declared length
            await self.app(scope, receive, send)
            return

        with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as spool:
            received = 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body = message.get("body", b"")
                received += len(body)
                if received > limit:
                    await self._reject(scope, receive, send, limit, upload)
                    return
                spool.write(body)
                if not message.get("more_body", False):
                    break
            spool.seek(0)

            done = False

            async def replay() -> Message:
                nonlocal done
                if done:
                    return await receive()  # after the body: wait for a disconnect
                block = spool.read(CHUNK)
                more = spool.tell() < received
                done = not more
                return {"type": "http.request", "body": block, "more_body": more}

            await self.app(scope, replay, send)

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
        response = error_response(Request(scope), TooLarge(
            "too_large", field="body", limit=f"{limit:,}", what=what, hint=hint))
        await response(scope, receive, send)
