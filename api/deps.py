"""Dependencies every route shares: settings, a database session, the caller's workspace.

``CurrentWorkspace`` accepts an API key (``Authorization: Bearer sk_…``) or the web studio's
session cookie, charges the caller's rate-limit bucket, and names the workspace every query is
scoped to; ``ScopeDep`` is that workspace's view of the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from api.ratelimit import retry_after_header
from api.settings import ApiSettings, get_api_settings
from studio.auth import authenticate_api_key, user_from_session_token
from studio.config import Settings, get_settings
from studio.db import Scope, get_sessionmaker
from studio.errors import Forbidden, RateLimited, Unauthorized
from studio.outbox import hold
from studio.token_bucket import TokenBucket

SettingsDep = Annotated[Settings, Depends(get_settings)]
ApiSettingsDep = Annotated[ApiSettings, Depends(get_api_settings)]


def get_session(settings: SettingsDep, api: ApiSettingsDep) -> Iterator[Session]:
    """A session committed when the route returns (before the response is sent), so a client
    that reads right after a 201 sees what it created; what it saved for the workers leaves
    after that commit (unless ``dispatch_jobs`` is off: then the workers' sweep sends it)."""
    session = get_sessionmaker(settings.resolved_database_url())()
    if not api.dispatch_jobs:
        hold(session)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


@dataclass(frozen=True)
class Caller:
    """Who is calling and for which workspace."""

    workspace_id: int
    api_key_id: int | None = None
    user_id: int | None = None

    @property
    def bucket(self) -> str:
        return f"key:{self.api_key_id}" if self.api_key_id else f"user:{self.user_id}"


def charge(request: Request, bucket: str) -> None:
    """Take a token from ``bucket``; 429 with Retry-After when it is empty. Signed-in
    sellers (``user:`` buckets) draw from the web studio's larger limiter."""
    name = "session_rate_limiter" if bucket.startswith("user:") else "rate_limiter"
    limiter: TokenBucket | None = getattr(request.app.state, name, None)
    if limiter is None:
        return
    wait = limiter.take(bucket)
    if wait:
        raise RateLimited("rate_limited", rate=f"{limiter.rate:g}", burst=limiter.burst,
                          retry_after=retry_after_header(wait))


def get_caller(
    request: Request, session: SessionDep, settings: SettingsDep, api: ApiSettingsDep
) -> Caller:
    authorization = request.headers.get("authorization", "")
    cookie = request.cookies.get(api.session_cookie)
    caller: Caller | None = None
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            key = authenticate_api_key(session=session, token=token.strip())
            if key is not None:
                caller = Caller(workspace_id=key.workspace_id, api_key_id=key.id)
        if caller is None:
            charge(request, f"ip:{request.client.host if request.client else '?'}")
            raise Unauthorized("auth.missing_key", field="header.authorization")
    elif cookie:
        user = user_from_session_token(
            session=session,
            token=cookie,
            secret_key=settings.secret_key,
            max_age_seconds=api.session_max_age_seconds,
        )
        if user is not None:
            _check_origin(request, api)
            caller = Caller(workspace_id=user.workspace_id, user_id=user.id)
    if caller is None:
        charge(request, f"ip:{request.client.host if request.client else '?'}")
        raise Unauthorized("auth.signed_out")
    request.state.workspace_id = caller.workspace_id
    charge(request, caller.bucket)
    return caller


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def _check_origin(request: Request, api: ApiSettings) -> None:
    """A cookie rides along on cross-site requests; an unsafe one from a page on another
    origin (CSRF) is refused. SameSite=Lax stops most; this stops the rest."""
    origin = request.headers.get("origin")
    if request.method in SAFE_METHODS or origin is None:
        return
    own = f"{request.url.scheme}://{request.url.netloc}"
    if origin != own and origin not in api.cors_origin_list():
        raise Forbidden("auth.forbidden_origin", field="header.origin", origin=origin)


CurrentWorkspace = Annotated[Caller, Depends(get_caller)]


def get_scope(session: SessionDep, caller: CurrentWorkspace) -> Scope:
    return Scope(session, caller.workspace_id)


ScopeDep = Annotated[Scope, Depends(get_scope)]


# ids in paths: positive and within BIGINT, so a fuzzed id answers 404/422, never a 500
MAX_ID = 2**63 - 1
IdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="An id from the matching list.")]
