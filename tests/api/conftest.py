"""An app on a fresh migrated SQLite database, and workspaces with API keys to call it with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from studio.auth import create_api_key, create_workspace
from studio.config import Settings
from studio.db import dispose_engines, session_scope
from studio.db.migrate import upgrade


@dataclass
class Tenant:
    workspace_id: int
    key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    upgrade(url)
    return Settings(
        home=tmp_path / "home",
        database_url=url,
        broker_url="filesystem://",
        media_root=tmp_path / "media",
        secret_key="test-secret",
    )


@pytest.fixture
def api_settings() -> ApiSettings:
    # generous limits: only the rate-limit tests tighten them
    return ApiSettings(rate_limit_per_second=1000, rate_limit_burst=1000, secure_cookies=False)


@pytest.fixture
def app(settings: Settings, api_settings: ApiSettings):
    yield create_app(settings, api_settings)
    dispose_engines()


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
