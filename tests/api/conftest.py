"""An app on a fresh migrated database, and workspaces with API keys to call it with.

Settings go through the environment as well as into ``create_app``: the services the API
calls (jobs, storage) read ``get_settings()`` themselves and must see the same database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from studio.auth import create_api_key, create_workspace
from studio.config import Settings, get_settings
from studio.db import dispose_engines, session_scope


@dataclass
class Tenant:
    workspace_id: int
    key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@pytest.fixture
def settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Settings]:
    """SQLite by default; ``@pytest.mark.parametrize("settings", ["postgres"], indirect=True)``
    runs a test on PostgreSQL (skipped when the server is not there)."""
    database = getattr(request, "param", "sqlite")
    url = str(request.getfixturevalue(f"{database}_url"))
    home = tmp_path / "home"
    (tmp_path / "media").mkdir()
    monkeypatch.setenv("STUDIO_HOME", str(home))
    monkeypatch.setenv("STUDIO_DATABASE_URL", url)
    monkeypatch.setenv("STUDIO_MEDIA_ROOT", str(tmp_path / "media"))
    monkeypatch.setenv("STUDIO_SECRET_KEY", "test-secret")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()
    dispose_engines()


@pytest.fixture
def api_settings() -> ApiSettings:
    # generous limits (only the rate-limit tests tighten them); no workers in these tests
    return ApiSettings(
        rate_limit_per_second=1000, rate_limit_burst=1000, secure_cookies=False,
        dispatch_jobs=False, sse_poll_seconds=0.05,
    )


@pytest.fixture
def app(settings: Settings, api_settings: ApiSettings):
    return create_app(settings, api_settings)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def make_tenant(settings: Settings, name: str) -> Tenant:
    with session_scope(settings.resolved_database_url()) as session:
        workspace = create_workspace(session=session, name=name)
        _, token = create_api_key(session=session, workspace_id=workspace.id, name="tests")
        return Tenant(workspace_id=workspace.id, key=token)


@pytest.fixture
def tenant(settings: Settings) -> Tenant:
    return make_tenant(settings, "Acme Shop")


@pytest.fixture
def other_tenant(settings: Settings) -> Tenant:
    return make_tenant(settings, "Other Shop")


@pytest.fixture
def new_tenant(settings: Settings):
    """Make another workspace with its own key: ``new_tenant("Name")``."""
    return lambda name: make_tenant(settings, name)


@pytest.fixture
def make_video(settings: Settings):
    """A finished video in a workspace, with its MP4 and poster in storage (what a worker
    leaves behind), for the routes that read videos."""
    from studio.db import Product, Video
    from studio.storage import open_storage

    counter = iter(range(1, 10_000))

    def make(tenant: Tenant, *, status: str = "succeeded", group: str | None = None,
             batch_id: int | None = None, product_id: int | None = None) -> int:
        n = next(counter)
        code = f"T{tenant.workspace_id}V{n:04d}"
        storage = open_storage(settings.resolved_storage_url())
        stem = f"videos/{tenant.workspace_id}/{code}"
        work = Path(settings.home) / "fixture"
        work.mkdir(parents=True, exist_ok=True)
        (work / "v.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + code.encode())
        (work / "p.jpg").write_bytes(b"\xff\xd8\xff\xe0" + code.encode())
        storage.put_file(f"{stem}.mp4", work / "v.mp4")
        storage.put_file(f"{stem}.jpg", work / "p.jpg")
        with session_scope(settings.resolved_database_url()) as session:
            if product_id is None:
                product = Product(workspace_id=tenant.workspace_id, title=f"Mug {n}",
                                  price=Decimal("12.50"), category="kitchen")
                session.add(product)
                session.flush()
                product_id = product.id
            from studio.services.requests import VideoRequest, request_key, template_version

            version = template_version(session, "showcase")
            key = request_key(tenant.workspace_id,
                              VideoRequest(product_id=product_id, template_id="showcase"),
                              version)
            video = Video(
                idempotency_key=key if group is None else None,
                workspace_id=tenant.workspace_id, creative_code=code, product_id=product_id,
                template_id="showcase", template_version=version, format="9:16",
                status=status, progress=1.0 if status == "succeeded" else 0.0,
                storage_key=f"{stem}.mp4" if status == "succeeded" else None,
                poster_key=f"{stem}.jpg" if status == "succeeded" else None,
                candidate_group=group, batch_id=batch_id, duration=15.0,
                width=1080, height=1920,
            )
            session.add(video)
            session.flush()
            return video.id

    return make


@pytest.fixture
def render_worker(settings: Settings, tmp_path: Path) -> Iterator[None]:
    """A real ``studio worker`` process on this test's database and media: what previews
    and imports run on (the API never renders inside a request)."""
    env = {**os.environ, "STUDIO_HOME": str(settings.home),
           "STUDIO_DATABASE_URL": settings.resolved_database_url(),
           "STUDIO_MEDIA_ROOT": str(settings.media_root), "STUDIO_SECRET_KEY": "test-secret"}
    log = tmp_path / "worker.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "studio", "worker", "-c", "1", "-n", "api-tests@%h"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def live_client(settings: Settings, render_worker: None) -> Iterator[TestClient]:
    """The API sending work to a running worker (``dispatch_jobs`` on)."""
    app = create_app(settings, ApiSettings(
        rate_limit_per_second=1000, rate_limit_burst=1000, secure_cookies=False,
        dispatch_jobs=True, sse_poll_seconds=0.05, preview_wait_seconds=60))
    with TestClient(app) as test_client:
        yield test_client


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def studio_env() -> dict[str, str]:
    """Extra settings for `studio serve` (a test module overrides this fixture)."""
    return {}


@pytest.fixture
def studio(tmp_path, sqlite_url, studio_env):
    """`studio serve` with its embedded worker, on a fresh home; yields (base URL, key)."""
    home = tmp_path / "home"
    env = {
        **os.environ,
        "STUDIO_HOME": str(home), "STUDIO_DATABASE_URL": sqlite_url,
        "STUDIO_MEDIA_ROOT": str(home / "media"), "STUDIO_ALLOW_PRIVATE_URLS": "true",
        "STUDIO_BROKER_URL": "", "STUDIO_API_SECURE_COOKIES": "false",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]), "PYTHONUNBUFFERED": "1",
        **studio_env,
    }
    with session_scope(sqlite_url) as session:
        workspace = create_workspace(session=session, name="Integration Shop")
        _, key = create_api_key(session=session, workspace_id=workspace.id, name="it")
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "studio", "serve", "--port", str(port), "--concurrency", "2"],
        env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("studio serve did not start:\n"
                                     + (tmp_path / "serve.log").read_text()[-3000:])
            time.sleep(0.3)
        yield base, key
    finally:
        # the test is over: no need to wait for a warm shutdown (how `studio serve` stops on
        # Ctrl+C and SIGTERM is tests/jobs/test_leftovers.py's)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        log.close()


