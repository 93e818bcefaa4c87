"""The whole loop over real HTTP with a real worker: `studio serve` (API + embedded worker)
in its own process; products in, a batch rendered and followed over SSE to completion, videos
downloaded, ad results imported, ROI read back."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import socket
import subprocess
import threading
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
PHOTOS = REPO / "media" / "samples" / "photos"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def photo_server():
    """Product photos over HTTP, the way an API user's shop serves them."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(PHOTOS))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _follow(client: httpx.Client, url: str, timeout: float) -> list[dict]:
    events: list[dict] = []
    current: dict = {}
    with client.stream("GET", url, timeout=timeout) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line == "":
                if "event" in current:
                    events.append(current)
                    if current["event"] == "end":
                        return events
                current = {}
            elif not line.startswith(":") and ": " in line:
                name, value = line.split(": ", 1)
                current[name] = value
    return events


def test_products_batch_sse_download_ads_roi(studio, photo_server, tmp_path):
    base, key = studio
    photos = sorted(p.name for p in PHOTOS.glob("*.jpg"))[:2]
    client = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"},
                          timeout=30)
    product_ids = []
    for n, photo in enumerate(photos):
        created = client.post("/api/v1/products", json={
            "title": f"Product {n}", "price": "40.00", "cost": "10.00", "category": "home",
            "images": [f"{photo_server}/{photo}"]})
        assert created.status_code == 201, created.text
        product_ids.append(created.json()["id"])

    batch = client.post("/api/v1/batches", headers={"Idempotency-Key": "it-batch-1"}, json={
        "name": "integration", "items": [
            {"product": pid, "template": "showcase", "format": "1:1",
             "options": {"preview": True}} for pid in product_ids]})
    assert batch.status_code == 202, batch.text
    batch_id = batch.json()["id"]

    events = _follow(client, f"/api/v1/batches/{batch_id}/events", timeout=300)
    kinds = [e["event"] for e in events]
    assert kinds.count("video.succeeded") == 2, kinds
    assert "batch.completed" in kinds and kinds[-1] == "end"
    progress = [json.loads(e["data"]) for e in events if e["event"] == "video.progress"]
    assert all(0 <= p["payload"]["progress"] <= 1 for p in progress)

    status = client.get(f"/api/v1/batches/{batch_id}").json()
    assert status["status"] == "completed" and status["counts"]["succeeded"] == 2
    codes = []
    for video_id in status["video_ids"]:
        video = client.get(f"/api/v1/videos/{video_id}").json()
        download = client.get(video["download_url"])
        assert download.status_code == 200 and download.content[4:8] == b"ftyp"
        target = tmp_path / f"{video['creative_code']}.mp4"
        target.write_bytes(download.content)
        probe = subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "json",
             str(target)], capture_output=True, text=True, check=True)
        stream = json.loads(probe.stdout)["streams"][0]
        assert stream["width"] == stream["height"]  # 1:1 as asked
        assert client.get(video["poster_url"]).headers["content-type"] == "image/jpeg"
        codes.append(video["creative_code"])

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Day", "Ad name", "Ad ID", "Amount spent (USD)", "Impressions",
                     "Link clicks", "Purchases", "Purchases conversion value"])
    for n, code in enumerate(codes):
        writer.writerow(["2026-11-01", f"Spring {code}", f"ad{n}", "25.00", 4000, 80, 3, 120])
    writer.writerow(["2026-11-01", "An ad we did not make", "other", "5.00", 100, 1, 0, 0])
    imported = client.post("/api/v1/ad-imports", files={
        "file": ("meta.csv", out.getvalue().encode(), "text/csv")}, data={"source": "meta"})
    assert imported.status_code == 201, imported.text
    assert (imported.json()["matched"], imported.json()["unmatched"]) == (2, 1)

    roi = client.get("/api/v1/analytics/roi", params={"by": "template"}).json()
    group = next(g for g in roi["groups"] if g["key"] == "showcase")
    assert group["videos"] == 2 and float(group["spend"]) == 50.0
    assert float(group["roas"]) == pytest.approx(240 / 50)
    assert roi["unlinked_rows"] == 1
