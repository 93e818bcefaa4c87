"""Shared database and settings fixtures for every test folder.

- ``sqlite_url``: a fresh SQLite file per test, already at the latest migration.
- ``postgres_url``: one PostgreSQL database per test session (``studio_test_<pid>_<hex>`` on
  127.0.0.1:5432, migrated once, dropped at the end), emptied before each test.
  Without a server the tests skip, unless ``CI`` is set: then they fail. Another server:
  ``STUDIO_TEST_POSTGRES_URL`` (an admin URL allowed to CREATE/DROP DATABASE).
- ``db_url``: both of the above (ids ``sqlite`` and ``postgres``); ``session``: a session on it.
- ``studio_home``: ``get_settings()`` pointed at a temp home with an empty SQLite database;
  ``studio_home_db``: the same with the database from ``db_url``.
- ``recorded_tools``: the studio's ffmpeg (and its ffprobe) a wrapper that logs every call.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from studio.config import Settings, get_settings
from studio.db import Base, dispose_engines, get_engine, get_sessionmaker, make_engine
from studio.db.migrate import upgrade

POSTGRES_ADMIN_URL = os.environ.get(
    "STUDIO_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """The one browser of the whole run: Playwright's sync API allows one at a time, so every
    folder's browser tests share it (a second, started by another folder, would fail)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _migrated_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # migrate once, copy per test: a copy costs a millisecond, a migration run much more
    path = tmp_path_factory.mktemp("sqlite-template") / "studio.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, _migrated_sqlite_file: Path) -> Iterator[str]:
    path = tmp_path / "db" / "studio.db"
    path.parent.mkdir()
    shutil.copyfile(_migrated_sqlite_file, path)
    yield f"sqlite:///{path}"
    dispose_engines()


def _postgres_unavailable(reason: str) -> None:
    message = f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {reason}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so the PostgreSQL tests must run)", pytrace=False)
    pytest.skip(message)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _drop_leftovers(connection: Connection) -> None:
    """Drop test databases of test runs that were killed before they could clean up."""
    names = connection.execute(
        text("SELECT datname FROM pg_database WHERE datname LIKE 'studio\\_test\\_%'")
    ).scalars()
    for name in list(names):
        pid = name.split("_")[-2]
        if pid.isdigit() and not _pid_alive(int(pid)):
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def _postgres_database() -> Iterator[str]:
    admin = make_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("select 1"))
    except OperationalError as exc:
        admin.dispose()
        _postgres_unavailable(str(exc.orig).strip().splitlines()[0])
    name = f"studio_test_{os.getpid()}_{secrets.token_hex(4)}"
    with admin.connect() as connection:
        _drop_leftovers(connection)
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        dispose_engines()
        with admin.connect() as connection:
            # FORCE: a worker process a test started may still hold a connection
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _empty_all_tables(url: str) -> None:
    # DELETE, not TRUNCATE: on a handful of rows it is ~15x faster (TRUNCATE swaps files);
    # ids keep counting up between tests, which no test may rely on anyway
    with get_engine(url).begin() as connection:
        # a session a previous test left open would block forever; fail with a reason instead
        connection.execute(text("SET LOCAL lock_timeout = '10s'"))
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def postgres_url(_postgres_database: str) -> Iterator[str]:
    _empty_all_tables(_postgres_database)
    yield _postgres_database
    dispose_engines()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    session = get_sessionmaker(db_url)()
    try:
        yield session
    finally:
        session.close()


def _point_settings_at(
    monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str
) -> Iterator[Settings]:
    monkeypatch.setenv("STUDIO_HOME", str(home))
    monkeypatch.setenv("STUDIO_DATABASE_URL", database_url)
    monkeypatch.setenv("STUDIO_MEDIA_ROOT", str(home / "media"))
    (home / "media").mkdir(parents=True, exist_ok=True)
    get_settings.cache_clear()
    dispose_engines()
    _celery_follows_the_settings()
    try:
        yield get_settings()
    finally:
        get_settings.cache_clear()
        dispose_engines()
        _celery_follows_the_settings()


def _celery_follows_the_settings() -> None:
    """The Celery app is configured once per process: an earlier test's database (its result
    backend) must not be this test's (tests share a process in any order)."""
    import sys

    if "studio.jobs.celery_app" in sys.modules:
        sys.modules["studio.jobs.celery_app"].reconfigure()


@pytest.fixture
def studio_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Settings on a temp home whose SQLite database is still empty (not migrated)."""
    home = tmp_path / "home"
    yield from _point_settings_at(monkeypatch, home, f"sqlite:///{home / 'studio.db'}")


@pytest.fixture
def studio_home_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> Iterator[Settings]:
    """Settings on a temp home using the migrated ``db_url`` database (SQLite and PostgreSQL)."""
    yield from _point_settings_at(monkeypatch, tmp_path / "home", db_url)


# --- a local S3-compatible server (moto in server mode on loopback) -------------------------


def _free_s3_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    # boto3 insists on credentials; these are for the local fake server only
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    port = _free_s3_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint: str) -> str:
    import uuid

    import boto3

    name = f"studio-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_endpoint).create_bucket(Bucket=name)
    return name


@pytest.fixture
def recorded_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """STUDIO_FFMPEG_BINARY pointing at a wrapper that logs each call, then runs the real
    ffmpeg; its ffprobe is the wrapper beside it (a configured build's own ffprobe). Returns
    the log."""
    log = tmp_path / "calls.log"
    folder = tmp_path / "build"
    folder.mkdir()
    for tool in ("ffmpeg", "ffprobe"):
        real = subprocess.run(["which", tool], capture_output=True, text=True,
                              check=True).stdout.strip()
        wrapper = folder / tool
        wrapper.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{log}"\nexec "{real}" "$@"\n')
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("STUDIO_FFMPEG_BINARY", str(folder / "ffmpeg"))
    monkeypatch.delenv("STUDIO_FFPROBE_BINARY", raising=False)
    get_settings.cache_clear()
    yield log
    get_settings.cache_clear()
