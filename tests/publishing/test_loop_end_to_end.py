"""The whole loop on the fakes, through `studio serve` and its real worker (issue 19's
acceptance): a catalog sync adds 3 products → the autopilot renders them within its cap
with the templates the recommendation favours → publishes them paused to the fake Meta ad
set and the fake TikTok ad group → an insights sync pulls 7 days → ROI per template moves
and the next allocation changes accordingly; each step an event. No token in any answer
or log line."""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from studio.db import Workspace, session_scope
from tests.fakes import meta_api, shopify_api, tiktok_api
from tests.fakes.meta_api import FakeGraph
from tests.fakes.shopify_api import FakeShopify, product_node
from tests.fakes.tiktok_api import FakeTikTok
from tests.publishing.history import seed_history

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
PHOTOS = REPO / "media" / "samples" / "photos"
TOKENS = (meta_api.TOKEN, tiktok_api.TOKEN, shopify_api.TOKEN)


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def fakes() -> Iterator[dict[str, Any]]:
    photos = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Quiet, directory=str(PHOTOS)))
    threading.Thread(target=photos.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{photos.server_address[1]}"
    names = sorted(p.name for p in PHOTOS.glob("*.jpg"))
    nodes = []
    for i in range(3):
        node = product_node(i)
        node["images"] = {"nodes": [{"url": f"{base}/{names[2 * i]}", "altText": None}]}
        nodes.append(node)
    with FakeGraph(chunk_size=256 * 1024) as meta, FakeTikTok() as tiktok, \
            FakeShopify(nodes) as shop:
        yield {"meta": meta, "tiktok": tiktok, "shop": shop}
    photos.shutdown()


@pytest.fixture
def studio_env(fakes: dict[str, Any]) -> dict[str, str]:
    return {"STUDIO_META_BASE_URL": fakes["meta"].url,
            "STUDIO_TIKTOK_BASE_URL": fakes["tiktok"].url,
            "STUDIO_HOUSEKEEPING_SECONDS": "1", "STUDIO_ADS_SYNC_DAYS": "7"}


class Api:
    """The seller's side: every answer is kept, to search it for tokens at the end."""

    def __init__(self, base: str, key: str) -> None:
        self.http = httpx.Client(base_url=f"{base}/api/v1", timeout=60,
                                 headers={"Authorization": f"Bearer {key}"})
        self.answers: list[str] = []

    def __call__(self, method: str, path: str, **kwargs: Any) -> Any:
        answer = self.http.request(method, path, **kwargs)
        self.answers.append(answer.text)
        assert answer.status_code < 400, f"{method} {path}: {answer.status_code} {answer.text}"
        return answer.json() if answer.content else None

    def wait(self, what: str, check: Any, timeout: float = 240) -> Any:
        deadline = time.monotonic() + timeout
        while not (value := check()):
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            time.sleep(1)
        return value


def test_the_loop_closes_by_itself(studio, fakes, sqlite_url, tmp_path) -> None:
    base, key = studio
    meta, tiktok, shop = fakes["meta"], fakes["tiktok"], fakes["shop"]
    api = Api(base, key)
    with session_scope(sqlite_url) as session:
        workspace = session.query(Workspace).filter_by(name="Integration Shop").one().id
    # the past: showcase videos earned well, price-drop ones less
    seed_history(workspace, {"showcase": (3, "300"), "price-drop": (3, "120")}, sqlite_url)
    page = "https://shop.example.com/"
    on_meta = api("POST", "/connections", json={
        "platform": "meta", "account_id": "123456", "access_token": meta_api.TOKEN,
        "page_id": "1029384756", "landing_url": page})["connection"]
    on_tiktok = api("POST", "/connections", json={
        "platform": "tiktok", "account_id": tiktok_api.ADVERTISER,
        "access_token": tiktok_api.TOKEN, "identity_id": "6990000000001",
        "identity_type": "CUSTOMIZED_USER", "landing_url": page})["connection"]
    api("PATCH", "/autopilot", json={
        "enabled": True, "max_videos_per_day": 3, "options": {"preview": True},
        "publish_to": [{"account": on_meta["id"], "ad_set_id": meta_api.AD_SET["id"],
                        "ad_set_name": meta_api.AD_SET["name"]},
                       {"account": on_tiktok["id"],
                        "ad_set_id": tiktok_api.AD_GROUP["adgroup_id"],
                        "ad_set_name": tiktok_api.AD_GROUP["adgroup_name"]}]})
    plan = api("GET", "/analytics/recommendation", params={"slots": 3})["data"][0]
    planned = {i["template"]: i["videos"] for i in plan["items"] if i["videos"]}
    roi_before = {g["key"]: float(g["roi"]) for g in api("GET", "/analytics/roi")["groups"]}
    favourite_before = api("GET", "/autopilot")["next"][0]["template"]
    assert favourite_before == "showcase"

    # 1. a catalog sync adds 3 products
    synced = api("POST", "/products/import-source", json={"source": "shopify", "config": {
        "shop_url": shop.url, "access_token": shopify_api.TOKEN, "currency": "USD"}})
    assert synced["stored"] == 3

    # 2. the autopilot renders them, within its cap, with the recommended templates
    log = api("GET", "/autopilot/log")["data"]
    asked = [e["payload"] for e in log if e["type"] == "autopilot.video_requested"]
    assert len(asked) == 3 and Counter(a["template"] for a in asked) == Counter(planned)
    assert all("chance of the best ROI" in a["reason"] for a in asked)
    print("autopilot:", "; ".join(f"{a['product']} → {a['reason']}" for a in asked))

    # 3. …and publishes each video, once made, paused to the Meta ad set and the TikTok ad group
    def all_published() -> list[dict] | None:
        ads = api("GET", "/published-ads", params={"limit": 50})["data"]
        done = [a for a in ads if a["status"] not in ("queued", "publishing")]
        return ads if len(ads) == 6 and len(done) == 6 else None

    ads = api.wait("six ads, published", all_published)
    assert {a["status"] for a in ads} == {"paused"} and all(a["published"] for a in ads)
    assert {a["requested_by"] for a in ads} == {"autopilot"}
    assert len(meta.ads) == 3 and len(tiktok.ads) == 3
    assert {a["configured_status"] for a in meta.ads.values()} == {"PAUSED"}
    assert {a["operation_status"] for a in tiktok.ads.values()} == {"DISABLE"}
    template_of = {a["video_id"]: a["template"] for a in asked}

    # 4. seven days of results come back: showcase's new videos lose money
    today = dt.datetime.now(dt.UTC).date()
    for ad in ads:
        losing = template_of[ad["video_id"]] == "showcase"
        fake = meta if ad["platform"] == "meta" else tiktok
        for back in range(7):
            fake.add_results(ad["ad_id"], today - dt.timedelta(days=back),
                             spend="40.00" if losing else "10.00", impressions=3000,
                             purchases=0 if losing else 2, revenue="0" if losing else "60.00")
    job = api("POST", "/connections/sync")
    result = api.wait("the sync", lambda: (lambda j: j if j["status"] in (
        "succeeded", "failed") else None)(api("GET", job["status_url"][7:])))
    assert result["status"] == "succeeded", result
    pulled = {r["platform"]: r for r in result["result"]["accounts"]}
    assert pulled["meta"]["rows"] == pulled["tiktok"]["rows"] == 21
    assert pulled["meta"]["matched"] == pulled["tiktok"]["matched"] == 21
    assert pulled["meta"]["since"] == str(today - dt.timedelta(days=6))

    # 5. ROI per template moved, and the next allocation with it
    roi_after = {g["key"]: float(g["roi"]) for g in api("GET", "/analytics/roi")["groups"]}
    moved = {t: (roi_before[t], roi_after[t]) for t in roi_before}
    print("ROI per template, before → after:", moved)
    changed = [t for t in planned if roi_after[t] != roi_before[t]]
    assert changed and all(roi_after[t] < roi_before[t] for t in planned if t == "showcase")
    after = api("GET", "/autopilot")["next"]
    print("next allocation:", [(i["template"], i["videos"]) for i in after])
    if "showcase" in planned:
        assert after[0]["template"] != favourite_before

    # each step an event
    types = Counter(e["type"] for e in api("GET", "/events", params={"limit": 1000})["data"])
    for kind, least in (("autopilot.video_requested", 3), ("autopilot.publishing", 2),
                        ("video.succeeded", 3), ("ad.started", 6),
                        ("ad.performance_updated", 6)):
        assert types[kind] >= least, (kind, types)

    # no token in any answer or log line
    logs = (tmp_path / "serve.log").read_text(errors="replace")
    for token in TOKENS:
        assert not any(token in text for text in api.answers), token
        assert token not in logs, token
    print(f"{len(api.answers)} answers and {len(logs.splitlines())} log lines: no token")
