"""Live progress a seller can watch: the task center moves per video while the batch runs —
some videos done, others not, the counts and the batch's line in the list following — and
reaches the final state without a reload; a stream the network drops is resumed after the
last event received (nothing missed); the finished batch downloads as one ZIP.

The studio here renders with the `test-clips` generator (tests/jobs/plugins): each video takes
`SECONDS` of real time, two at a time, so the batch is half done for a good while.
"""

from __future__ import annotations

import json
import re
import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import Studio, StudioPage
from .live_server import CuttingProxy, studio_with_slow_clips

STRINGS = {lang: json.loads((Path(__file__).resolve().parents[2] / "ui" / "i18n" / f"{lang}.json")
                           .read_text(encoding="utf-8")) for lang in ("en", "zh-CN")}
SECONDS = 4.0
VIDEOS = 8
FINISHED = ("completed", "completed_with_failures", "failed", "cancelled")
MID_BATCH = """() => {
    const p = document.querySelector('#batch-progress');
    if (!p) return false;
    const done = Number(p.dataset.finished), total = Number(p.dataset.total);
    // moved on by the stream's events, not by a reload or a snapshot
    const byEvents = document.querySelectorAll('tr[data-status=succeeded][data-via=event]');
    return total > 0 && done > 0 && done < total && byEvents.length > 0;
}"""
FINAL = f"""() => {{
    const p = document.querySelector('#batch-progress');
    return p && {list(FINISHED)}.includes(p.dataset.status)
        && Number(p.dataset.finished) === Number(p.dataset.total);
}}"""


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    """This module's own studio (it overrides the session's): slow clips, two at a time."""
    with studio_with_slow_clips(tmp_path_factory.mktemp("live-studio")) as studio:
        yield studio


@pytest.fixture(scope="module")
def product_id(studio: Studio) -> int:
    photo = sorted((studio.media / "photos").glob("*.jpg"))[0]
    with studio.client() as client:
        answer = client.post("/api/v1/products", json={
            "title": "Bamboo desk organizer", "price": "24.90", "currency": "EUR",
            "images": [f"photos/{photo.name}"]})
        answer.raise_for_status()
        return int(answer.json()["id"])


def _batch(studio: Studio, product_id: int, name: str, videos: int = VIDEOS) -> dict[str, Any]:
    """A batch of slow clips (a fresh run marker: never the videos of an earlier test)."""
    run = uuid.uuid4().hex[:8]
    formats = ["9:16", "1:1", "16:9", "4:5"]
    items = [{"product": product_id, "template": "showcase", "format": formats[n % 4],
              "generator": "test-clips", "options": {"seconds": SECONDS, "run": f"{run}-{n}"}}
             for n in range(videos)]
    with studio.client() as client:
        answer = client.post("/api/v1/batches", json={"name": name, "items": items})
        assert answer.status_code == 202, answer.text
        return dict(answer.json())


def _server_batch(studio: Studio, batch_id: int) -> dict[str, Any]:
    with studio.client() as client:
        return dict(client.get(f"/api/v1/batches/{batch_id}").json())


def _open_tasks(tab: StudioPage, batch_id: int, lang: str) -> None:
    tab.sign_in()
    if lang != "en":
        tab.page.get_by_label("Language").select_option(lang)
        tab.page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
    tab.page.evaluate("() => { window.__sameDocument = true; }")  # gone after a reload
    tab.go("tasks", str(batch_id))


def _counts(tab: StudioPage) -> tuple[int, int]:
    p = tab.page.locator("#batch-progress")
    return int(p.get_attribute("data-finished") or 0), int(p.get_attribute("data-total") or 0)


def _check_page(tab: StudioPage, name: str) -> None:
    tab.screenshot(name)
    if tab.width < 600:  # a phone: the videos' table is a card per video
        assert tab.check_phone_tables(name) >= 1
    violations = tab.axe_violations()
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize(("lang", "width"), [("en", 1440), ("zh-CN", 390)])
def test_the_task_page_moves_per_video_while_the_batch_runs(
    tab_factory: Any, studio: Studio, product_id: int, lang: str, width: int
) -> None:
    batch = _batch(studio, product_id, f"Live {lang}")
    tab = tab_factory(width)
    _open_tasks(tab, batch["id"], lang)
    page = tab.page
    page.wait_for_function("() => document.querySelector('#live-mode')?.dataset.state === 'open'")
    assert page.locator("#live-mode").inner_text().strip() == STRINGS[lang]["tasks.live"]

    # in the middle of the batch: some videos done, some not, moved by the stream's events
    page.wait_for_function(MID_BATCH, timeout=120_000)
    done, total = _counts(tab)
    server = _server_batch(studio, batch["id"])
    assert server["status"] not in FINISHED, "the page was only looked at after the batch ended"
    rows = page.locator("tr[data-video-id]")
    statuses = [rows.nth(i).get_attribute("data-status") for i in range(rows.count())]
    assert 0 < statuses.count("succeeded") < total == VIDEOS == len(statuses)
    assert any(s in ("queued", "running", "pending") for s in statuses)
    # the batch's line in the list follows too
    line = page.locator(f"a.batch-link[href='#/tasks/{batch['id']}']").inner_text()
    listed = re.search(r"(\d+)/(\d+)", line)
    assert listed and 0 < int(listed[1]) < int(listed[2]) == VIDEOS, line
    print(f"\n[{lang} {width}px] mid-batch: page {done}/{total} {statuses}; "
          f"server {server['counts']}")
    _check_page(tab, f"live-mid-batch-{lang}")

    # the end, without a reload: every video done, the ZIP offered
    page.wait_for_function(FINAL, timeout=240_000)
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    assert page.locator("#batch-progress").get_attribute("data-status") == "completed"
    assert page.locator("tr[data-status=succeeded]").count() == VIDEOS
    assert page.locator("#live-mode").inner_text().strip() == ""
    zip_link = page.locator("#batch-zip")
    assert zip_link.is_visible() and str(VIDEOS) in zip_link.inner_text()
    print(f"[{lang} {width}px] final: {page.locator('#batch-progress').inner_text()}")
    _check_page(tab, f"live-finished-{lang}")
    assert not tab.errors, "console errors:\n" + "\n".join(tab.errors)


def test_the_finished_batch_downloads_as_a_zip_from_the_task_page(
    tab_factory: Any, studio: Studio, product_id: int, tmp_path: Path
) -> None:
    batch = _batch(studio, product_id, "To take away", videos=2)
    tab = tab_factory(1440)
    _open_tasks(tab, batch["id"], "en")
    tab.page.wait_for_function(FINAL, timeout=120_000)
    with tab.page.expect_download() as download:
        tab.page.locator("#batch-zip").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    archive = zipfile.ZipFile(path)
    [manifest] = [n for n in archive.namelist() if n.endswith("manifest.csv")]
    rows = archive.read(manifest).decode("utf-8-sig").strip().splitlines()[1:]
    assert len(rows) == 2 and path.name.startswith("To-take-away")
    assert len([n for n in archive.namelist() if n.endswith(".mp4")]) == 2
    print(f"\ndownloaded {path.name}: {archive.namelist()}")
    assert not tab.errors, "console errors:\n" + "\n".join(tab.errors)


def test_a_dropped_stream_resumes_after_the_last_event_without_losing_any(
    chromium: Any, studio: Studio, product_id: int
) -> None:
    proxy = CuttingProxy(int(studio.base_url.rsplit(":", 1)[1]))
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    try:
        tab = StudioPage(context.new_page(), proxy.base_url, 1440)
        tab.watch()
        streams: list[Any] = []
        tab.page.on("request", lambda r: streams.append(r) if "/events" in r.url else None)
        batch = _batch(studio, product_id, "Flaky network")
        _open_tasks(tab, batch["id"], "en")
        page = tab.page
        page.wait_for_function(MID_BATCH, timeout=120_000)
        opened = len(streams)

        # the network drops: the stream ends, and for a while nothing gets through
        proxy.hold()
        proxy.cut()
        page.wait_for_function(
            "() => document.querySelector('#live-mode')?.dataset.state === 'reconnecting'")
        assert "reconnecting" in page.locator("#live-mode").inner_text()
        tab.screenshot("live-reconnecting")
        resume_from = page.locator("#live-mode").get_attribute("data-last-event-id")
        before, _ = _counts(tab)
        waiting = {r.get_attribute("data-video-id") for r in
                   page.locator("tr[data-video-id]:not([data-status=succeeded])").all()}
        time.sleep(2.5 * SECONDS)  # videos finish meanwhile: their events wait on the server
        during = _server_batch(studio, batch["id"])["counts"]
        proxy.release()

        # back: the page asks for what came after the last event it had
        page.wait_for_function(
            "() => document.querySelector('#live-mode')?.dataset.state === 'open'",
            timeout=60_000)
        again = streams[opened:]
        assert again, "the page did not open the stream again"
        assert f"after={resume_from}" in again[-1].url, (again[-1].url, resume_from)
        assert again[-1].headers.get("last-event-id") == resume_from
        # what finished during the outage arrives as events, before the batch ends
        finished_meanwhile = during["succeeded"]
        page.wait_for_function(
            f"() => document.querySelectorAll('tr[data-status=succeeded]').length >= "
            f"{finished_meanwhile}", timeout=10_000)
        assert finished_meanwhile > before, (before, during)
        moved = [r.get_attribute("data-via") for r in page.locator(
            "tr[data-status=succeeded]").all() if r.get_attribute("data-video-id") in waiting]
        assert moved and set(moved) == {"event"}, moved
        print(f"\ncut at event {resume_from} with {before} done; {finished_meanwhile} done "
              f"when the network came back; resumed with {again[-1].url.split('?')[-1]}")

        page.wait_for_function(FINAL, timeout=240_000)
        assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
        assert page.locator("tr[data-status=succeeded]").count() == VIDEOS
        tab.screenshot("live-resumed-finished")
        # the cut itself is the only thing allowed to show up in the console
        errors = [e for e in tab.errors if "ERR_" not in e and "/events" not in e]
        assert not errors, "console errors:\n" + "\n".join(errors)
    finally:
        context.close()
        proxy.close()
