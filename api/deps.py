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

from api.errors import Problem
from api.ratelimit import RateLimiter, retry_after_header
from api.settings import ApiSettings, get_api_settings
from studio.auth import authenticate_api_key, user_from_session_token
from studio.config import Settings, get_settings
from studio.db import Scope, get_sessionmaker

SettingsDep = Annotated[Settings, Depends(get_settings)]
ApiSettingsDep = Annotated[ApiSettings, Depends(get_api_settings)]


def get_session(settings: SettingsDep) -> Iterator[Session]:
    """A session committed when the route returns (before the response is sent), so a client
    that reads right after a 201 sees what it created."""
    session = get_sessionmaker(settings.resolved_database_url())()
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
    limiter: RateLimiter | None = getattr(request.app.state, name, None)
    if limiter is None:
        return
    wait = limiter.take(bucket)
    if wait:
        raise Problem(
            429,
            f"rate limit of {limiter.rate:g} requests/s (burst {limiter.burst}) exceeded; "
            f"retry after {retry_after_header(wait)} s",
            slug="rate-limited",
            headers={"Retry-After": retry_after_header(wait)},
        )


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
            raise Problem(
                401,
                "the API key is missing, malformed or revoked; send "
                "`Authorization: Bearer sk_…` with a key from `studio keys create`",
                slug="unauthorized",
                field="header.authorization",
                headers={"WWW-Authenticate": "Bearer"},
            )
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
        raise Problem(
            401,
            "sign in (POST /api/v1/auth/sign-in) or send `Authorization: Bearer sk_…`",
            slug="unauthorized",
            headers={"WWW-Authenticate": "Bearer"},
        )
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
        raise Problem(
            403,
            f"a signed-in request from {origin} is not allowed; add it to "
            "STUDIO_API_CORS_ORIGINS, or call the API with an API key",
            slug="forbidden-origin",
            field="header.origin",
        )


CurrentWorkspace = Annotated[Caller, Depends(get_caller)]


def get_scope(session: SessionDep, caller: CurrentWorkspace) -> Scope:
    return Scope(session, caller.workspace_id)


ScopeDep = Annotated[Scope, Depends(get_scope)]


# ids in paths: positive and within BIGINT, so a fuzzed id answers 404/422, never a 500
MAX_ID = 2**63 - 1
IdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="An id from the matching list.")]
