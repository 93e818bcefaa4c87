"""Candidates: variants of one request by generator, prompt and seed — on SQLite and PostgreSQL.

No worker here: what the submission stores is what the workers render (the cloud tests render
them through the real SDKs).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from studio.db import Job, Product, Scope, Video, Workspace
from studio.errors import InvalidInput
from studio.services.candidates import Variant, submit_candidates
from studio.services.requests import VideoRequest


@pytest.fixture
def shop(studio_home_db, session: Session) -> dict[str, int]:  # type: ignore[no-untyped-def]
    workspace = Workspace(name="shop", slug="shop")
    session.add(workspace)
    session.flush()
    product = Product(workspace_id=workspace.id, title="Portable Blender Bottle",
                      description="Cordless, USB-C rechargeable. Smoothies in 30 seconds.",
                      price=Decimal("39.99"), compare_at_price=Decimal("59.99"),
                      category="Kitchen", images=[], source="t", external_id="1")
    session.add(product)
    session.commit()
    return {"shop": workspace.id, "product": product.id}


def made(session: Session, video_ids: list[int]) -> list[Video]:
    return [v for v in (session.get(Video, i) for i in video_ids) if v is not None]


def test_count_only_ai_candidates_get_distinct_prompts_and_seeds(
        session: Session, shop: dict[str, int]) -> None:
    request = VideoRequest(product_id=shop["product"], template_id="showcase",
                           generator="sora")
    first = submit_candidates(Scope(session, shop["shop"]), request, count=3)
    videos = made(session, first.video_ids)
    assert len(videos) == 3 and len(first.job_ids) == 3
    assert len({v.candidate_group for v in videos}) == 1
    assert [v.options["seed"] for v in videos] == [1, 2, 3]
    prompts = [v.options["prompt"] for v in videos]
    assert len(set(prompts)) == 3
    # each is the product told from its own angle, written offline by the local service
    assert all(p.startswith("Portable Blender Bottle") for p in prompts)
    assert [v.options["candidate"]["angle"] for v in videos] == ["hero", "in use", "detail"]
    assert {v.options["candidate"]["prompt_by"] for v in videos} == {"local"}
    assert all(v.status == "queued" and v.generator == "sora" for v in videos)

    # the same request again: a new group, the same angles (deterministic), new videos
    again = submit_candidates(Scope(session, shop["shop"]), request, count=3)
    repeat = made(session, again.video_ids)
    assert repeat[0].candidate_group != videos[0].candidate_group
    assert not set(again.video_ids) & set(first.video_ids)
    assert [v.options["prompt"] for v in repeat] == prompts


def test_a_template_without_an_ai_clip_varies_by_seed_only(
        session: Session, shop: dict[str, int]) -> None:
    request = VideoRequest(product_id=shop["product"], template_id="showcase")
    scope = Scope(session, shop["shop"])
    videos = made(session, submit_candidates(scope, request, count=2).video_ids)
    assert [v.options["seed"] for v in videos] == [1, 2]
    assert all("prompt" not in v.options for v in videos)  # nothing would read it
    with_clip = VideoRequest(product_id=shop["product"], template_id="showcase",
                             options={"ai_clip": {"generator": "seedance"}})
    clips = made(session, submit_candidates(scope, with_clip, count=2).video_ids)
    assert len({v.options["prompt"] for v in clips}) == 2  # the AI clip is written from it


def test_listed_variants_by_generator_prompt_and_seed(session: Session,
                                                      shop: dict[str, int]) -> None:
    request = VideoRequest(product_id=shop["product"], template_id="showcase",
                           generator="sora", options={"seed": 7, "preview": True,
                                                      "ai_copy": "local"})
    variants = [Variant(generator="sora", prompt="Bottle on a beach at sunset"),
                Variant(generator="seedance", prompt="Bottle in a gym bag", seed=3),
                Variant()]
    submission = submit_candidates(Scope(session, shop["shop"]), request, variants=variants)
    videos = made(session, submission.video_ids)
    assert [v.generator for v in videos] == ["sora", "seedance", "sora"]
    assert [v.options["seed"] for v in videos] == [7, 3, 7]  # unset: the request's
    assert videos[0].options["prompt"] == "Bottle on a beach at sunset"
    assert videos[1].options["prompt"] == "Bottle in a gym bag"
    # no prompt anywhere: an angle, so it is not the same take as another variant
    assert videos[2].options["candidate"]["angle"] == "hero"
    assert [v.options["candidate"]["prompt_by"] for v in videos] == ["seller", "seller", "local"]
    # the prompts are written: no AI-copy step may overwrite them later
    assert all("ai_copy" not in v.options and v.options["preview"] for v in videos)
    assert len({v.idempotency_key for v in videos}) == 3
    jobs = [session.get(Job, j) for j in submission.job_ids]
    assert [j.video_id for j in jobs if j] == submission.video_ids

    # the very same list again is a new group of new videos
    again = submit_candidates(Scope(session, shop["shop"]), request, variants=variants)
    assert not set(again.video_ids) & set(submission.video_ids)
    assert made(session, again.video_ids)[0].candidate_group != videos[0].candidate_group


def test_a_templates_variants_differ_by_the_generator_of_their_ai_clip(
        session: Session, shop: dict[str, int]) -> None:
    request = VideoRequest(product_id=shop["product"], template_id="showcase",
                           options={"ai_clip": {"generator": "sora", "duration": 4}})
    videos = made(session, submit_candidates(Scope(session, shop["shop"]), request, variants=[
        Variant(), Variant(generator="seedance", prompt="In a gym bag")]).video_ids)
    # still template videos: the variant's generator makes the clip, not the whole video
    assert [v.generator for v in videos] == ["template", "template"]
    assert [v.options["ai_clip"] for v in videos] == [
        {"generator": "sora", "duration": 4}, {"generator": "seedance", "duration": 4}]
    assert videos[1].options["prompt"] == "In a gym bag"


def test_a_request_prompt_is_the_fallback_and_the_base_of_the_angles(
        session: Session, shop: dict[str, int]) -> None:
    request = VideoRequest(product_id=shop["product"], template_id="showcase", generator="sora",
                           options={"prompt": "A blender bottle on a marble counter"})
    listed = made(session, submit_candidates(Scope(session, shop["shop"]), request,
        variants=[Variant(generator="seedance"), Variant(prompt="On a desk")]).video_ids)
    assert [v.options["prompt"] for v in listed] == ["A blender bottle on a marble counter",
                                                     "On a desk"]
    scope = Scope(session, shop["shop"])
    counted = made(session, submit_candidates(scope, request, count=2).video_ids)
    assert all(v.options["prompt"].startswith("A blender bottle on a marble counter. Angle:")
               for v in counted)
    assert counted[0].options["prompt"] != counted[1].options["prompt"]


def test_bad_candidates_are_refused_with_what_to_fix(session: Session,
                                                     shop: dict[str, int]) -> None:
    request = VideoRequest(product_id=shop["product"], template_id="showcase", generator="sora")
    with pytest.raises(InvalidInput, match="between 1 and 8"):
        submit_candidates(Scope(session, shop["shop"]), request, count=20)
    with pytest.raises(InvalidInput, match="between 1 and 8"):
        submit_candidates(Scope(session, shop["shop"]), request, variants=[Variant()] * 9)
    with pytest.raises(InvalidInput, match="no video generator named 'nope'") as unknown:
        submit_candidates(Scope(session, shop["shop"]), request,
                          variants=[Variant(), Variant(generator="nope")])
    assert unknown.value.field == "variants[1].generator"  # the API points at variant 2
    with pytest.raises(InvalidInput, match="no AI service named 'nobody'"):
        submit_candidates(Scope(session, shop["shop"]), VideoRequest(
            product_id=shop["product"], template_id="showcase", generator="sora",
            options={"ai_copy": "nobody"}), count=2)
    assert session.query(Video).count() == 0  # nothing half-made
