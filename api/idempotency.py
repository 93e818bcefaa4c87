"""``Idempotency-Key`` on POST: a retried request gets the first answer instead of a second effect.

Same caller + same key + same body → the stored response, byte for byte (with
``Idempotent-Replayed: true``); same key with a different body → 409. A retry arriving while
the first request with its key is still being answered waits for that answer (up to
:data:`IN_PROGRESS_WAIT_SECONDS`) and replays it; only past that bound is it a 409 with
``Retry-After``. The answer is stored before its last byte leaves, so a client that retries
the moment it has read a 202 finds it. Server errors are not stored (nor 401/429): a retry
after a 5xx — also one that was waiting — runs again. Keys are kept for
``STUDIO_API_IDEMPOTENCY_TTL_SECONDS``.

The responses live in the database (every API process sees them), in the table of
:class:`studio.db.IdempotencyKey`, created by the migrations like every other.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import anyio
from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response
from studio.control_characters import refuse_control_characters
from studio.db import IdempotencyKey, get_engine
from studio.errors import Conflict, InvalidInput

# a declarative class with __tablename__ always has a Table (typed as FromClause)
idempotency_keys = cast(Table, IdempotencyKey.__table__)
_KEPT_HEADERS = {b"content-type", b"location"}
_NOT_STORED = {401, 429}
PURGE_CHANCE = 0.01
# a preview MP4 is not worth keeping: a retry renders it again rather than bloat the table
MAX_STORED_BYTES = 1024 * 1024  # nothing happened: the retry must run for real
# how long a retry waits for the answer of the first request with its key (then 409)
IN_PROGRESS_WAIT_SECONDS = 10.0
_POLL_SECONDS = (0.02, 0.25)  # the first look again, and the longest pause between looks


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
        problem = _bad_key(key)
        if problem is not None:
            await error_response(request, problem)(scope, receive, send)
            return

        body = await request.body()
        caller = hashlib.sha256(credential.encode()).hexdigest()
        request_hash = hashlib.sha256(
            b"%s\n%s\n%s\n" % (scope["path"].encode(), scope.get("query_string", b""), body)
        ).hexdigest()
        url = fastapi_app.state.settings.resolved_database_url()
        claim = await _claim_or_wait(url, caller, key, request_hash, api.idempotency_ttl_seconds)
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
        stored = False

        async def store() -> None:
            nonlocal stored
            stored = True
            await anyio.to_thread.run_sync(
                _finish, url, caller, key, status, kept, b"".join(chunks)
            )

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
                if not message.get("more_body", False):
                    # stored before the client has the last byte: its retry finds the answer
                    await store()
            await send(message)

        try:
            await self.app(scope, replay_body, capture)
        finally:
            if not stored:
                await store()


def _bad_key(key: str) -> InvalidInput | None:
    """Why a key cannot be kept (it is stored: no control characters), or None."""
    if not key or len(key) > 255:
        return InvalidInput("idempotency.bad_key", field="header.idempotency-key")
    try:
        refuse_control_characters(key, "header.idempotency-key")
    except InvalidInput as exc:
        return exc
    return None


async def _claim_or_wait(url: str, caller: str, key: str, request_hash: str,
                         ttl: int) -> dict[str, Any]:
    """:func:`_claim`; while the first request with this key is still being answered, look
    again (a little less often each time) until its answer is stored or the wait is over.
    If the first one failed (its claim removed), this request claims the key and runs."""
    deadline = time.monotonic() + IN_PROGRESS_WAIT_SECONDS
    pause, longest = _POLL_SECONDS
    while True:
        claim = await anyio.to_thread.run_sync(_claim, url, caller, key, request_hash, ttl)
        left = deadline - time.monotonic()
        if claim["state"] != "busy" or left <= 0:
            return claim
        await anyio.sleep(min(pause, left))
        pause = min(pause * 2, longest)
