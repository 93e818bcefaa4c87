"""Fixtures of the publishing tests: the API's (an app on a fresh database, workspaces with
keys, finished videos) and the Meta / TikTok fakes the plugins are pointed at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api.conftest import (  # noqa: F401  (fixtures)
    api_settings,
    app,
    client,
    make_video,
    other_tenant,
    settings,
    studio,
    tenant,
)
from tests.fakes.meta_api import FakeGraph
from tests.fakes.tiktok_api import FakeTikTok
from tests.jobs.conftest import embedded_env, workers  # noqa: F401  (fixtures)


@pytest.fixture
def meta(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGraph]:
    """The fake Graph API; the Meta plugin finds it through STUDIO_META_BASE_URL. Small
    chunks, so even a test video goes up in the resumable phases."""
    with FakeGraph(chunk_size=4096) as fake:
        monkeypatch.setenv("STUDIO_META_BASE_URL", fake.url)
        monkeypatch.setenv("STUDIO_META_CHUNKED_ABOVE", "2048")
        yield fake


@pytest.fixture
def tiktok(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTikTok]:
    with FakeTikTok() as fake:
        monkeypatch.setenv("STUDIO_TIKTOK_BASE_URL", fake.url)
        yield fake
