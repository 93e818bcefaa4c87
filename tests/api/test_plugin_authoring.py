"""Acceptance of issue 17 for plugin authors: a package started with `studio plugins new`,
installed with pip (into a folder of the test's own), renders through the API on a real
worker (`studio serve` and its embedded `studio worker` process), from a photo that lives in
the media library — the generator only ever sees a local file. A plugin that failed to load
next to it is logged at start and named, with its reason, by a request that asks for it."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.plugin_host.scaffolding import install, run_own_tests, scaffold, with_target

pytestmark = pytest.mark.slow
PHOTO = sorted((Path(__file__).resolve().parents[2] / "media" / "samples" / "photos")
               .glob("*.jpg"))[0]


@pytest.fixture
def authored(tmp_path: Path) -> dict[str, Path]:
    """`studio plugins new still --kind generator`, installed, its own tests run; and a loose
    plugin that fails to import."""
    package = scaffold(tmp_path / "authors", "still", "generator")
    site = tmp_path / "site"
    install([package], site)
    own = run_own_tests(package, site)
    assert own.returncode == 0, own.stdout + own.stderr
    broken = tmp_path / "loose-plugins"
    broken.mkdir()
    (broken / "collage.py").write_text("raise RuntimeError('the collage font is missing')\n")
    return {"package": package, "site": site, "broken": broken}


@pytest.fixture
def studio_env(authored: dict[str, Path]) -> dict[str, str]:
    env = with_target(authored["site"])
    return {"PYTHONPATH": env["PYTHONPATH"] + ":" + str(Path(__file__).resolve().parents[2]),
            "STUDIO_PLUGINS_DIR": str(authored["broken"])}


def test_a_scaffolded_generator_renders_through_the_api_on_a_real_worker(
        studio, authored, tmp_path: Path) -> None:
    base, key = studio
    api = httpx.Client(base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {key}"},
                       timeout=30)
    plugins = {row["name"]: row for row in api.get("/plugins").json()["data"]}
    assert (plugins["still"]["source"], plugins["still"]["status"]) == ("entry-point", "loaded")
    assert plugins["collage"]["status"] == "failed"

    # a photo in the media library (what the API accepts), not a path on the worker's disk
    uploads = tmp_path / "home" / "media" / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PHOTO, uploads / "watch.jpg")
    product = api.post("/products", json={"title": "Classic smart watch", "price": "89.00",
                                          "images": ["uploads/watch.jpg"]}).json()
    video = api.post("/videos", json={"product": product["id"], "template": "showcase",
                                      "generator": "still", "format": "16:9"}).json()
    deadline = time.monotonic() + 240
    while video["status"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, video
        time.sleep(0.5)
        video = api.get(f"/videos/{video['id']}").json()
    assert video["status"] == "succeeded", video["error"]
    mp4 = tmp_path / "still.mp4"
    mp4.write_bytes(api.get(base + video["download_url"]).content)
    shape = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                            "stream=width,height:format=duration", "-of", "csv=p=0", str(mp4)],
                           capture_output=True, text=True, check=True).stdout.split()
    print(shape)
    assert shape[0] == "1920,1080" and abs(float(shape[1]) - 5.0) < 0.1

    refused = api.post("/videos", json={"product": product["id"], "template": "showcase",
                                        "generator": "collage"})
    print(refused.json()["detail"])
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith(
        "collage failed to load: RuntimeError: the collage font is missing")
    # the worker said so when it started, with the plugin's file and line
    log = (tmp_path / "serve.log").read_text(errors="replace")
    print([line[:160] for line in log.splitlines() if "failed to load" in line])
    assert (f"plugin collage failed to load: RuntimeError: the collage font is missing (at "
            f"{authored['broken'] / 'collage.py'}:1)") in log
