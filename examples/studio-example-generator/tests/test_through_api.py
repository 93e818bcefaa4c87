"""The installed plugin, found by its entry point, renders a video requested through the API.

The worker step runs in this process (``studio.jobs.pipeline.render``, the function a worker's
task calls), so the test needs no broker; the studio's own job tests cover real workers.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from studio.config import get_settings


@pytest.fixture
def api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient, dict]]:
    from api.main import create_app
    from api.settings import ApiSettings
    from studio.auth import create_api_key, create_workspace
    from studio.db import dispose_engines, session_scope
    from studio.db.migrate import upgrade
    from studio.plugins import reset_host

    url = f"sqlite:///{tmp_path / 'studio.db'}"
    upgrade(url)
    (tmp_path / "media").mkdir()
    for key, value in {"STUDIO_HOME": str(tmp_path / "home"), "STUDIO_DATABASE_URL": url,
                       "STUDIO_MEDIA_ROOT": str(tmp_path / "media"),
                       "STUDIO_SECRET_KEY": "test"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("STUDIO_PLUGINS", raising=False)
    get_settings.cache_clear()
    reset_host()  # load plugins again, entry points included
    with session_scope(url) as session:
        workspace = create_workspace(session=session, name="Example Shop")
        _, token = create_api_key(session=session, workspace_id=workspace.id, name="tests")
    app = create_app(get_settings(), ApiSettings(dispatch_jobs=False, secure_cookies=False,
                                                 rate_limit_per_second=1000,
                                                 rate_limit_burst=1000))
    with TestClient(app) as client:
        yield client, {"Authorization": f"Bearer {token}"}
    get_settings.cache_clear()
    reset_host()
    dispose_engines()


def test_gradient_renders_through_the_api(api: tuple[TestClient, dict]) -> None:
    from sqlalchemy import select

    from studio.db import Job, session_scope
    from studio.jobs.pipeline import render

    client, headers = api
    listed = client.get("/api/v1/plugins", headers=headers).json()
    entries = listed["data"] if isinstance(listed, dict) else listed
    gradient = next(p for p in entries if p["name"] == "gradient")
    assert gradient["source"] == "entry-point" and gradient["status"] == "loaded"

    product = client.post("/api/v1/products", headers=headers,
                          json={"title": "Desk Lamp", "price": "24.00"}).json()
    created = client.post("/api/v1/videos", headers=headers, json={
        "product": product["id"], "template": "showcase", "generator": "gradient",
        "format": "1:1", "options": {"preview": True}})
    assert created.status_code == 202, created.text
    video_id = created.json()["id"]
    with session_scope() as session:
        job_id = session.scalars(select(Job.id).where(Job.video_id == video_id)).first()
    assert job_id is not None

    render(video_id, job_id)  # what the worker does with the queued job

    video = client.get(f"/api/v1/videos/{video_id}", headers=headers).json()
    assert video["status"] == "succeeded", video
    download = client.get(video["download_url"], headers=headers)
    assert download.status_code == 200
    out = Path(get_settings().home) / "downloaded.mp4"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(download.content)
    size = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                           "stream=width,height", "-of", "csv=p=0", str(out)],
                          capture_output=True, text=True, check=True).stdout.strip()
    assert size == "540,540"
