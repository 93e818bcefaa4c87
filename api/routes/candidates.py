"""AI candidates: the N variants made for one request, and the seller's choice among them.

Variants differ by generator, prompt and seed (``variants``), or are made up from ``count``
(each its own seed and product angle); the group shows per candidate what differs.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import ApiSettingsDep, CurrentWorkspace, ScopeDep, SessionDep
from api.errors import Problem
from api.jobs import check_generators, dispatch, submission_error
from api.routes.videos import video_public
from api.schemas.videos import (
    CandidatePublic,
    CandidatesCreate,
    CandidatesPublic,
    CandidateVariant,
)
from api.services import service
from studio.db import Scope, Video
from studio.events import record_event
from studio.states import transition

router = APIRouter(prefix="/candidates", tags=["candidates"])

Group = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


class CandidateSelect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    video_id: int = Field(ge=1, le=2**63 - 1)


def _group(scope: Scope, group: str) -> CandidatesPublic:
    videos = scope.list(Video, Video.candidate_group == group, order_by=Video.id)
    if not videos:
        raise Problem(
            404, f"candidate group {group} was not found in this workspace", slug="not-found"
        )
    selected = next((v.id for v in videos if v.selected), None)
    data = [candidate_public(v) for v in videos]
    differs = [name for name in ("generator", "prompt", "seed")
               if len({getattr(c.variant, name) for c in data}) > 1]
    return CandidatesPublic(group=group, selected_id=selected, data=data, count=len(videos),
                            differs=differs)


def candidate_public(video: Video) -> CandidatePublic:
    public = video_public(video)
    options = video.options or {}
    raw = options.get("candidate")
    about: dict[str, Any] = raw if isinstance(raw, dict) else {}
    seed, prompt = options.get("seed"), options.get("prompt")

    def text(value: object) -> str | None:
        return value if isinstance(value, str) and value else None

    clip = options.get("ai_clip")
    # a template's candidates differ by the generator of their AI clip
    clip_generator = clip.get("generator") if isinstance(clip, dict) else None
    variant = CandidateVariant(
        index=about.get("index") if isinstance(about.get("index"), int) else None,
        generator=text(clip_generator) or video.generator,
        prompt=text(prompt), seed=seed if isinstance(seed, int) else None,
        angle=text(about.get("angle")), hook=text(about.get("hook")),
        prompt_by=text(about.get("prompt_by")),
    )
    return CandidatePublic(**public.model_dump(), variant=variant)


def _problem(exc: ValueError) -> Problem:
    """The submission's error, pointing at the variant it names (the request itself is
    item 1 of the jobs service's messages: no field of its own)."""
    problem = submission_error(exc)
    found = re.match(r"variant (\d+)\b", str(exc))
    problem.field = f"body.variants[{int(found.group(1)) - 1}]" if found else None
    return problem


@router.post("", response_model=CandidatesPublic, status_code=202)
def create_candidates(
    body: CandidatesCreate, caller: CurrentWorkspace, session: SessionDep, scope: ScopeDep,
    api: ApiSettingsDep,
) -> CandidatesPublic:
    """Ask for variants of one video — `count` of them, or the listed `variants` (generators,
    prompts, seeds) — to render in parallel; pick one when they are done."""
    submit = service(("studio.jobs.candidates", "submit_candidates"))
    check_generators([body.generator], "body.generator")
    for i, spec in enumerate(body.variants or []):
        if spec.generator is not None:
            check_generators([spec.generator], f"body.variants[{i}].generator")
    from studio.jobs.candidates import PromptsUnavailable, Variant
    from studio.jobs.submit import VideoRequest

    request = VideoRequest(product_id=body.product, template_id=body.template,
                           format=body.format, generator=body.generator, options=body.options)
    variants = None if body.variants is None else [
        Variant(generator=v.generator, prompt=v.prompt, seed=v.seed) for v in body.variants
    ]
    try:
        submission = submit(session, caller.workspace_id, request, count=body.count,
                            variants=variants)
    except PromptsUnavailable as exc:
        raise Problem(503, str(exc), slug="unavailable", field="body.options.ai_copy") from None
    except ValueError as exc:
        raise _problem(exc) from None
    dispatch(submission, api)
    video = scope.get(Video, submission.video_ids[0])
    assert video is not None and video.candidate_group
    return _group(scope, video.candidate_group)


@router.get("/{group}", response_model=CandidatesPublic)
def get_candidates(group: Group, scope: ScopeDep) -> CandidatesPublic:
    return _group(scope, group)


@router.post("/{group}/select", response_model=CandidatesPublic)
def select_candidate(
    group: Group, body: CandidateSelect, scope: ScopeDep, response: Response
) -> CandidatesPublic:
    """Pick one variant; the other finished variants are archived (picking again restores)."""
    videos = scope.list(Video, Video.candidate_group == group)
    if not videos:
        raise Problem(
            404, f"candidate group {group} was not found in this workspace", slug="not-found"
        )
    chosen = next((v for v in videos if v.id == body.video_id), None)
    if chosen is None:
        raise Problem(
            422, f"video {body.video_id} is not one of the candidates of {group}; "
            f"pick one of {[v.id for v in videos]}", field="body.video_id",
        )
    # an archived candidate was finished and set aside by an earlier pick: it can come back
    restorable = chosen.status == "archived" and chosen.storage_key is not None
    if chosen.status != "succeeded" and not restorable:
        raise Problem(409, f"video {chosen.id} is {chosen.status}; select a finished candidate",
                      slug="conflict", field="body.video_id")
    if restorable:
        transition(scope.session, chosen, "succeeded", reason="picked among its candidates")
    for video in videos:
        video.selected = video.id == chosen.id
        if not video.selected and video.status == "succeeded":
            transition(scope.session, video, "archived",
                       reason=f"candidate {chosen.id} was picked instead")
    record_event(scope.session, workspace_id=scope.workspace_id, type="video.selected",
                 subject_type="video", subject_id=chosen.id,
                 payload={"candidate_group": group, "video_id": chosen.id})
    scope.session.flush()
    return _group(scope, group)
