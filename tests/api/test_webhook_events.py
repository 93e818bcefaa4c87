"""Every webhook event the API guide lists reaches a receiver, signed — whichever door or
worker made the state change (the outbox follows the event rows). Among them: cancelling the
rest of a partly finished batch delivers `batch.completed`. Real server, real worker."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from studio.webhooks.receiver import WebhookReceiver
from studio.webhooks.subscriptions import WEBHOOK_EVENTS
from tests.fakes import meta_api

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
PHOTO = sorted((REPO / "media" / "samples" / "photos").glob("*.jpg"))[0]


@pytest.fixture
def meta() -> Iterator[meta_api.FakeGraph]:
    with meta_api.FakeGraph() as fake:
        yield fake


@pytest.fixture
def studio_env(meta: meta_api.FakeGraph) -> dict[str, str]:
    # the worker's sweep sends held jobs a second after their 5 s of grace; the API holds
    # them (so a batch can be cancelled before any worker takes it); small files import as jobs
    return {"STUDIO_HOUSEKEEPING_SECONDS": "1", "STUDIO_API_DISPATCH_JOBS": "false",
            "STUDIO_API_INLINE_IMPORT_BYTES": "64",
            "STUDIO_PLUGINS_DIR": str(REPO / "tests" / "jobs" / "plugins"),
            "STUDIO_META_BASE_URL": meta.url}


def _wait(what: str, check: Any, timeout: float = 180) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)
    return value


def test_every_listed_event_reaches_a_signed_webhook(studio, tmp_path, meta) -> None:
    base, key = studio
    media = tmp_path / "home" / "media" / "uploads"
    media.mkdir(parents=True)
    (media / "good.jpg").write_bytes(PHOTO.read_bytes())
    (media / "bad.jpg").write_bytes(b"this is not a photo")
    api = httpx.Client(base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {key}"},
                       timeout=60)
    with WebhookReceiver("set below") as receiver:
        hook = api.post("/webhooks", json={"url": receiver.url}).json()
        receiver.secret = hook["secret"]
        good = api.post("/products", json={"title": "Good", "price": "10",
                                           "images": ["uploads/good.jpg"]}).json()["id"]
        bad = api.post("/products", json={"title": "Bad", "price": "10",
                                          "images": ["uploads/bad.jpg"]}).json()["id"]
        preview = {"preview": True}

        # cancelled before any worker took it: video.cancelled, batch.cancelled
        early = api.post("/batches", json={"items": [
            {"product": good, "template": "showcase", "format": "1:1", "options": preview}]})
        assert api.post(f"/batches/{early.json()['id']}/cancel").json()["status"] == "cancelled"

        # one made, one failed: queued, running, succeeded, failed, batch.running/completed
        mixed = api.post("/batches", json={"items": [
            {"product": good, "template": "showcase", "options": preview},
            {"product": bad, "template": "showcase", "options": preview}]}).json()
        _wait("the mixed batch", lambda: api.get(f"/batches/{mixed['id']}").json()["status"]
              == "completed_with_failures")

        # the rest of a partly finished batch cancelled: batch.completed all the same
        partly = api.post("/batches", json={"items": [
            {"product": good, "template": "clip", "generator": "test-clips",
             "options": {"seconds": 0.3}},
            {"product": good, "template": "clip", "generator": "test-clips", "format": "1:1",
             "options": {"seconds": 60}}]}).json()
        _wait("one video of the batch", lambda: api.get(f"/batches/{partly['id']}").json()
              ["counts"]["succeeded"] == 1)
        done = api.post(f"/batches/{partly['id']}/cancel").json()
        assert done["status"] == "completed" and done["counts"]["cancelled"] == 1

        # video.archived, video.selected
        made = api.get("/videos", params={"status": "succeeded"}).json()["data"][0]
        assert api.delete(f"/videos/{made['id']}").status_code == 204
        group = api.post("/candidates", json={"product": good, "template": "showcase",
                                              "generator": "template", "count": 2,
                                              "options": preview}).json()
        _wait("the candidates", lambda: all(
            v["status"] == "succeeded"
            for v in api.get(f"/candidates/{group['group']}").json()["data"]))
        first = group["data"][0]["id"]
        assert api.post(f"/candidates/{group['group']}/select",
                        json={"video_id": first}).status_code == 200

        # ad.started, ad.failed, ad.performance_updated: the picked video published to the
        # fake Meta ad set (and to one that does not exist), then its results pulled
        account = api.post("/connections", json={
            "platform": "meta", "account_id": "123456", "access_token": meta_api.TOKEN,
            "page_id": "1029384756", "landing_url": "https://shop.example.com/"}).json()
        ask = {"account": account["connection"]["id"], "ad_set_id": meta_api.AD_SET["id"]}
        assert api.post(f"/videos/{first}/publish", json=ask).status_code == 202
        assert api.post(f"/videos/{first}/publish",
                        json={**ask, "ad_set_id": "404"}).status_code == 202
        ad_id = _wait("the ad", lambda: next(iter(meta.ads), None))
        meta.add_results(ad_id, dt.datetime.now(dt.UTC).date(), spend="9.00",
                         impressions=1500, purchases=1, revenue="30.00")
        assert api.post(f"/connections/{account['connection']['id']}/sync").status_code == 202

        # import.succeeded, import.failed: files over the (test's tiny) inline limit
        catalog = b"title,price,images\n" + b"Lamp %d,9.99,\n" * 20 % tuple(range(20))
        ok = api.post("/products/import", files={"file": ("shop.csv", catalog, "text/csv")})
        assert ok.status_code == 202 and ok.json()["status_url"].startswith("/api/v1/imports/")
        broken = api.post("/products/import",
                          files={"file": ("shop.csv", PHOTO.read_bytes()[:4000], "text/csv")})
        assert broken.status_code == 202
        finished = _wait("the import job", lambda: (lambda j: j if j["status"] in (
            "succeeded", "failed") else None)(api.get(ok.json()["status_url"][7:]).json()))
        assert finished["status"] == "succeeded" and finished["result"]["stored"] == 20

        _wait("every kind of event", lambda: set(WEBHOOK_EVENTS) <= {
            e["type"] for e in receiver.events.values()}, timeout=120)
        assert receiver.bad_signatures == 0
        completed = [e for e in receiver.events.values() if e["type"] == "batch.completed"
                     and e["data"]["subject"]["id"] == str(partly["id"])]
        assert len(completed) == 1 and completed[0]["data"]["status"] == "completed"
        failed_import = next(e for e in receiver.events.values()
                             if e["type"] == "import.failed")
        assert "shop.csv" in failed_import["data"]["reason"]
        assert "/tmp" not in failed_import["data"]["reason"]
