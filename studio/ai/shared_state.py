"""Where the providers' circuit breakers and rate limiters keep their state.

A provider's health and its request budget belong to the studio, not to one worker process:
when four workers share an OpenAI account, the fifth failure in a row is the fifth whoever
saw the first four, and 60 requests a minute is 60 for all of them. So the state lives where
every process can see it:

- **redis** — when the broker is Redis (the distributed setup): one JSON value per provider,
  read-modify-written in an optimistic transaction (WATCH/MULTI), so machines share it too.
- **file** — with the embedded default (SQLite database, broker on local files), where every
  worker runs on the machine that holds the studio home: a small SQLite file next to the
  database, ``<home>/ai-guards.sqlite`` (not the studio's database: nothing to migrate), each
  change in one ``BEGIN IMMEDIATE`` transaction.
- **process** — otherwise (PostgreSQL with a non-Redis broker), or when
  ``STUDIO_AI_GUARD_STATE=process``: each process keeps its own, as before.

``STUDIO_AI_GUARD_STATE`` = ``auto`` (default) | ``redis`` | ``file`` | ``process``. If the
shared store cannot be reached, the call goes on with this process's own state (logged once):
a broken Redis must not stop every provider call.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
State = dict[str, Any]
log = logging.getLogger("studio.ai")

# a provider's state nobody touched for a day is stale (a closed breaker, a full bucket)
REDIS_TTL_SECONDS = 86_400
# how long a worker waits for another one that is setting up the shared file at that moment
OPEN_PATIENCE_SECONDS = 5.0


class StateStore(Protocol):
    @property
    def where(self) -> str:
        """For messages and health checks: "this process", a file, a Redis URL."""
        ...

    def update(self, key: str, change: Callable[[State], T]) -> T:
        """Run ``change`` on the key's state (a dict it may modify) atomically across every
        process sharing the store; returns what ``change`` returns. ``change`` may run more
        than once (a concurrent writer won), so it must not have side effects."""
        ...

    def read(self, key: str) -> State:
        """A copy of the key's state ({} when there is none)."""
        ...


class ProcessStore:
    """This process only (threads share it)."""

    where = "this process"

    def __init__(self) -> None:
        self._states: dict[str, State] = {}
        self._lock = threading.Lock()

    def update(self, key: str, change: Callable[[State], T]) -> T:
        with self._lock:
            return change(self._states.setdefault(key, {}))

    def read(self, key: str) -> State:
        with self._lock:
            return copy.deepcopy(self._states.get(key, {}))


class _Fallback:
    """Shared first; this process's own state while the shared store is unreachable."""

    def __init__(self) -> None:
        self._local = ProcessStore()
        self._warned = False

    def _fall_back(self, where: str, exc: Exception) -> ProcessStore:
        if not self._warned:
            self._warned = True
            log.warning("provider guard state at %s is unreachable (%s); this process keeps "
                        "its own until it is back", where, exc)
        return self._local


class FileStore(_Fallback):
    """A SQLite file every process on this machine opens (WAL: readers never wait)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.where = str(self.path)
        self._connections = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._connections, "value", None)
        if connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = self._open()
            self._connections.value = connection
        return connection

    def _open(self) -> sqlite3.Connection:
        # Two workers opening a new file at once: switching it to WAL answers "database is
        # locked" at once, without waiting for the other (SQLite's busy timeout does not cover
        # that step). Falling back to this process's own state would give each worker its
        # own budget, so that moment is waited out.
        deadline = time.monotonic() + OPEN_PATIENCE_SECONDS
        while True:
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")  # losing the last change: ok
                connection.execute("CREATE TABLE IF NOT EXISTS guard_state "
                                   "(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                return connection
            except sqlite3.OperationalError as exc:
                connection.close()
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def update(self, key: str, change: Callable[[State], T]) -> T:
        try:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")  # the write lock first: no lost updates
            try:
                row = db.execute("SELECT value FROM guard_state WHERE key = ?", (key,)).fetchone()
                before = row[0] if row else "{}"
                state: State = json.loads(before)
                result = change(state)
                after = json.dumps(state, sort_keys=True)
                if after != before:
                    db.execute("INSERT OR REPLACE INTO guard_state (key, value) VALUES (?, ?)",
                               (key, after))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return result
        except sqlite3.Error as exc:
            return self._fall_back(self.where, exc).update(key, change)

    def read(self, key: str) -> State:
        try:
            row = self._connection().execute(
                "SELECT value FROM guard_state WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            return self._fall_back(self.where, exc).read(key)
        return dict(json.loads(row[0])) if row else {}


class RedisStore(_Fallback):
    """One JSON value per key on Redis, changed in a WATCH/MULTI transaction."""

    def __init__(self, url: str, *, prefix: str = "studio:ai-guard:") -> None:
        super().__init__()
        import redis

        self._client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self._prefix = prefix
        self._errors: tuple[type[Exception], ...] = (redis.RedisError,)
        self._watch_error = redis.WatchError
        self.where = _without_password(url)

    def update(self, key: str, change: Callable[[State], T]) -> T:
        name = self._prefix + key
        try:
            with self._client.pipeline() as pipe:
                while True:
                    try:
                        pipe.watch(name)
                        raw = pipe.get(name)
                        before = raw.decode() if isinstance(raw, bytes) else "{}"
                        state: State = json.loads(before)
                        result = change(state)
                        after = json.dumps(state, sort_keys=True)
                        if after == before:
                            pipe.unwatch()
                            return result
                        pipe.multi()
                        pipe.set(name, after, ex=REDIS_TTL_SECONDS)
                        pipe.execute()
                        return result
                    except self._watch_error:
                        continue  # another process changed it first: read it again
        except self._errors as exc:
            return self._fall_back(self.where, exc).update(key, change)

    def read(self, key: str) -> State:
        try:
            raw = self._client.get(self._prefix + key)
        except self._errors as exc:
            return self._fall_back(self.where, exc).read(key)
        return dict(json.loads(raw)) if isinstance(raw, bytes) else {}


def _without_password(url: str) -> str:
    # the same rendering `studio db` uses for database URLs
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def choose_store() -> StateStore:
    """The store for this process's settings (see the module docstring)."""
    from studio.config import get_settings

    mode = os.environ.get("STUDIO_AI_GUARD_STATE", "auto").strip().lower() or "auto"
    if mode not in ("auto", "redis", "file", "process"):
        raise ValueError(f"STUDIO_AI_GUARD_STATE={mode!r}: use auto, redis, file or process")
    if mode == "process":
        return ProcessStore()
    settings = get_settings()
    broker = settings.resolved_broker_url()
    if mode == "redis" or (mode == "auto" and broker.startswith(("redis://", "rediss://"))):
        if not broker.startswith(("redis://", "rediss://")):
            raise ValueError("STUDIO_AI_GUARD_STATE=redis needs a Redis broker "
                             "(STUDIO_BROKER_URL=redis://…)")
        return RedisStore(broker)
    database = settings.resolved_database_url()
    if mode == "file" or database.startswith("sqlite"):
        # the embedded setup: every worker runs where the studio home is
        return FileStore(Path(settings.home) / "ai-guards.sqlite")
    return ProcessStore()


class SettingsStore:
    """The store the current settings choose, looked up at every use: a guard made once per
    process follows a changed home or broker (tests, a reconfigured worker)."""

    @property
    def where(self) -> str:
        return default_store().where

    def update(self, key: str, change: Callable[[State], T]) -> T:
        return default_store().update(key, change)

    def read(self, key: str) -> State:
        return default_store().read(key)


_stores: dict[tuple[str, ...], StateStore] = {}
_stores_lock = threading.Lock()


def default_store() -> StateStore:
    """The store for the current settings, one per distinct configuration per process."""
    from studio.config import get_settings

    settings = get_settings()
    key = (os.environ.get("STUDIO_AI_GUARD_STATE", ""), settings.resolved_broker_url(),
           settings.resolved_database_url(), str(settings.home))
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = _stores[key] = choose_store()
        return store


def reset_store() -> None:
    """Forget the stores made so far (their shared state stays where it is)."""
    with _stores_lock:
        _stores.clear()
