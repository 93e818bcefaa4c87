"""Tenant isolation: every route that takes an id answers 404 to another workspace's key
(and does not act), while the owner gets a real answer. New routes with ids are picked up
automatically; a path parameter this test cannot fill fails it."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from studio.auth import create_user
from studio.db import (
    AdImport,
    AdImportRejectedRow,
    Job,
    Product,
    WebhookDelivery,
    WebhookEndpoint,
    session_scope,
)
from tests.fakes import meta_api
from tests.fakes.meta_api import FakeGraph

# templates are shared by every workspace (built-ins and plugins): nothing to isolate
SHARED = {"template_id"}
BODIES = {
    ("PATCH", "/api/v1/products/{product_id}"): {"title": "changed"},
    ("PATCH", "/api/v1/webhooks/{webhook_id}"): {"description": "changed"},
    ("POST", "/api/v1/candidates/{group}/select"): {"video_id": "{video_id}"},
    ("PATCH", "/api/v1/team/members/{member_id}"): {"role": "member"},
    ("POST", "/api/v1/products/{product_id}/merge"): {"duplicates": ["{duplicate_id}"]},
    ("PATCH", "/api/v1/connections/{account_id}"): {"landing_url": "https://shop.example.com/"},
    ("POST", "/api/v1/videos/{video_id}/publish"): {"account": "{account_id}", "ad_set_id": "S1"},
    ("POST", "/api/v1/batches/{batch_id}/publish"): {"account": "{account_id}", "ad_set_id": "S1"},
}


@pytest.fixture
def meta(monkeypatch):
    """The fake Graph API, so the owner's connection answers without the internet."""
    with FakeGraph() as fake:
        monkeypatch.setenv("STUDIO_META_BASE_URL", fake.url)
        yield fake


@pytest.fixture
def owned(client, settings, tenant, make_video, meta):
    """One of everything in the owner's workspace."""
    h = tenant.headers
    ids: dict[str, object] = {}
    photo = Path(settings.media_root) / "uploads" / "owned.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8\xff\xe0owned")
    with session_scope(settings.resolved_database_url()) as session:
        product = Product(workspace_id=tenant.workspace_id, title="Owned", price=Decimal(5),
                          images=["uploads/owned.jpg"])
        duplicate = Product(workspace_id=tenant.workspace_id, title="owned", price=Decimal(5))
        session.add_all([product, duplicate])
        session.flush()
        ids["product_id"], ids["duplicate_id"] = product.id, duplicate.id
    ids["index"] = 0  # the product's first image
    batch = client.post("/api/v1/batches", headers=h, json={
        "items": [{"product": ids["product_id"], "template": "showcase"}]}).json()
    client.post(f"/api/v1/batches/{batch['id']}/cancel", headers=h)  # its stream then ends
    ids["batch_id"] = batch["id"]
    ids["video_id"] = make_video(tenant, group="owned-group")
    ids["group"] = "owned-group"
    connection = client.post("/api/v1/connections", headers=h, json={
        "platform": "meta", "account_id": "123456", "access_token": meta_api.TOKEN,
        "page_id": "1029384756", "landing_url": "https://shop.example.com/mug"})
    assert connection.status_code == 201, connection.text
    ids["account_id"] = connection.json()["connection"]["id"]
    ids["published_id"] = client.post(
        f"/api/v1/videos/{ids['video_id']}/publish", headers=h,
        json={"account": ids["account_id"], "ad_set_id": meta_api.AD_SET["id"]}).json()["id"]
    ids["job_id"] = client.post(f"/api/v1/connections/{ids['account_id']}/sync",
                                headers=h).json()["id"]
    ids["key_id"] = client.post("/api/v1/keys", headers=h, json={"name": "x"}).json()["id"]
    ids["invite_id"] = client.post("/api/v1/team/invites", headers=h,
                                   json={"email": "new@owned.example"}).json()["id"]
    with session_scope(settings.resolved_database_url()) as session:
        ids["member_id"] = create_user(session=session, workspace_id=tenant.workspace_id,
                                       email="member@owned.example", password="long enough",
                                       role="member").id
    with session_scope(settings.resolved_database_url()) as session:
        hook = WebhookEndpoint(workspace_id=tenant.workspace_id, url="https://example.com/h",
                               secret="s" * 32, event_types=[])
        imported = AdImport(workspace_id=tenant.workspace_id, source="meta", platform="meta",
                            status="done")
        session.add_all([hook, imported])
        session.flush()
        delivery = WebhookDelivery(workspace_id=tenant.workspace_id, endpoint_id=hook.id,
                                   event_id=uuid.uuid4(), status="failed")
        session.add_all([delivery, AdImportRejectedRow(
            workspace_id=tenant.workspace_id, ad_import_id=imported.id, row_number=3,
            reason="bad date", raw={})])
        session.flush()
        ids.update(webhook_id=hook.id, delivery_id=delivery.id, import_id=imported.id)
        # a preview and a big-file import: jobs of their own kinds
        preview = Job(workspace_id=tenant.workspace_id, kind="preview", status="failed",
                      payload={"template": "showcase", "output": "jpeg"})
        big_import = Job(workspace_id=tenant.workspace_id, kind="import", status="failed",
                         payload={"what": "catalog", "source": "csv"})
        session.add_all([preview, big_import])
        session.flush()
        ids.update(preview_id=preview.id, import_job_id=big_import.id)
    return ids


def _routes(app) -> list[tuple[str, str]]:
    found = []
    for path, operations in app.openapi()["paths"].items():
        if "{" not in path or set(re.findall(r"{(\w+)}", path)) & SHARED:
            continue
        found += [(method.upper(), path) for method in operations]
    # the owner's DELETEs go last: everything else still needs the rows
    return sorted(found, key=lambda r: (r[0] == "DELETE", r[1], r[0]))


def _fill(text: str, ids: dict) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        assert name in ids, f"isolation test does not know how to fill {{{name}}}: add it"
        return str(ids[name])

    return re.sub(r"{(\w+)}", value, text)


def _fill_value(value, ids: dict):
    """An id placeholder in a body becomes the owner's id (in a list too)."""
    if isinstance(value, list):
        return [_fill_value(v, ids) for v in value]
    return int(_fill(value, ids)) if str(value).startswith("{") else value


@pytest.mark.parametrize("settings", [
    "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_every_id_route_is_404_for_another_workspace(client, app, owned, tenant, other_tenant):
    routes = _routes(app)
    assert len(routes) >= 20  # a sanity floor: the walk really covers the API
    for method, path in routes:
        url = _fill(path, owned)
        body = BODIES.get((method, path))
        if body is not None:
            body = {k: _fill_value(v, owned) for k, v in body.items()}
        theirs = client.request(method, url, headers=other_tenant.headers, json=body)
        assert theirs.status_code == 404, f"{method} {url} -> {theirs.status_code} for a stranger"
        mine = client.request(method, url, headers=tenant.headers, json=body)
        assert mine.status_code != 404, f"{method} {url} -> 404 for its owner: {mine.text}"


def test_ids_inside_bodies_are_isolated_too(client, owned, other_tenant):
    h = other_tenant.headers
    video = client.post("/api/v1/videos", headers=h,
                        json={"product": owned["product_id"], "template": "showcase"})
    assert video.status_code == 404
    batch = client.post("/api/v1/batches", headers=h, json={
        "items": [{"product": owned["product_id"], "template": "showcase"}]})
    assert batch.status_code == 404
    preview = client.post("/api/v1/templates/showcase/preview", headers=h,
                          json={"product_id": owned["product_id"]})
    assert preview.status_code == 404
    candidates = client.post("/api/v1/candidates", headers=h, json={
        "product": owned["product_id"], "template": "showcase", "generator": "template"})
    assert candidates.status_code == 404
    link = client.post("/api/v1/ad-imports/links", headers=h, json={
        "platform": "meta", "ad_id": "1", "video": str(owned["video_id"])})
    assert link.status_code == 404
    select = client.post("/api/v1/candidates/owned-group/select", headers=h,
                         json={"video_id": owned["video_id"]})
    assert select.status_code == 404
    catalog = client.post("/api/v1/batches", headers=h, json={"catalog": {
        "product_ids": [owned["product_id"]], "templates": ["showcase"]}})
    assert catalog.status_code == 422  # their filter finds none of their own products


def test_lists_never_show_another_workspaces_rows(client, owned, other_tenant):
    h = other_tenant.headers
    for path in ("/api/v1/products", "/api/v1/videos", "/api/v1/batches", "/api/v1/webhooks",
                 "/api/v1/ad-imports", "/api/v1/events"):
        assert client.get(path, headers=h).json()["count"] == 0, path
    keys = client.get("/api/v1/keys", headers=h).json()
    assert keys["count"] == 1  # only its own
