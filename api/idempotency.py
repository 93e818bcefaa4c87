"""``Idempotency-Key`` on POST: a retried request gets the first answer instead of a second effect.

Same caller + same key + same body → the stored response, byte for byte (with
``Idempotent-Replayed: true``); same key with a different body → 409; a key whose first
request is still running → 409 with ``Retry-After``. Server errors are not stored, so a retry
after a 5xx runs again. Keys are kept for ``STUDIO_API_IDEMPOTENCY_TTL_SECONDS``.

The responses live in the database (every API process sees them), in the table of
:class:`studio.db.IdempotencyKey`, created by the migrations like every other.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import anyio
from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response
from studio.db import IdempotencyKey, get_engine
from studio.errors import Conflict, InvalidInput

# a declarative class with __tablename__ always has a Table (typed as FromClause)
idempotency_keys = cast(Table, IdempotencyKey.__table__)
_KEPT_HEADERS = {b"content-type", b"location"}
_NOT_STORED = {401, 429}
PURGE_CHANCE = 0.01
# a preview MP4 is not worth keeping: a retry renders it again rather than bloat the table
MAX_STORED_BYTES = 1024 * 1024  # nothing happened: the retry must run for real


def _now() -> datetime:
    return datetime.now(UTC)


def _claim(url: str, caller: str, key: str, request_hash: str, ttl: int) -> dict[str, Any]:
    """Insert the claim, or report what is already there: {"state": new|replay|conflict|busy}."""
    engine = get_engine(url)
    for _ in range(2):
        try:
            with engine.begin() as connection:
                connection.execute(
                    insert(idempotency_keys).values(
                        caller=caller, key=key, request_hash=request_hash, created_at=_now()
                    )
                )
                if random.random() < PURGE_CHANCE:  # now and then, forget expired keys
                    cutoff = _now() - timedelta(seconds=ttl)
                    connection.execute(
                        delete(idempotency_keys).where(idempotency_keys.c.created_at < cutoff)
                    )
            return {"state": "new"}
        except IntegrityError:
            pass
        with engine.begin() as connection:
            row = connection.execute(
                select(idempotency_keys).where(
                    idempotency_keys.c.caller == caller, idempotency_keys.c.key == key
                )
            ).mappings().first()
            if row is None:
                continue
            created = row["created_at"]
            if created.tzinfo is None:
                created = created.replace(tzinfo=UTC)
            if _now() - created > timedelta(seconds=ttl):
                expired = idempotency_keys.c.id == row["id"]
                connection.execute(delete(idempotency_keys).where(expired))
                continue
            if row["request_hash"] != request_hash:
                return {"state": "conflict"}
            if row["status_code"] is None:
                return {"state": "busy"}
            return {
                "state": "replay",
                "status": row["status_code"],
                "headers": json.loads(row["headers"] or "[]"),
                "body": row["body"] or b"",
            }
    return {"state": "busy"}


def _finish(url: str, caller: str, key: str, status: int, headers: list, body: bytes) -> None:
    engine = get_engine(url)
    where = (idempotency_keys.c.caller == caller, idempotency_keys.c.key == key)
    with engine.begin() as connection:
        if status >= 500 or status in _NOT_STORED or len(body) > MAX_STORED_BYTES:
            connection.execute(delete(idempotency_keys).where(*where))
        else:
            connection.execute(
                update(idempotency_keys)
                .where(*where)
                .values(status_code=status, headers=json.dumps(headers), body=body)
            )


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        key = request.headers.get("idempotency-key")
        if key is None:
            await self.app(scope, receive, send)
            return
        fastapi_app = scope["app"]
        api = fastapi_app.state.api_settings
        credential = request.headers.get("authorization") or request.cookies.get(
            api.session_cookie
        )
        if not credential:  # the route will answer 401; nothing to remember
            await self.app(scope, receive, send)
            return
        if not key or len(key) > 255:
            response = error_response(request, InvalidInput(
                "idempotency.bad_key", field="header.idempotency-key"))
            await response(scope, receive, send)
            return

        body = await request.body()
        caller = hashlib.sha256(credential.encode()).hexdigest()
        request_hash = hashlib.sha256(
            b"%s\n%s\n%s\n" % (scope["path"].encode(), scope.get("query_string", b""), body)
        ).hexdigest()
        url = fastapi_app.state.settings.resolved_database_url()
        claim = await anyio.to_thread.run_sync(
            _claim, url, caller, key, request_hash, api.idempotency_ttl_seconds
        )
        if claim["state"] == "conflict":
            response = error_response(request, Conflict(
                "idempotency.reused", field="header.idempotency-key"))
            await response(scope, receive, send)
            return
        if claim["state"] == "busy":
            response = error_response(request, Conflict(
                "idempotency.in_progress", field="header.idempotency-key"))
            response.headers["Retry-After"] = "1"
            await response(scope, receive, send)
            return
        if claim["state"] == "replay":
            headers = [(k.encode(), v.encode()) for k, v in claim["headers"]]
            headers.append((b"idempotent-replayed", b"true"))
            await send({"type": "http.response.start", "status": claim["status"],
                        "headers": headers})
            await send({"type": "http.response.body", "body": claim["body"]})
            return

        sent = False

        async def replay_body() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        status = 500
        kept: list[tuple[str, str]] = []
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                kept.extend(
                    (k.decode("latin-1"), v.decode("latin-1"))
                    for k, v in message.get("headers", [])
                    if k.lower() in _KEPT_HEADERS
                )
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_body, capture)
        finally:
            await anyio.to_thread.run_sync(
                _finish, url, caller, key, status, kept, b"".join(chunks)
            )
