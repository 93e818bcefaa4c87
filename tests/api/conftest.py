"""An app on a fresh migrated database, and workspaces with API keys to call it with.

Settings go through the environment as well as into ``create_app``: the services the API
calls (jobs, storage) read ``get_settings()`` themselves and must see the same database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    home = tmp_path / "home"
    (tmp_path / "media").mkdir()
    monkeypatch.setenv("STUDIO_HOME", str(home))
    monkeypatch.setenv("STUDIO_DATABASE_URL", sqlite_url)
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
