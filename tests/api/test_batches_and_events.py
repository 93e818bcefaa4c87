"""Batches (bulk, idempotent, catalog filter, cancel), events, live progress (SSE), usage and
webhooks."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from studio.db import Product, session_scope

TEMPLATES = ["showcase", "price-drop", "feature-list", "comparison", "ugc-captions"]


def _products(settings, tenant, n, category="home"):
    with session_scope(settings.resolved_database_url()) as session:
        rows = [Product(workspace_id=tenant.workspace_id, title=f"Item {i}",
                        price=Decimal("10"), category=category) for i in range(n)]
        session.add_all(rows)
        session.flush()
        return [p.id for p in rows]


def _sse(text: str) -> list[dict]:
    events = []
    for block in text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines()
                      if ": " in line and not line.startswith(":"))
        if "event" in fields:
            events.append(fields)
    return events


def test_a_thousand_videos_in_one_call(client, settings, tenant):
    ids = _products(settings, tenant, 100)
    items = [{"product": p, "template": t, "format": f}
             for p in ids for t in TEMPLATES for f in ("9:16", "1:1")]
    assert len(items) == 1000
    response = client.post("/api/v1/batches", headers=tenant.headers, json={"items": items})
    assert response.status_code == 202, response.text
    batch = response.json()
    assert batch["counts"]["total"] == 1000 and batch["counts"]["queued"] == 1000
    assert len(batch["video_ids"]) == 1000
    assert client.get("/api/v1/videos", headers=tenant.headers,
                      params={"batch_id": batch["id"]}).json()["count"] == 1000


def test_same_batch_twice_is_one_batch(client, settings, tenant):
    ids = _products(settings, tenant, 2)
    body = {"items": [{"product": p, "template": "showcase"} for p in ids]}
    first = client.post("/api/v1/batches", headers=tenant.headers, json=body).json()
    second = client.post("/api/v1/batches", headers=tenant.headers, json=body).json()
    assert second["id"] == first["id"] and second["created"] is False
    assert client.get("/api/v1/videos", headers=tenant.headers).json()["count"] == 2


def test_batch_from_a_catalog_filter(client, settings, tenant):
    _products(settings, tenant, 3, category="shoes")
    _products(settings, tenant, 2, category="bags")
    response = client.post("/api/v1/batches", headers=tenant.headers, json={"catalog": {
        "category": "shoes", "templates": ["showcase", "price-drop"], "formats": ["9:16"]}})
    assert response.status_code == 202
    assert response.json()["counts"]["total"] == 6
    too_many = client.post("/api/v1/batches", headers=tenant.headers, json={"catalog": {
        "templates": ["showcase"], "max_videos": 2}})
    assert too_many.status_code == 422
    assert too_many.json()["field"] == "body.catalog.max_videos"
    none = client.post("/api/v1/batches", headers=tenant.headers, json={"catalog": {
        "category": "nothing", "templates": ["showcase"]}})
    assert none.status_code == 422


def test_batch_item_errors_name_the_item(client, settings, tenant, other_tenant):
    theirs = _products(settings, other_tenant, 1)[0]
    mine = _products(settings, tenant, 1)[0]
    response = client.post("/api/v1/batches", headers=tenant.headers, json={"items": [
        {"product": mine, "template": "showcase"}, {"product": theirs, "template": "showcase"}]})
    assert response.status_code == 404
    assert "item 2" in response.json()["detail"]
    assert response.json()["field"] == "body.items[1]"
    generator = client.post("/api/v1/batches", headers=tenant.headers, json={"items": [
        {"product": mine, "template": "showcase", "generator": "dall-e-9"}]})
    assert generator.status_code == 422 and "template" in generator.json()["detail"]
    template = client.post("/api/v1/batches", headers=tenant.headers, json={"items": [
        {"product": mine, "template": "showcase"}, {"product": mine, "template": "nope"}]})
    assert template.status_code == 422 and template.json()["field"] == "body.items[1]"
    both = client.post("/api/v1/batches", headers=tenant.headers, json={
        "items": [{"product": mine, "template": "showcase"}],
        "catalog": {"templates": ["showcase"]}})
    assert both.status_code == 422 and "exactly one" in both.json()["detail"]


@pytest.mark.parametrize("settings", [
    "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_cancel_batch_and_follow_its_stream(client, settings, tenant):
    ids = _products(settings, tenant, 2)
    batch = client.post("/api/v1/batches", headers=tenant.headers, json={
        "items": [{"product": p, "template": "showcase"} for p in ids]}).json()
    cancelled = client.post(f"/api/v1/batches/{batch['id']}/cancel", headers=tenant.headers)
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["counts"]["cancelled"] == 2
    with client.stream("GET", f"/api/v1/batches/{batch['id']}/events",
                       headers=tenant.headers) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = _sse("".join(stream.iter_text()))
    kinds = [e["event"] for e in events]
    assert kinds.count("video.queued") == 2 and kinds.count("video.cancelled") == 2
    assert "batch.cancelled" in kinds and kinds[-1] == "end"
    seqs = [int(e["id"]) for e in events if "id" in e]
    assert seqs == sorted(seqs)
    # a reconnect with Last-Event-ID gets only what came after
    with client.stream("GET", f"/api/v1/batches/{batch['id']}/events", headers={
            **tenant.headers, "Last-Event-ID": str(seqs[1])}) as stream:
        resumed = _sse("".join(stream.iter_text()))
    assert [int(e["id"]) for e in resumed if "id" in e] == seqs[2:]
    payload = json.loads(events[0]["data"])
    assert payload["subject"]["type"] == "video"


def test_batch_list_and_status(client, settings, tenant):
    ids = _products(settings, tenant, 1)
    batch = client.post("/api/v1/batches", headers=tenant.headers, json={
        "name": "spring sale", "items": [{"product": ids[0], "template": "showcase"}]}).json()
    status = client.get(f"/api/v1/batches/{batch['id']}", headers=tenant.headers).json()
    assert status["name"] == "spring sale" and status["progress"] == 0
    assert status["counts"]["queued"] == 1
    listed = client.get("/api/v1/batches", headers=tenant.headers).json()
    assert listed["count"] == 1


def test_events_filters(client, settings, tenant):
    ids = _products(settings, tenant, 1)
    batch = client.post("/api/v1/batches", headers=tenant.headers, json={
        "items": [{"product": ids[0], "template": "showcase"}]}).json()
    client.post(f"/api/v1/batches/{batch['id']}/cancel", headers=tenant.headers)
    everything = client.get("/api/v1/events", headers=tenant.headers).json()
    assert everything["count"] >= 3
    videos = client.get("/api/v1/events", headers=tenant.headers,
                        params={"type": "video.*"}).json()
    assert {e["type"] for e in videos["data"]} == {"video.queued", "video.cancelled"}
    of_batch = client.get("/api/v1/events", headers=tenant.headers, params={
        "subject_type": "batch", "subject_id": str(batch["id"])}).json()
    assert [e["type"] for e in of_batch["data"]] == ["batch.cancelled"]
    page = client.get("/api/v1/events", headers=tenant.headers, params={"limit": 1}).json()
    rest = client.get("/api/v1/events", headers=tenant.headers,
                      params={"after": page["next_after"]}).json()
    assert rest["count"] == everything["count"] - 1
    half = client.get("/api/v1/events", headers=tenant.headers, params={"subject_type": "batch"})
    assert half.status_code == 422


def test_workspace_stream_sends_new_events(client, settings, tenant, app):
    import threading

    ids = _products(settings, tenant, 1)
    received: list[str] = []

    def later():
        import time

        time.sleep(0.3)
        batch = client.post("/api/v1/batches", headers=tenant.headers, json={
            "items": [{"product": ids[0], "template": "showcase"}]}).json()
        client.post(f"/api/v1/batches/{batch['id']}/cancel", headers=tenant.headers)

    thread = threading.Thread(target=later)
    thread.start()
    with client.stream("GET", "/api/v1/events/stream", headers=tenant.headers) as stream:
        for line in stream.iter_lines():
            received.append(line)
            if line == "event: batch.cancelled":
                break
    thread.join()
    assert "event: video.queued" in received


def test_usage_totals(client, settings, tenant, make_video):
    from studio.usage import record_render

    video = make_video(tenant)
    with session_scope(settings.resolved_database_url()) as session:
        record_render(session, workspace_id=tenant.workspace_id, video_id=video, job_id=None,
                      render_seconds=36, output_seconds=15, generator="template")
    usage = client.get("/api/v1/usage", headers=tenant.headers).json()
    lines = {line["kind"]: line for line in usage["data"]}
    assert Decimal(lines["render_seconds"]["quantity"]) == 36
    assert Decimal(lines["output_seconds"]["quantity"]) == 15


def test_webhooks_register_list_deliveries_redeliver(client, settings, tenant, monkeypatch):
    h = tenant.headers
    bad = client.post("/api/v1/webhooks", headers=h, json={"url": "ftp://example.com/x"})
    assert bad.status_code == 422 and bad.json()["field"] == "body.url"
    private = client.post("/api/v1/webhooks", headers=h, json={"url": "http://127.0.0.1:9/x"})
    assert private.status_code == 422 and "private" in private.json()["detail"]
    from studio.config import get_settings

    monkeypatch.setenv("STUDIO_ALLOW_PRIVATE_URLS", "true")  # a setting of the process
    get_settings.cache_clear()
    created = client.post("/api/v1/webhooks", headers=h, json={
        "url": "http://127.0.0.1:9/hook", "event_types": ["video.succeeded"]})
    assert created.status_code == 201, created.text
    hook = created.json()
    assert len(hook["secret"]) >= 32
    wrong_type = client.post("/api/v1/webhooks", headers=h, json={
        "url": "http://127.0.0.1:9/hook", "event_types": ["video.exploded"]})
    assert wrong_type.status_code == 422
    listed = client.get("/api/v1/webhooks", headers=h).json()
    assert listed["count"] == 1 and "secret" not in listed["data"][0]
    off = client.patch(f"/api/v1/webhooks/{hook['id']}", headers=h, json={"active": False})
    assert off.json()["active"] is False

    import uuid

    from studio.db import WebhookDelivery

    with session_scope(settings.resolved_database_url()) as session:
        delivery = WebhookDelivery(workspace_id=tenant.workspace_id, endpoint_id=hook["id"],
                                   event_id=uuid.uuid4(), attempt=1, status="failed",
                                   status_code=500, error="receiver answered HTTP 500")
        session.add(delivery)
        session.flush()
        delivery_id = delivery.id
    deliveries = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=h).json()
    assert deliveries["count"] == 1 and deliveries["data"][0]["status_code"] == 500
    inactive = client.post(
        f"/api/v1/webhooks/{hook['id']}/deliveries/{delivery_id}/redeliver", headers=h)
    assert inactive.status_code == 409
    client.patch(f"/api/v1/webhooks/{hook['id']}", headers=h, json={"active": True})
    again = client.post(
        f"/api/v1/webhooks/{hook['id']}/deliveries/{delivery_id}/redeliver", headers=h)
    assert again.status_code == 202
    assert client.delete(f"/api/v1/webhooks/{hook['id']}", headers=h).status_code == 204
