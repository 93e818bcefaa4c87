"""The one store for state that every process of the studio shares.

A provider's health and request budget belong to the studio, not to one worker: when four
workers share an OpenAI account, the fifth failure in a row is the fifth whoever saw the
first four, and 60 requests a minute is 60 for all of them. The same goes for the API's rate
limit of one key across several API processes. So that state lives where every process sees
it:

- **redis** — when the broker is Redis (the distributed setup): one JSON value per key,
  read-modify-written in an optimistic transaction (WATCH/MULTI), so machines share it too;
  a change that has a Lua twin (:class:`Script`, the token bucket's) runs on the server in
  one round trip instead.
- **file** — with the embedded default (SQLite database, broker on local files), where every
  worker runs on the machine that holds the studio home: a small SQLite file next to the
  database, ``<home>/shared-state.sqlite`` (not the studio's database: nothing to migrate),
  each change in one ``BEGIN IMMEDIATE`` transaction.
- **process** — otherwise (PostgreSQL with a non-Redis broker): each process keeps its own.

The setting ``STUDIO_SHARED_STATE`` = ``auto`` (default) | ``redis`` | ``file`` | ``process``
chooses; ``STUDIO_AI_GUARD_STATE``, its name from before the API used the store too, is still
read. The API's rate limits pick their store from the API settings (:func:`open_store`).

One fallback for every shared store (:class:`SharedStore`): when it fails, this process uses
its own state for :data:`RETRY_SHARED_AFTER` seconds (logged once per outage) and then tries
the shared store again — one caller tries, the others stay local meanwhile. Never on every
call: a Redis that does not answer would otherwise cost its socket timeout on every request.
"""

from __future__ import annotations

import copy
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar
from urllib.parse import urlsplit, urlunsplit

from studio.config import get_settings

T = TypeVar("T")
State = dict[str, Any]
log = logging.getLogger("studio.shared_state")

# a state nobody changed for a day is stale (a closed breaker, a full bucket)
DEFAULT_TTL = 86_400.0
# how long a worker waits for another one that is setting up the shared file at that moment
OPEN_PATIENCE_SECONDS = 5.0
# seconds on this process's own state after the shared store failed, before trying it again
RETRY_SHARED_AFTER = 5.0
# the Redis key prefix of the workers' store: the one the AI guards used before the store was
# shared, so an upgrade keeps a provider's breaker and budget
REDIS_PREFIX = "studio:ai-guard:"
MODES = ("auto", "redis", "file", "process")


@dataclass(frozen=True)
class Script(Generic[T]):
    """The same change as a Python ``change``, in Lua, for a store that can run it itself
    (Redis): KEYS[1] is the key, ARGV ``args`` then the time to live in milliseconds; the
    script reads and writes the key's JSON value (``cjson``) and sets that expiry. ``parse``
    turns its reply into what ``change`` returns."""

    source: str
    args: tuple[float | int | str, ...]
    parse: Callable[[Any], T]


class StateStore(Protocol):
    @property
    def where(self) -> str:
        """For messages and health checks: "this process", a file, a Redis URL."""
        ...

    def update(self, key: str, change: Callable[[State], T], *, ttl: float = DEFAULT_TTL,
               script: Script[T] | None = None) -> T:
        """Run ``change`` on the key's state (a dict it may modify) atomically across every
        process sharing the store; returns what ``change`` returns. ``change`` may run more
        than once (a concurrent writer won), so it must not have side effects. A state not
        changed for ``ttl`` seconds may be forgotten. A store that can run ``script`` runs it
        instead of ``change``."""
        ...

    def read(self, key: str) -> State:
        """A copy of the key's state ({} when there is none)."""
        ...


class ProcessStore:
    """This process only (threads share it)."""

    where = "this process"
    PRUNE_ABOVE = 100_000  # keys; then forgotten states are dropped (API callers by address)

    def __init__(self) -> None:
        self._states: dict[str, tuple[float, State]] = {}  # key -> (expires, state)
        self._lock = threading.Lock()
        self._prune_above = self.PRUNE_ABOVE

    def update(self, key: str, change: Callable[[State], T], *, ttl: float = DEFAULT_TTL,
               script: Script[T] | None = None) -> T:
        now = time.monotonic()
        with self._lock:
            saved = self._states.get(key)
            state = saved[1] if saved is not None and saved[0] > now else {}
            result = change(state)
            self._states[key] = (now + ttl, state)
            if saved is None and len(self._states) > self._prune_above:
                self._prune(now)
            return result

    def read(self, key: str) -> State:
        with self._lock:
            saved = self._states.get(key)
            if saved is None or saved[0] <= time.monotonic():
                return {}
            return copy.deepcopy(saved[1])

    def _prune(self, now: float) -> None:
        for key in [k for k, (expires, _) in self._states.items() if expires <= now]:
            del self._states[key]
        # all still live: prune again only at twice as many (not at every new key)
        self._prune_above = max(self.PRUNE_ABOVE, 2 * len(self._states))


class FileStore:
    """A SQLite file every process on this machine opens (WAL: readers never wait). Raises
    :class:`sqlite3.Error` when the file cannot be used (:class:`SharedStore` falls back)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.where = str(self.path)
        self.errors: tuple[type[Exception], ...] = (sqlite3.Error, OSError)
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
                connection.execute("CREATE TABLE IF NOT EXISTS shared_state (key TEXT PRIMARY "
                                   "KEY, value TEXT NOT NULL, expires REAL NOT NULL)")
                connection.execute("DELETE FROM shared_state WHERE expires < ?", (time.time(),))
                return connection
            except sqlite3.OperationalError as exc:
                connection.close()
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def update(self, key: str, change: Callable[[State], T], *, ttl: float = DEFAULT_TTL,
               script: Script[T] | None = None) -> T:
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")  # the write lock first: no lost updates
        try:
            now = time.time()
            row = db.execute("SELECT value FROM shared_state WHERE key = ? AND expires >= ?",
                             (key, now)).fetchone()
            before = row[0] if row else "{}"
            state: State = json.loads(before)
            result = change(state)
            after = json.dumps(state, sort_keys=True)
            if after != before:
                db.execute("INSERT OR REPLACE INTO shared_state (key, value, expires) "
                           "VALUES (?, ?, ?)", (key, after, now + ttl))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return result

    def read(self, key: str) -> State:
        row = self._connection().execute(
            "SELECT value FROM shared_state WHERE key = ? AND expires >= ?",
            (key, time.time())).fetchone()
        return dict(json.loads(row[0])) if row else {}


class RedisStore:
    """One JSON value per key on Redis, changed in a WATCH/MULTI transaction (or by the
    change's :class:`Script`). Raises :class:`redis.RedisError` when Redis fails."""

    def __init__(self, url: str, *, prefix: str = REDIS_PREFIX,
                 socket_timeout: float = 5.0) -> None:
        import redis

        self._client = redis.Redis.from_url(url, socket_timeout=socket_timeout,
                                            socket_connect_timeout=socket_timeout)
        self._prefix = prefix
        self.errors: tuple[type[Exception], ...] = (redis.RedisError,)
        self._watch_error = redis.WatchError
        self._scripts: dict[str, Any] = {}  # Lua source -> registered script (EVALSHA)
        self.where = without_password(url)

    def update(self, key: str, change: Callable[[State], T], *, ttl: float = DEFAULT_TTL,
               script: Script[T] | None = None) -> T:
        name = self._prefix + key
        if script is not None:
            registered = self._scripts.get(script.source)
            if registered is None:
                registered = self._scripts[script.source] = \
                    self._client.register_script(script.source)
            return script.parse(registered(keys=[name],
                                           args=[*script.args, max(1, round(ttl * 1000))]))
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
                    pipe.set(name, after, px=max(1, round(ttl * 1000)))
                    pipe.execute()
                    return result
                except self._watch_error:
                    continue  # another process changed it first: read it again

    def read(self, key: str) -> State:
        raw = self._client.get(self._prefix + key)
        return dict(json.loads(raw)) if isinstance(raw, bytes) else {}


class Backend(StateStore, Protocol):
    """A store that raises ``errors`` when it cannot be reached (FileStore, RedisStore)."""

    errors: tuple[type[Exception], ...]


class SharedStore:
    """A shared backend with the studio's one fallback (see the module docstring)."""

    def __init__(self, backend: Backend, *, retry_after: float = RETRY_SHARED_AFTER,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.backend = backend
        self.where = backend.where
        self.retry_after = retry_after
        self._clock = clock
        self._local = ProcessStore()
        self._lock = threading.Lock()
        self._down_until: float | None = None  # None: the shared store is in use

    def _use_local(self) -> bool:
        if self._down_until is None:  # the common case, without the lock
            return False
        with self._lock:
            if self._down_until is None:
                return False
            now = self._clock()
            if now < self._down_until:
                return True
            # this caller tries the shared store again; the others stay local meanwhile
            self._down_until = now + self.retry_after
            return False

    def _failed(self, exc: Exception) -> None:
        with self._lock:
            if self._down_until is None:  # a new outage, not the retry of a known one
                log.warning("shared state at %s is unreachable (%s); this process keeps its "
                            "own and tries again every %.0f s", self.where, exc,
                            self.retry_after)
            self._down_until = self._clock() + self.retry_after

    def _answered(self) -> None:
        if self._down_until is not None:
            with self._lock:
                if self._down_until is not None:
                    self._down_until = None
                    log.info("shared state at %s is back", self.where)

    def update(self, key: str, change: Callable[[State], T], *, ttl: float = DEFAULT_TTL,
               script: Script[T] | None = None) -> T:
        if not self._use_local():
            try:
                result = self.backend.update(key, change, ttl=ttl, script=script)
            except self.backend.errors as exc:
                self._failed(exc)
            else:
                self._answered()
                return result
        return self._local.update(key, change, ttl=ttl)

    def read(self, key: str) -> State:
        if not self._use_local():
            try:
                state = self.backend.read(key)
            except self.backend.errors as exc:
                self._failed(exc)
            else:
                self._answered()
                return state
        return self._local.read(key)


def without_password(url: str) -> str:
    """``url`` for messages: a password shown as ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def is_redis_url(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("redis://", "rediss://"))


def open_store(redis_url: str | None, *, prefix: str = REDIS_PREFIX,
               socket_timeout: float = 5.0) -> StateStore:
    """Redis at ``redis_url`` (with the fallback), or this process's own when there is none."""
    if redis_url and is_redis_url(redis_url):
        return SharedStore(RedisStore(redis_url, prefix=prefix, socket_timeout=socket_timeout))
    return ProcessStore()


def choose_store() -> StateStore:
    """The store the settings choose (see the module docstring)."""
    settings = get_settings()
    mode = settings.shared_state.strip().lower() or "auto"
    if mode not in MODES:
        raise ValueError(f"STUDIO_SHARED_STATE={mode!r}: use auto, redis, file or process")
    if mode == "process":
        return ProcessStore()
    broker = settings.resolved_broker_url()
    if mode == "redis" or (mode == "auto" and is_redis_url(broker)):
        if not is_redis_url(broker):
            raise ValueError("STUDIO_SHARED_STATE=redis needs a Redis broker "
                             "(STUDIO_BROKER_URL=redis://…)")
        return open_store(broker)
    if mode == "file" or settings.resolved_database_url().startswith("sqlite"):
        # the embedded setup: every worker runs where the studio home is
        return SharedStore(FileStore(Path(settings.home) / "shared-state.sqlite"))
    return ProcessStore()


class SettingsStore:
    """The store the current settings choose, looked up at every use: a guard made once per
    process follows a changed home or broker (tests, a reconfigured worker)."""

    @property
    def where(self) -> str:
        return default_store().where

    def update(self, key: str, change: Callable[[State], T], *, ttl: float = DEFAULT_TTL,
               script: Script[T] | None = None) -> T:
        return default_store().update(key, change, ttl=ttl, script=script)

    def read(self, key: str) -> State:
        return default_store().read(key)


_stores: dict[tuple[str, ...], StateStore] = {}
_stores_lock = threading.Lock()


def default_store() -> StateStore:
    """The store for the current settings, one per distinct configuration per process."""
    settings = get_settings()
    key = (settings.shared_state, settings.resolved_broker_url(),
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
