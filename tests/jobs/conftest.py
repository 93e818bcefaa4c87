"""Real worker processes for the job-system tests.

``studio_env`` points this process (and the environment handed to workers) at a temp studio
home, a database, a broker and the small ``test-clips`` generator from ``plugins/``;
``workers`` starts ``python -m studio worker`` subprocesses in their own process groups (so a
test can SIGKILL one with its ffmpeg children) and always stops them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from studio.config import get_settings
from studio.db import Product, dispose_engines, session_scope

PLUGINS = Path(__file__).parent / "plugins"
REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StudioEnv:
    home: Path
    env: dict[str, str]
    workspace_id: int = 0
    log_dir: Path = field(default_factory=Path)

    @property
    def media(self) -> Path:
        return self.home / "media"

    def products(self, count: int, *, corrupt: set[int] = frozenset(),  # type: ignore[assignment]
                 size: int = 40) -> list[int]:
        """``count`` products with a real photo each; indexes in ``corrupt`` get a broken one."""
        photos = self.home / "photos"
        photos.mkdir(exist_ok=True)
        ids = []
        with session_scope() as session:
            for n in range(count):
                photo = photos / f"product-{n}.jpg"
                if n in corrupt:
                    photo.write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg")
                else:
                    Image.new("RGB", (size, size), (20 * n % 255, 90, 200)).save(photo)
                product = Product(workspace_id=self.workspace_id, title=f"Product {n}",
                                  price=10 + n, images=[str(photo)], source="test",
                                  external_id=f"p{n}-{time.time_ns()}")
                session.add(product)
                session.flush()
                ids.append(product.id)
        return ids


def _configure(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
               extra: dict[str, str]) -> StudioEnv:
    from studio.jobs import runtime
    from studio.jobs.celery_app import reconfigure
    from studio.plugins import reset_host

    values = {
        "STUDIO_HOME": str(home),
        "STUDIO_DATABASE_URL": database_url,
        "STUDIO_MEDIA_ROOT": str(home / "media"),
        "STUDIO_PLUGINS_DIR": str(PLUGINS),
        "STUDIO_ALLOW_PRIVATE_URLS": "true",
        "STUDIO_BROKER_URL": "",
        **extra,
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    (home / "media").mkdir(parents=True, exist_ok=True)
    get_settings.cache_clear()
    dispose_engines()
    reset_host()
    runtime.prepare()
    reconfigure()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    studio = StudioEnv(home=home, env=env, log_dir=home / "logs")
    studio.log_dir.mkdir(exist_ok=True)
    studio.workspace_id = runtime.default_workspace_id()
    return studio


@pytest.fixture
def embedded_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_url: str
                 ) -> Iterator[StudioEnv]:
    """The embedded default: SQLite, the broker on local files, local storage."""
    yield _configure(monkeypatch, tmp_path / "home", sqlite_url, {})
    get_settings.cache_clear()
    dispose_engines()


class RedisServer:
    """A redis-server of the test's own on a spare port (so the test may restart it).

    ``persistent``: an append-only file, fsynced on every write (a restart keeps every
    message); without it a restart forgets everything, as a cache-configured Redis does.
    ``bind``: the address it listens on (another host's view of it, in tests/hosts)."""

    def __init__(self, folder: Path, *, persistent: bool = True, bind: str = "127.0.0.1",
                 port: int | None = None) -> None:
        self.port = port or free_port()
        self.folder = folder
        self.persistent = persistent
        self.bind = bind
        self.process: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://{self.bind}:{self.port}/0"

    def start(self) -> None:
        durability = (["--appendonly", "yes", "--appendfsync", "always"] if self.persistent
                      else ["--appendonly", "no"])
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", self.bind,
             "--dir", str(self.folder), *durability, "--save", "",
             # another host's view (tests/hosts): a bridge only this machine's namespaces see
             *(["--protected-mode", "no"] if self.bind != "127.0.0.1" else [])],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(host=self.bind, port=self.port)
        deadline = time.monotonic() + 15
        while True:
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        # wait until the append-only file is loaded, or writes are refused
        while client.info("persistence").get("loading"):
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        self.process = None

    def restart(self) -> None:
        """Down and up again on the same port (without persistence: empty)."""
        self.stop()
        self.start()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path / "redis")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def volatile_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A private redis-server without persistence: a restart loses every message."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path / "redis-volatile", persistent=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_postgres_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres_url: str,
                       redis_server: RedisServer) -> Iterator[StudioEnv]:
    """The distributed configuration: Redis broker, PostgreSQL (database + results)."""
    yield _configure(monkeypatch, tmp_path / "home", postgres_url,
                     {"STUDIO_BROKER_URL": redis_server.url})
    get_settings.cache_clear()
    dispose_engines()


@pytest.fixture
def volatile_redis_postgres_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                postgres_url: str, volatile_redis: RedisServer
                                ) -> Iterator[StudioEnv]:
    """Redis without persistence as the broker, PostgreSQL (database + results)."""
    yield _configure(monkeypatch, tmp_path / "home", postgres_url,
                     {"STUDIO_BROKER_URL": volatile_redis.url})
    get_settings.cache_clear()
    dispose_engines()


# Lost work is noticed after worker_lost_seconds (60) by a sweep every housekeeping_seconds
# (15); the tests shorten both so that a loss costs seconds, not a minute
QUICK_RECOVERY = {"STUDIO_HOUSEKEEPING_SECONDS": "2", "STUDIO_WORKER_LOST_SECONDS": "12"}


def quick_recovery(studio: StudioEnv, monkeypatch: pytest.MonkeyPatch,
                   **values: str) -> dict[str, str]:
    """Shorter housekeeping and lost thresholds for this process and the workers it starts.

    ``STUDIO_TEST_DEFAULT_RECOVERY=1`` keeps the defaults (15 s, 60 s): the same tests then
    check the two-minute promise as shipped (slower: about a minute more each)."""
    if os.environ.get("STUDIO_TEST_DEFAULT_RECOVERY") == "1":
        values = {k: v for k, v in values.items() if k not in QUICK_RECOVERY}
        for key in QUICK_RECOVERY:
            monkeypatch.delenv(key, raising=False)
            studio.env.pop(key, None)
        chosen = dict(values)
    else:
        chosen = {**QUICK_RECOVERY, **values}
    for key, value in chosen.items():
        monkeypatch.setenv(key, value)
        studio.env[key] = value
    get_settings.cache_clear()
    return chosen


class Worker:
    def __init__(self, studio: StudioEnv, concurrency: int, name: str,
                 queues: str = "render,ai,io", prefix: list[str] = ()  # type: ignore[assignment]
                 ) -> None:
        self.name = name
        self.log = studio.log_dir / f"{name}.log"
        with self.log.open("ab") as log:
            # prefix: e.g. ["ip", "netns", "exec", "host1"] to run it on another "machine"
            self.process = subprocess.Popen(
                [*prefix, sys.executable, "-m", "studio", "worker", "-c", str(concurrency),
                 "-n", f"{name}@%h", "-l", "info", "-Q", queues],
                env=studio.env, cwd=studio.home, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: kill takes ffmpeg too
            )

    @property
    def hostname(self) -> str:
        """Its Celery name, as ``/api/v1/workers`` lists it."""
        return f"{self.name}@{socket.gethostname()}"

    def signal_group(self, signum: int) -> None:
        try:
            os.killpg(self.process.pid, signum)
        except ProcessLookupError:
            pass

    def freeze(self) -> None:
        """SIGSTOP the whole group: alive but silent, as a machine cut off or swapping."""
        self.signal_group(signal.SIGSTOP)

    def thaw(self) -> None:
        self.signal_group(signal.SIGCONT)

    def kill(self) -> None:
        """SIGKILL the worker and everything it started (no chance to clean up)."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=15)

    def stop(self) -> None:
        """Warm shutdown, as an operator does: SIGTERM to the main process only (a SIGTERM
        to the whole group kills the pool under Celery's feet and its shutdown hangs)."""
        self.thaw()  # a frozen worker cannot hear SIGTERM
        if self.process.poll() is None:
            try:
                self.process.terminate()
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        self.kill()  # whatever is left in the group (nothing, normally)

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""


@pytest.fixture
def workers() -> Iterator[Callable[..., Worker]]:
    started: list[Worker] = []

    def start(studio: StudioEnv, concurrency: int = 2, name: str | None = None,
              **options: Any) -> Worker:
        worker = Worker(studio, concurrency, name or f"w{len(started) + 1}", **options)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def wait_until(predicate: Callable[[], Any], timeout: float, what: str,
               workers: list[Worker] = ()) -> Any:  # type: ignore[assignment]
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {w.log.name}\n{w.tail()}" for w in workers)
            raise AssertionError(f"timed out after {timeout}s waiting for {what}\n{logs}")
        time.sleep(0.2)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "rabbitmq: needs the local RabbitMQ server")
