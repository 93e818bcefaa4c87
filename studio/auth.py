"""Who is calling: workspace API keys (for API users) and passwords + session cookies (sellers).

API keys are high-entropy random tokens, shown once at creation; only their SHA-256 is stored
(a slow hash adds nothing for 256 random bits, and every API request checks one). Passwords are
low-entropy and chosen by people, so they get argon2. A session cookie is a signed, timestamped
token naming the user and a fingerprint of their password hash: changing the password signs
every old session out.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.db import ApiKey, NotFound, Scope, User, Workspace
from studio.errors import Conflict, InvalidInput

KEY_PREFIX = "sk_"
_PREFIX_LEN = 8  # random characters shown in listings so a seller can tell keys apart
_LAST_USED_EVERY = timedelta(minutes=1)  # do not write a row on every request
_hasher = PasswordHasher()
# verified against when the email is unknown, so both paths take the same time
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
_SLUG = re.compile(r"[^a-z0-9]+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


AuthError = InvalidInput  # kept for callers that catch it: bad account input, as data


# --- workspaces ----------------------------------------------------------------------------


def create_workspace(*, session: Session, name: str, slug: str | None = None) -> Workspace:
    name = name.strip()
    if not name:
        raise InvalidInput("account.no_workspace_name", field="workspace")
    # a shop's name may be long and in any script; its slug stays short and plain
    slug = slug or _SLUG.sub("-", name.lower())[:90].strip("-") or "workspace"
    base, n = slug, 1
    while session.execute(select(Workspace.id).where(Workspace.slug == slug)).first():
        n += 1
        slug = f"{base}-{n}"
    workspace = Workspace(name=name, slug=slug)
    session.add(workspace)
    session.flush()
    return workspace


# --- API keys ------------------------------------------------------------------------------


def hash_api_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- links sent by mail (invitations, password resets) -----------------------------------


def new_link_token() -> tuple[str, str]:
    """``(token, its SHA-256)``: the token goes in the link, only the hash is stored. 256
    random bits, so a fast hash is enough (as for API keys)."""
    token = secrets.token_urlsafe(32)
    return token, hash_link_token(token)


def hash_link_token(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def create_api_key(
    *, session: Session, workspace_id: int, name: str = "", created_by_id: int | None = None
) -> tuple[ApiKey, str]:
    """A new key for the workspace. Returns the row and the token: the only time it is seen."""
    prefix = KEY_PREFIX + secrets.token_hex(_PREFIX_LEN // 2)
    token = prefix + secrets.token_urlsafe(32)
    key = ApiKey(
        name=name.strip()[:200],
        prefix=prefix,
        key_hash=hash_api_key(token),
        scopes=[],
        created_by_id=created_by_id,
    )
    Scope(session, workspace_id).add(key)
    session.flush()
    return key, token


def authenticate_api_key(*, session: Session, token: str) -> ApiKey | None:
    """The active key for ``token``, or None (unknown, malformed or revoked)."""
    if not token.startswith(KEY_PREFIX) or len(token) > 200:
        return None
    key = session.execute(
        select(ApiKey).where(ApiKey.key_hash == hash_api_key(token))
    ).scalar_one_or_none()
    if key is None or key.revoked_at is not None:
        return None
    now = datetime.now(UTC)
    if key.last_used_at is None or now - key.last_used_at > _LAST_USED_EVERY:
        key.last_used_at = now
    return key


def list_api_keys(*, session: Session, workspace_id: int) -> list[ApiKey]:
    return Scope(session, workspace_id).list(ApiKey, order_by=ApiKey.id)


def revoke_api_key(*, session: Session, workspace_id: int, key_id: int) -> ApiKey:
    """Revoke one of the workspace's keys (revoking twice is harmless)."""
    key = Scope(session, workspace_id).get(ApiKey, key_id)
    if key is None:
        raise NotFound("api_key", key_id)
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
    return key


# --- users and passwords -------------------------------------------------------------------


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise InvalidInput("account.weak_password", field="password", min=8)
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def normal_email(email: str) -> str:
    """The address as stored (trimmed, lower case); InvalidInput when it is not one."""
    email = email.strip().lower()
    if len(email) > 320 or not _EMAIL.match(email):
        raise InvalidInput("account.bad_email", field="email", email=email)
    return email


def create_user(
    *, session: Session, workspace_id: int, email: str, password: str, name: str = "",
    role: str = "owner",
) -> User:
    email = normal_email(email)
    if session.execute(select(User.id).where(User.email == email)).first():
        raise Conflict("account.email_taken", field="email", email=email)
    user = User(email=email, password_hash=hash_password(password), name=name.strip()[:200],
                role=role)
    Scope(session, workspace_id).add(user)
    session.flush()
    return user


def authenticate_user(*, session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, else None (same timing either way)."""
    user = session.execute(
        select(User).where(User.email == email.strip().lower())
    ).scalar_one_or_none()
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not user.is_active or not verify_password(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


# --- session cookies -----------------------------------------------------------------------


def _signature(secret_key: str, payload: str) -> str:
    key = hashlib.sha256(b"studio-session:" + secret_key.encode()).digest()
    return hmac.new(key, payload.encode(), "sha256").hexdigest()


def _fingerprint(user: User) -> str:
    return hmac.new(b"session", user.password_hash.encode(), "sha256").hexdigest()[:16]


def issue_session_token(user: User, *, secret_key: str, now: float | None = None) -> str:
    """``<user id>.<issued at>.<password fingerprint>.<HMAC-SHA256 of the rest>``."""
    issued = int(now if now is not None else time.time())
    payload = f"{user.id}.{issued}.{_fingerprint(user)}"
    return f"{payload}.{_signature(secret_key, payload)}"


def user_from_session_token(
    *, session: Session, token: str, secret_key: str, max_age_seconds: int,
    now: float | None = None,
) -> User | None:
    """The signed-in user, or None for a forged, expired or stale (password changed) cookie."""
    parts = token.split(".")
    if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(parts[3], _signature(secret_key, payload)):
        return None
    age = (now if now is not None else time.time()) - int(parts[1])
    if age < 0 or age > max_age_seconds:
        return None
    user = session.get(User, int(parts[0]))
    if user is None or not user.is_active or not hmac.compare_digest(parts[2], _fingerprint(user)):
        return None
    return user
