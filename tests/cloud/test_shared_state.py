"""The one shared-state store: which store the setting chooses, and its one fallback — this
process's own state for a few seconds when the shared store fails, then the shared one again."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from studio.config import get_settings
from studio.shared_state import (
    DEFAULT_TTL,
    FileStore,
    ProcessStore,
    RedisStore,
    Script,
    SharedStore,
    State,
    choose_store,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Flaky:
    """A shared backend that can go down; counts how often it is asked."""

    where = "flaky://shared"
    errors: tuple[type[Exception], ...] = (ConnectionError,)

    def __init__(self) -> None:
        self.shared = ProcessStore()
        self.down = False
        self.calls = 0

    def update(self, key: str, change: Callable[[State], Any], *, ttl: float = DEFAULT_TTL,
               script: Script[Any] | None = None) -> Any:
        self.calls += 1
        if self.down:
            raise ConnectionError("connection refused")
        return self.shared.update(key, change, ttl=ttl)

    def read(self, key: str) -> State:
        self.calls += 1
        if self.down:
            raise ConnectionError("connection refused")
        return self.shared.read(key)


def count(state: State) -> int:
    state["n"] = state.get("n", 0) + 1
    return int(state["n"])


def test_an_outage_falls_back_for_a_pause_then_returns_to_the_shared_store(
        caplog: pytest.LogCaptureFixture) -> None:
    clock, backend = Clock(), Flaky()
    store = SharedStore(backend, retry_after=5.0, clock=clock)
    assert [store.update("k", count) for _ in range(2)] == [1, 2]  # shared

    backend.down = True
    assert store.update("k", count) == 1  # this process's own state from here
    asked = backend.calls
    assert [store.update("k", count) for _ in range(3)] == [2, 3, 4]
    assert store.read("k") == {"n": 4}
    assert backend.calls == asked  # not asked again during the pause

    clock.now += 5.0  # the pause is over: asked once, still down, another pause
    assert store.update("k", count) == 5
    assert store.update("k", count) == 6
    assert backend.calls == asked + 1

    backend.down = False
    clock.now += 5.0
    assert store.update("k", count) == 3  # the shared state again, as it was left
    assert store.read("k") == {"n": 3}
    warnings = [r.getMessage() for r in caplog.records
                if r.levelno == logging.WARNING and "unreachable" in r.getMessage()]
    assert warnings == ["shared state at flaky://shared is unreachable (connection refused); "
                        "this process keeps its own and tries again every 5 s"]

    backend.down = True  # a second outage is logged again
    store.update("k", count)
    assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 2


@pytest.fixture
def silent_redis() -> Iterator[str]:
    """A port that accepts connections and never answers: a Redis that hangs."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join(timeout=5)
    for connection in accepted:
        connection.close()
    server.close()


def test_a_hanging_redis_costs_its_timeout_once_per_pause_not_per_call(
        silent_redis: str) -> None:
    store = SharedStore(RedisStore(silent_redis, socket_timeout=0.3))
    started = time.monotonic()
    assert [store.update("k", count) for _ in range(20)] == list(range(1, 21))
    assert time.monotonic() - started < 1.0  # one timeout (0.3 s), not twenty (6 s)


def test_the_setting_and_its_old_name_choose_the_store(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("STUDIO_DATABASE_URL", "postgresql://db/studio")
    monkeypatch.delenv("STUDIO_SHARED_STATE", raising=False)
    monkeypatch.setenv("STUDIO_AI_GUARD_STATE", "file")  # the name before the store was shared
    get_settings.cache_clear()
    try:
        store = choose_store()
        assert isinstance(store, SharedStore) and isinstance(store.backend, FileStore)
        assert store.where == str(tmp_path / "home" / "shared-state.sqlite")
        monkeypatch.setenv("STUDIO_SHARED_STATE", "process")  # the new name wins
        get_settings.cache_clear()
        assert isinstance(choose_store(), ProcessStore)
        monkeypatch.setenv("STUDIO_SHARED_STATE", "auto")  # PostgreSQL, no Redis: per process
        get_settings.cache_clear()
        assert isinstance(choose_store(), ProcessStore)
        monkeypatch.setenv("STUDIO_SHARED_STATE", "shared")
        get_settings.cache_clear()
        with pytest.raises(ValueError, match="use auto, redis, file or process"):
            choose_store()
    finally:
        get_settings.cache_clear()


def test_a_state_not_changed_for_its_ttl_is_forgotten(tmp_path: Path) -> None:
    for store in (ProcessStore(), FileStore(tmp_path / "state.sqlite")):
        store.update("short", count, ttl=0.05)
        store.update("long", count)
        time.sleep(0.1)
        assert store.read("short") == {} and store.update("short", count) == 1
        assert store.read("long") == {"n": 1}
