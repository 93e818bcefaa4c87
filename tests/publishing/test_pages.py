"""The loop in the web studio, in a real browser against `studio serve` and the Meta fake:
connect an ad account (its ad sets shown), publish a video from its page (its ad paused),
a revoked token asks to reconnect, the Autopilot page with its next videos and its log — in
English and Chinese, without console errors or serious accessibility problems. Screenshots
go to test-artifacts/ui/ (connections-*, video-ad-*, autopilot-*, batch-publish-*)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fakes import meta_api
from tests.fakes.meta_api import FakeGraph
from tests.jobs.conftest import REPO, free_port
from tests.ui.conftest import CHROMIUM, EMAIL, PASSWORD, SAMPLES, Studio, StudioPage

pytestmark = pytest.mark.slow


@pytest.fixture
def loop_studio(tmp_path: Path) -> Iterator[tuple[Studio, FakeGraph]]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    home, media = tmp_path / "home", tmp_path / "home" / "media"
    media.mkdir(parents=True)
    (media / "photos").mkdir()
    photo = sorted((SAMPLES / "photos").glob("*.jpg"))[0]
    (media / "photos" / "lamp.jpg").write_bytes(photo.read_bytes())
    with FakeGraph() as meta:
        # the developer's own STUDIO_* settings never reach the server under test
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("STUDIO_")},
               "STUDIO_HOME": str(home), "STUDIO_MEDIA_ROOT": str(media),
               "STUDIO_SECRET_KEY": "ui-tests-secret-key", "PYTHONPATH": str(REPO),
               "STUDIO_META_BASE_URL": meta.url, "STUDIO_HOUSEKEEPING_SECONDS": "1"}
        command = [sys.executable, "-m", "studio"]
        for args in (["db", "upgrade"], ["keys", "add-user", EMAIL, "--password", PASSWORD]):
            done = subprocess.run(command + args, env=env, cwd=media, capture_output=True,
                                  text=True, timeout=120)
            assert done.returncode == 0, done.stderr
        port, log = free_port(), home / "serve.log"
        with log.open("wb") as out:
            server = subprocess.Popen(command + ["serve", "--port", str(port), "--concurrency",
                                                 "2"], env=env, cwd=media, stdout=out,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        studio = Studio(f"http://127.0.0.1:{port}", home, media, log)
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    if httpx.get(f"{studio.base_url}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert server.poll() is None and time.monotonic() < deadline, studio.log_tail()
                time.sleep(0.3)
            yield studio, meta
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def _made_video(studio: Studio) -> int:
    with studio.client() as client:
        product = client.post("/api/v1/products", json={
            "title": "Walnut desk lamp", "price": "59.00", "cost": "21.00",
            "images": ["photos/lamp.jpg"]}).json()
        video = client.post("/api/v1/videos", json={
            "product": product["id"], "template": "showcase", "options": {"preview": True}}).json()
        deadline = time.monotonic() + 180
        while video["status"] != "succeeded":
            assert video["status"] not in ("failed", "cancelled") and time.monotonic() < deadline
            time.sleep(1)
            video = client.get(f"/api/v1/videos/{video['id']}").json()
    return int(video["id"])


def _tab(chromium: Any, studio: Studio, width: int) -> StudioPage:
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    tab = StudioPage(context.new_page(), studio.base_url, width)
    tab.watch()
    tab.sign_in()
    return tab


def test_connect_publish_reconnect_and_the_autopilot_in_the_browser(chromium, loop_studio):
    studio, meta = loop_studio
    video = _made_video(studio)
    tab = _tab(chromium, studio, 1440)
    page, problems = tab.page, {}

    tab.go("connections")
    form = page.locator("#connect-form")
    form.get_by_label("Account id", exact=True).fill("123456")
    form.get_by_label("Access token", exact=True).fill(meta_api.TOKEN)
    form.get_by_label("Facebook page id", exact=True).fill("1029384756")
    form.get_by_label("Shop page (optional)").fill("https://shop.example.com/")
    form.get_by_role("button", name="Connect").click()
    page.wait_for_selector("#connect-form .notice.ok")
    assert page.get_by_text("Broad 18-44").first.is_visible()
    page.wait_for_selector("[data-connection-status=connected]")
    problems["connections"] = tab.axe_violations()
    tab.screenshot("connections")
    assert meta_api.TOKEN not in page.content()  # the token field was emptied

    tab.go("videos", str(video))
    page.wait_for_selector("#publish-form select[name=publish-ad-set]:not([disabled])")
    page.locator("#publish-form").get_by_role("button", name="Publish").click()
    page.wait_for_selector("#video-ads [data-ad-status=paused]", timeout=120_000)
    assert len(meta.ads) == 1 and next(iter(meta.ads.values()))["configured_status"] == "PAUSED"
    problems["video"] = tab.axe_violations()
    tab.screenshot("video-ad")

    meta.revoke()  # the seller changed their Facebook password
    tab.go("connections")
    page.get_by_role("button", name="Test").click()
    page.wait_for_selector("[data-connection-status=needs_reconnecting]")
    assert page.get_by_text("reconnect this ad account with a new token").first.is_visible()
    tab.screenshot("connections-reconnect")
    meta.revoked, meta.token = False, "EAAB-token-after-the-reset"
    page.get_by_label("New access token").fill(meta.token)
    page.get_by_role("button", name="Reconnect").click()
    page.wait_for_selector("[data-connection-status=connected]")

    tab.go("autopilot")
    assert page.locator("[data-autopilot=off]").is_visible()
    page.get_by_role("button", name="Turn on").click()
    page.wait_for_selector("[data-autopilot=on]")
    page.wait_for_selector("#autopilot-log td:has-text('Turned on')")
    assert page.get_by_label("Admin API token").is_visible()  # a store pulled on a schedule
    problems["autopilot"] = tab.axe_violations()
    tab.screenshot("autopilot")
    page.get_by_role("button", name="Pause now").click()
    page.wait_for_selector("[data-autopilot=paused]")

    tab.go("batch")
    page.wait_for_selector("#publish-batch")
    tab.screenshot("batch-publish")

    page.get_by_label("Language").select_option("zh-CN")
    tab.go("autopilot")
    assert page.get_by_role("heading", name="自动驾驶记录").is_visible()
    tab.screenshot("autopilot-zh")
    tab.go("connections")
    assert page.get_by_role("button", name="测试连接").is_visible()
    tab.screenshot("connections-zh")
    for name in ("connections", "autopilot", "videos"):
        tab.go(name)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, name
    phone = _tab(chromium, studio, 390)
    for name in ("connections", "autopilot"):
        phone.go(name)
        problems[f"{name}-phone"] = phone.axe_violations()
        phone.screenshot(name)
        overflow = phone.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} is {overflow}px wider than the phone"
    bad = {name: found for name, found in problems.items() if found}
    assert not bad, bad
    assert not tab.errors and not phone.errors, tab.errors + phone.errors
