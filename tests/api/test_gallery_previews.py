"""The template gallery's moving previews: a short low-resolution clip and a poster per template
version, made ONCE by a worker on the studio's sample product and then served from storage —
asking again (or from another workspace) makes no new job; a new template version does. A
product whose photo is not an image, in the workspace, does not change any of it."""

from __future__ import annotations

import dataclasses
import io
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from studio.db import Job, session_scope
from studio.media_tools import probe_with_ffprobe

ASK = "/api/v1/templates/{id}/gallery-preview"


def _preview_jobs(settings: Any) -> dict[int, int]:
    """Preview jobs per workspace."""
    with session_scope(settings.resolved_database_url()) as session:
        rows = session.execute(select(Job.workspace_id, func.count()).where(
            Job.kind == "preview").group_by(Job.workspace_id)).all()
    return {int(w): int(n) for w, n in rows}


def _broken_product(client: Any, tenant: Any, settings: Any) -> None:
    fake = Path(settings.media_root) / "uploads" / "not-a-photo.jpg"
    fake.parent.mkdir(parents=True, exist_ok=True)
    fake.write_text("this is a text file, not a photo")
    answer = client.post("/api/v1/products", headers=tenant.headers, json={
        "title": "Broken photo", "price": "5", "images": ["uploads/not-a-photo.jpg"]})
    assert answer.status_code == 201, answer.text


def test_a_gallery_preview_is_made_once_per_template_version_then_served_from_storage(
    live_client: Any, tenant: Any, other_tenant: Any, settings: Any, tmp_path: Path
) -> None:
    client, h = live_client, tenant.headers
    _broken_product(client, tenant, settings)
    version = client.get("/api/v1/templates/showcase", headers=h).json()["version"]

    first = client.post(ASK.format(id="showcase"), headers=h, json={"format": "9:16"})
    assert first.status_code == 202, first.text
    assert first.json()["status"] in ("pending", "running")
    # asking again while it is being made answers the same job
    again = client.post(ASK.format(id="showcase"), headers=h, json={"format": "9:16"})
    assert again.json()["status_url"] == first.json()["status_url"]
    deadline = time.monotonic() + 240
    answer = again
    while answer.status_code == 202:
        assert time.monotonic() < deadline, answer.json()
        time.sleep(0.5)
        answer = client.post(ASK.format(id="showcase"), headers=h, json={"format": "9:16"})
    ready = answer.json()
    assert answer.status_code == 200 and ready["status"] == "ready", ready
    assert ready["version"] == version and f"/{version}/" in ready["clip_url"]
    assert _preview_jobs(settings) == {tenant.workspace_id: 1}

    # a short low-resolution clip, and its still
    clip = client.get(ready["clip_url"], headers=h)
    assert clip.status_code == 200 and clip.headers["content-type"] == "video/mp4"
    assert "immutable" in clip.headers["cache-control"]
    (tmp_path / "clip.mp4").write_bytes(clip.content)
    info = probe_with_ffprobe(tmp_path / "clip.mp4")
    assert (info.width, info.height) == (360, 640) and 5 < info.duration <= 30
    poster = Image.open(io.BytesIO(client.get(ready["poster_url"], headers=h).content))
    assert poster.format == "JPEG" and poster.width == 360
    print(f"\nclip {info.width}x{info.height} {info.duration:.1f}s {len(clip.content)} bytes, "
          f"poster {poster.size}")

    # from storage from now on: no new job, in this workspace or another
    for who in (tenant, other_tenant):
        cached = client.post(ASK.format(id="showcase"), headers=who.headers,
                             json={"format": "9:16"})
        assert cached.status_code == 200 and cached.json() == ready
    assert _preview_jobs(settings) == {tenant.workspace_id: 1}

    # a version that is not the template's is not there
    old = ready["clip_url"].replace(version, "0" * len(version))
    missing = client.get(old, headers=h)
    assert missing.status_code == 404 and missing.json()["code"] == "template.gallery_missing"


def test_a_new_template_version_gets_a_new_preview(client: Any, tenant: Any, settings: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """No worker here: what counts is which jobs are saved."""
    from studio.services import gallery

    h = tenant.headers
    first = client.post(ASK.format(id="price-drop"), headers=h, json={"format": "1:1"})
    assert first.status_code == 202 and first.json()["format"] == "1:1"
    client.post(ASK.format(id="price-drop"), headers=h, json={"format": "1:1"})
    assert _preview_jobs(settings) == {tenant.workspace_id: 1}

    original = gallery.for_preview

    def edited(*args: Any) -> Any:  # the template as it is once its spec was edited
        return dataclasses.replace(original(*args), version="0123456789ab")

    monkeypatch.setattr(gallery, "for_preview", edited)
    second = client.post(ASK.format(id="price-drop"), headers=h, json={"format": "1:1"})
    assert second.status_code == 202 and second.json()["version"] == "0123456789ab"
    assert second.json()["status_url"] != first.json()["status_url"]
    assert _preview_jobs(settings) == {tenant.workspace_id: 2}


def test_a_workspace_with_a_brand_kit_gets_previews_in_its_own_look(
    client: Any, tenant: Any, other_tenant: Any, settings: Any
) -> None:
    """A brand kit's colours are another look: while the workspace's plain preview is still
    being made, asking again after setting them makes a second job (another key), where
    asking again unchanged would answer the first."""
    first = client.post(ASK.format(id="feature-list"), headers=tenant.headers, json={})
    plain = client.post(ASK.format(id="feature-list"), headers=other_tenant.headers, json={})
    assert first.status_code == plain.status_code == 202
    kit = client.patch("/api/v1/brand-kit", headers=other_tenant.headers,
                       json={"primary_color": "#0f766e"})
    assert kit.status_code == 200, kit.text
    branded = client.post(ASK.format(id="feature-list"), headers=other_tenant.headers, json={})
    assert branded.status_code == 202
    jobs = _preview_jobs(settings)
    assert jobs[tenant.workspace_id] == 1 and jobs[other_tenant.workspace_id] == 2
    assert branded.json()["status_url"] != plain.json()["status_url"]


def test_asking_for_a_format_the_template_lacks_or_an_unknown_template(client: Any,
                                                                      tenant: Any) -> None:
    h = tenant.headers
    bad = client.post(ASK.format(id="showcase"), headers=h, json={"format": "3:4"})
    assert bad.status_code == 422
    unknown = client.post(ASK.format(id="no-such-template"), headers=h, json={})
    assert unknown.status_code == 404 and unknown.json()["code"] == "template.not_found"
