"""Getting a machine ready to submit or run work: database schema, result store, workspace.

Safe to call from several processes at once (the demo starts workers in parallel): a file
lock under the studio home serialises the first-time setup.
"""

from __future__ import annotations

import fcntl
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studio.config import Settings, get_settings

DEFAULT_WORKSPACE = "default"


@contextmanager
def _setup_lock(home: Path) -> Iterator[None]:
    home.mkdir(parents=True, exist_ok=True)
    with (home / ".setup.lock").open("w") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


@contextmanager
def _database_lock(url: str) -> Iterator[None]:
    """On PostgreSQL, workers on several machines starting together migrate one at a time."""
    if not url.startswith("postgresql"):
        yield
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(5050505)"))
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(5050505)"))
    finally:
        engine.dispose()


def prepare(settings: Settings | None = None) -> None:
    """Migrate the database to the latest schema and ready the embedded result store."""
    from studio.db.migrate import schema_is_current
    from studio.jobs.result_store import result_backend_url

    settings = settings or get_settings()
    with _setup_lock(Path(settings.home)), _database_lock(settings.resolved_database_url()):
        if not schema_is_current(settings.resolved_database_url()):
            from studio.db.migrate import upgrade

            upgrade(settings.resolved_database_url())
        backend = result_backend_url(settings)
        if backend.startswith("db+sqlite:///"):
            path = Path(backend.removeprefix("db+sqlite:///"))
            path.parent.mkdir(parents=True, exist_ok=True)
            # WAL is a property of the file: set once, every worker's connection gets it
            with sqlite3.connect(path) as connection:
                connection.execute("PRAGMA journal_mode=WAL")
        elif backend.startswith("db+postgresql"):
            from sqlalchemy import create_engine, text

            from studio.jobs.result_store import RESULT_SCHEMA

            engine = create_engine(backend.removeprefix("db+"))
            try:
                with engine.begin() as connection:
                    connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{RESULT_SCHEMA}"'))
            finally:
                engine.dispose()


def default_workspace_id(name: str = DEFAULT_WORKSPACE) -> int:
    """The workspace the command line works in (created on first use)."""
    from studio.db import session_scope
    from studio.services.accounts import workspace_by_slug

    settings = get_settings()
    with _setup_lock(Path(settings.home)), session_scope() as session:
        return workspace_by_slug(session, name)
