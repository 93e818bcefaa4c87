"""Issue 17 item 4: a plugin whose ``generate`` raises tells its story — the plugin's name,
the exception's type, its message and the traceback down to the author's own line — in the
video's error, the API's video detail, `studio videos show` and the worker's log. Made by a
real worker (`studio serve`'s embedded worker process) from a loose plugin file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]

BUGGY = '''\
from studio import hookimpl
from studio.contracts import GeneratorCapabilities


class CollageGenerator:
    name, version = "collage", "0.1.0"

    def capabilities(self):
        return GeneratorCapabilities(text_to_video=False, image_to_video=True,
                                     durations=[5.0], aspect_ratios=["9:16"],
                                     resolutions=["1080x1920"])

    def generate(self, request, progress):
        layout = {}
        return layout["simulated-bug"]


@hookimpl
def register_generators(register):
    register(CollageGenerator())
'''


@pytest.fixture
def studio_env(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "loose-plugins"
    folder.mkdir()
    (folder / "collage.py").write_text(BUGGY)
    return {"STUDIO_PLUGINS_DIR": str(folder)}


def test_a_plugin_failure_names_plugin_type_and_line_everywhere(
        studio, tmp_path: Path, sqlite_url: str) -> None:
    base, key = studio
    api = httpx.Client(base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {key}"},
                       timeout=30)
    product = api.post("/products", json={"title": "Desk lamp", "price": "19.00"}).json()
    answer = api.post("/videos", json={"product": product["id"], "generator": "collage"})
    assert answer.status_code == 202, answer.text
    video = answer.json()
    deadline = time.monotonic() + 180
    while video["status"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, video
        time.sleep(0.5)
        video = api.get(f"/videos/{video['id']}").json()

    # the one line a seller and an author both see
    assert video["status"] == "failed"
    assert video["error"] == "collage failed: KeyError: 'simulated-bug'"
    # the story, for the workspace that owns the video
    story = video["failure"]
    print(story["traceback"])
    assert (story["plugin"], story["type"], story["message"]) == (
        "collage", "KeyError", "'simulated-bug'")
    assert story["raised_at"].endswith("collage.py:15")
    assert 'return layout["simulated-bug"]' in story["traceback"]
    assert story["traceback"].rstrip().endswith("KeyError: 'simulated-bug'")
    # a list of videos stays light: the story is in one video's detail only
    listed = api.get("/videos").json()["data"]
    assert [row.get("failure") for row in listed if row["id"] == video["id"]] == [None]

    # the CLI shows the same story
    env = {**os.environ, "STUDIO_HOME": str(tmp_path / "home"), "STUDIO_DATABASE_URL": sqlite_url,
           "STUDIO_PLUGINS_DIR": str(tmp_path / "loose-plugins"), "PYTHONPATH": str(ROOT),
           "COLUMNS": "200"}
    shown = subprocess.run([sys.executable, "-m", "studio", "videos", "show", str(video["id"]),
                            "--workspace", "integration-shop"],
                           capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    print(shown.stdout, shown.stderr)
    assert shown.returncode == 0, shown.stderr
    assert "collage failed: KeyError: 'simulated-bug'" in shown.stdout
    assert "collage.py:15 (collage, KeyError)" in shown.stdout
    assert 'return layout["simulated-bug"]' in shown.stdout

    # and the worker's log, with the traceback
    log = (tmp_path / "serve.log").read_text(errors="replace").splitlines()
    [record] = [json.loads(line) for line in log if "plugin collage failed" in line]
    print(record["message"])
    assert record["level"] == "error"
    assert 'collage.py", line 15, in generate' in record["message"]
    assert 'return layout["simulated-bug"]' in record["message"]
