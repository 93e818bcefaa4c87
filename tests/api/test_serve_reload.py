"""`studio serve --reload` (issue 17 item 9): a plugin author fixes a plugin that failed to
load, saves the file, and a moment later the API lists it as loaded and the embedded worker
makes videos with the new code — nothing restarted by hand."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from studio.auth import create_api_key, create_workspace
from studio.db import session_scope
from tests.api.conftest import _free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]

BROKEN = "raise RuntimeError('the collage font is missing')\n"
FIXED = '''\
from studio import hookimpl
from studio.contracts import GenerationResult, GeneratorCapabilities
from studio.media_tools import run


class CollageGenerator:
    name, version = "collage", "0.2.0"

    def capabilities(self):
        return GeneratorCapabilities(text_to_video=False, image_to_video=True, durations=[3.0],
                                     aspect_ratios=["9:16"], resolutions=["360x640"])

    def generate(self, request, progress):
        part = request.output_path.with_suffix(".part.mp4")
        run("ffmpeg", ["-y", "-f", "lavfi", "-i", "color=c=teal:s=360x640:d=3:r=25",
                       "-pix_fmt", "yuv420p", str(part)], what="make the collage")
        return GenerationResult(path=part.replace(request.output_path), duration=3.0,
                                width=360, height=640)


@hookimpl
def register_generators(register):
    register(CollageGenerator())
'''


def _wait(what: str, check, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = check()
        except httpx.HTTPError:
            found = None
        if found:
            return found
        assert time.monotonic() < deadline, f"{what} within {timeout} s"
        time.sleep(0.5)


def test_a_fixed_plugin_is_live_after_saving_it(tmp_path: Path, sqlite_url: str) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "collage.py").write_text(BROKEN)
    home = tmp_path / "home"
    env = {**os.environ, "STUDIO_HOME": str(home), "STUDIO_DATABASE_URL": sqlite_url,
           "STUDIO_MEDIA_ROOT": str(home / "media"), "STUDIO_BROKER_URL": "",
           "STUDIO_PLUGINS_DIR": str(plugins), "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    with session_scope(sqlite_url) as session:
        workspace = create_workspace(session=session, name="Author's shop")
        _, key = create_api_key(session=session, workspace_id=workspace.id, name="author")
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "studio", "serve", "--reload", "--port", str(port),
             "--concurrency", "1"],
            env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    api = httpx.Client(base_url=f"http://127.0.0.1:{port}/api/v1", timeout=30,
                       headers={"Authorization": f"Bearer {key}"})
    try:
        def collage() -> dict | None:
            rows = api.get("/plugins").json()["data"]
            return next((row for row in rows if row["name"] == "collage"), None)

        assert _wait("the API answers", collage)["status"] == "failed"
        workers = _wait("a worker", lambda: [w for w in api.get("/workers").json()["data"]
                                             if w["alive"]])
        first_pid = workers[0]["pid"]

        (plugins / "collage.py").write_text(FIXED)  # the author saves the fix
        fixed = _wait("the fixed plugin loaded", lambda: (row := collage()) and
                      row["status"] == "loaded" and row)
        print(fixed)
        # a new worker process, running the new code
        _wait("a new worker", lambda: [w for w in api.get("/workers").json()["data"]
                                       if w["alive"] and w["pid"] != first_pid])
        product = api.post("/products", json={"title": "Desk lamp", "price": "19.00"}).json()
        video = api.post("/videos", json={"product": product["id"], "generator": "collage"})
        assert video.status_code == 202, video.text
        done = _wait("the video made", lambda: (row := api.get(
            f"/videos/{video.json()['id']}").json())["status"] in ("succeeded", "failed") and row)
        assert done["status"] == "succeeded", done
        assert abs(done["duration"] - 3.0) < 0.1 and (done["width"], done["height"]) == (360, 640)
        text = log_path.read_text(errors="replace")
        assert "reload: collage.py changed; restarting the API and the worker" in text
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl+C: the supervisor, API and worker stop
        try:
            server.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode == 0, log_path.read_text(errors="replace")[-3000:]
