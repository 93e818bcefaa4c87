"""Candidates through the API, rendered by the real SDKs against the local fakes: variants
over two generators and two prompts, each provider given its variant's prompt, the seller's
pick archiving the rest."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from studio.db import Job, session_scope
from studio.jobs.pipeline import render
from studio.testing import sample_photo
from tests.api import conftest as api_fixtures
from tests.fakes.ark import FakeArk
from tests.fakes.openai_videos import FakeOpenAI

# the API's app, client and workspace fixtures, used here by name
settings, api_settings, app = api_fixtures.settings, api_fixtures.api_settings, api_fixtures.app
client, tenant = api_fixtures.client, api_fixtures.tenant

BEACH = "The blender bottle on a beach towel at sunset, waves behind it"
GYM = "The blender bottle shaken in a bright gym, then poured into a glass"


@pytest.fixture
def clouds(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeOpenAI, FakeArk]]:
    """Sora's and Seedance's providers on loopback, the built-in plugins pointed at them."""
    with FakeOpenAI() as openai_fake, FakeArk(poll_hint_s=0.01) as ark:
        monkeypatch.setenv("OPENAI_API_KEY", FakeOpenAI.API_KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", openai_fake.url + "/v1")
        monkeypatch.setenv("ARK_API_KEY", FakeArk.API_KEY)
        monkeypatch.setenv("ARK_BASE_URL", ark.url + "/api/v3")
        yield openai_fake, ark  # type: ignore[misc]


@pytest.fixture
def product(client, tenant, settings) -> int:  # type: ignore[no-untyped-def]
    """A product whose photo is in the media folder, named the way API users name it."""
    target = Path(settings.media_root) / "photos" / "bottle.jpg"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sample_photo(), target)
    created = client.post("/api/v1/products", headers=tenant.headers, json={
        "title": "Portable Blender Bottle", "price": "39.99", "compare_at_price": "59.99",
        "category": "Kitchen", "description": "Cordless. Smoothies in 30 seconds.",
        "images": ["photos/bottle.jpg"]})
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


def render_all(video_ids: list[int]) -> list[dict[str, Any]]:
    """What the workers do with the group: every candidate's render step, in parallel."""
    with session_scope() as session:
        jobs = list(session.execute(select(Job.video_id, Job.id).where(
            Job.video_id.in_(video_ids), Job.kind == "render")).all())
    assert len(jobs) == len(video_ids)
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(lambda pair: render(*pair), jobs))


@pytest.mark.slow
def test_variants_over_two_generators_render_pick_one_archive_the_rest(
        client, tenant, product: int,  # type: ignore[no-untyped-def]
        clouds: tuple[FakeOpenAI, FakeArk]) -> None:
    openai_fake, ark = clouds
    h = tenant.headers
    asked = client.post("/api/v1/candidates", headers=h, json={
        "product": product, "template": "showcase", "generator": "sora",
        "options": {"preview": True},
        "variants": [{"prompt": BEACH}, {"generator": "seedance", "prompt": GYM, "seed": 11},
                     {"generator": "seedance", "prompt": BEACH}]})
    assert asked.status_code == 202, asked.text
    group = asked.json()
    assert group["count"] == 3 and {v["status"] for v in group["data"]} == {"queued"}
    assert [(v["variant"]["generator"], v["variant"]["prompt"], v["variant"]["seed"])
            for v in group["data"]] == [("sora", BEACH, 1), ("seedance", GYM, 11),
                                        ("seedance", BEACH, 3)]
    assert group["differs"] == ["generator", "prompt", "seed"]

    outcomes = render_all([v["id"] for v in group["data"]])
    assert [o["status"] for o in outcomes] == ["succeeded"] * 3, outcomes

    # each provider was asked for exactly its variants' prompts, with the product photo
    [sora_job] = openai_fake.videos.values()
    assert sora_job.prompt == BEACH and sora_job.input_reference is not None
    asked_ark = sorted((t["request"]["content"][0]["text"], t["request"]["seed"])
                       for t in ark.tasks.values())
    assert asked_ark == sorted([(GYM, 11), (BEACH, 3)])
    assert all(t["request"]["content"][1]["role"] == "first_frame" for t in ark.tasks.values())

    shown = client.get(f"/api/v1/candidates/{group['group']}", headers=h).json()
    assert {v["status"] for v in shown["data"]} == {"succeeded"}
    assert all(v["download_url"] and v["production_cost"] for v in shown["data"])
    gym = shown["data"][1]
    picked = client.post(f"/api/v1/candidates/{group['group']}/select", headers=h,
                         json={"video_id": gym["id"]})
    assert picked.status_code == 200, picked.text
    after = picked.json()
    assert after["selected_id"] == gym["id"]
    assert [v["status"] for v in after["data"]] == ["archived", "succeeded", "archived"]
    events = client.get("/api/v1/events", headers=h, params={"type": "video.selected"}).json()
    assert [(e["payload"]["video_id"], e["payload"]["candidate_group"])
            for e in events["data"]] == [(gym["id"], group["group"])]


def test_count_only_candidates_through_the_api_get_distinct_prompts(
        client, tenant, product: int) -> None:  # type: ignore[no-untyped-def]
    answer = client.post("/api/v1/candidates", headers=tenant.headers, json={
        "product": product, "template": "showcase", "generator": "seedance", "count": 3})
    assert answer.status_code == 202, answer.text
    variants = [v["variant"] for v in answer.json()["data"]]
    assert len({v["prompt"] for v in variants}) == 3
    assert [v["angle"] for v in variants] == ["hero", "in use", "detail"]
    assert all(v["prompt_by"] == "local" and v["hook"] for v in variants)
    assert answer.json()["differs"] == ["prompt", "seed"]
    # what the UI reads stays where it was
    first = answer.json()["data"][0]
    assert first["options"]["prompt"] == variants[0]["prompt"] and first["generator"] == "seedance"


def test_a_templates_candidates_show_the_generator_of_their_clip(
        client, tenant, product: int) -> None:  # type: ignore[no-untyped-def]
    answer = client.post("/api/v1/candidates", headers=tenant.headers, json={
        "product": product, "template": "showcase", "generator": "template",
        "options": {"ai_clip": {"generator": "sora"}},
        "variants": [{}, {"generator": "seedance"}]})
    assert answer.status_code == 202, answer.text
    data = answer.json()["data"]
    assert [v["generator"] for v in data] == ["template", "template"]
    assert [v["variant"]["generator"] for v in data] == ["sora", "seedance"]
    assert answer.json()["differs"] == ["generator", "prompt", "seed"]


def test_bad_variants_name_the_field(
        client, tenant, product: int) -> None:  # type: ignore[no-untyped-def]
    h = tenant.headers
    body: dict[str, Any] = {"product": product, "template": "showcase", "generator": "sora"}
    unknown = client.post("/api/v1/candidates", headers=h, json={
        **body, "variants": [{"prompt": "a"}, {"generator": "nope"}]})
    assert unknown.status_code == 422 and unknown.json()["field"] == "body.variants[1].generator"
    assert "no video generator named 'nope'" in unknown.json()["detail"]
    one = client.post("/api/v1/candidates", headers=h, json={**body, "variants": [{}]})
    assert one.status_code == 422 and "variants" in one.text
    mismatch = client.post("/api/v1/candidates", headers=h, json={
        **body, "count": 3, "variants": [{}, {}]})
    assert mismatch.status_code == 422 and "count is 3 but 2 variants" in mismatch.text
