"""Engines and sessions for the configured database (``STUDIO_DATABASE_URL``).

One engine per URL per process. A forked child (Celery prefork workers) must not reuse the
parent's pooled connections, so the engines are forgotten in the child right after the fork.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

_engines: dict[str, Engine] = {}
_lock = threading.Lock()

# libpq: a connection whose peer vanished (a machine cut off, a NAT that forgot it) fails
# within about a minute instead of leaving a worker waiting for an answer for hours (TCP's
# own defaults); a live but slow server answers the keepalive probes, so it never trips
POSTGRES_CONNECT_ARGS: dict[str, Any] = {
    "connect_timeout": 15, "keepalives": 1, "keepalives_idle": 30,
    "keepalives_interval": 10, "keepalives_count": 3, "tcp_user_timeout": 60_000,
}


def database_url(url: str | None = None) -> str:
    if url:
        return url
    from studio.config import get_settings

    return get_settings().resolved_database_url()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """A new engine for ``url``, with the SQLite settings a multi-process studio needs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if parsed.get_backend_name() == "postgresql":  # values the URL names win
        kwargs["connect_args"] = {**{k: v for k, v in POSTGRES_CONNECT_ARGS.items()
                                     if k not in parsed.query}, **kwargs.get("connect_args", {})}
    return create_engine(url, **kwargs)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # SQLite ignores foreign keys unless asked; WAL lets the API read while a worker writes
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    # temporary tables and sorts (an ad import's staging table) in memory, not in temp files.
    # Only here: SQLite refuses to change it inside a transaction once the connection has used
    # temporary storage, which a pooled connection in a long-running process always has
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def get_engine(url: str | None = None) -> Engine:
    """The shared engine for ``url`` (default: the settings' database)."""
    resolved = database_url(url)
    with _lock:
        engine = _engines.get(resolved)
        if engine is None:
            engine = _engines[resolved] = make_engine(resolved)
        return engine


def dispose_engines() -> None:
    """Close every pooled connection (after fork, between tests, at shutdown)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def _forget_after_fork() -> None:
    # close=False: the sockets still belong to the parent; just stop using them here
    for engine in _engines.values():
        engine.dispose(close=False)
    _engines.clear()


os.register_at_fork(after_in_child=_forget_after_fork)


def get_sessionmaker(url: str | None = None) -> sessionmaker[Session]:
    # expire_on_commit=False: objects stay readable after commit (API responses, task results)
    return sessionmaker(bind=get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits when the block succeeds and rolls back when it raises."""
    session = get_sessionmaker(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
