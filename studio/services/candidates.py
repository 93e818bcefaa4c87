"""Candidates: N variants of one request that render in parallel; the seller keeps one.

Variants differ by generator, prompt and seed. The seller may spell them out
(``variants=[Variant(generator="sora", prompt="…"), …]``; what a variant leaves out comes from
the request), or ask for ``count`` of them: then each gets its own seed and, where a prompt
matters (a text-to-video generator, or a template with an AI clip), its own angle on the
product written by an AI service (``options.ai_copy`` names it; the offline ``local`` one by
default, so the same product always gets the same angles).

Each variant is its own video: its prompt, seed and angle are stored in its options (the API
and the web studio show what differs; for a template with an AI clip, ``options.ai_clip``
names the variant's generator), and its request key carries the group and the
variant's number, so every call makes a new group even for the same variant list.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from studio import outbox
from studio.db import Product, Scope, Video
from studio.errors import Conflict, InvalidInput, NotFound, Unavailable
from studio.events import record_event
from studio.product_media import product_data
from studio.schemas.videos import CandidatePublic, CandidatesPublic, CandidateVariant
from studio.services.requests import (
    URGENT,
    VideoRequest,
    check_requests,
    request_key,
)
from studio.services.submit import Submission, new_video, render_job
from studio.services.template_settings import settle_all
from studio.states import transition

MAX_CANDIDATES = 8


@dataclass(frozen=True)
class Variant:
    """One candidate's differences from the request; ``None`` keeps the request's."""

    generator: str | None = None
    prompt: str | None = None
    seed: int | None = None


def submit_candidates(
    scope: Scope,
    request: VideoRequest,
    *,
    count: int = 3,
    variants: Sequence[Variant] | None = None,
    priority: int = URGENT,
) -> Submission:
    """The candidates of ``request`` in one new group (``variants``, else ``count`` made
    up); their videos and render jobs are saved (sent when the caller commits)."""
    session, workspace_id = scope.session, scope.workspace_id
    if variants is not None:
        if not 1 <= len(variants) <= MAX_CANDIDATES:
            raise InvalidInput("candidates.count", field="variants", max=MAX_CANDIDATES)
        specs = list(variants)
    else:
        if not 1 <= count <= MAX_CANDIDATES:
            raise InvalidInput("candidates.count", field="count", max=MAX_CANDIDATES)
        specs = [Variant() for _ in range(count)]
    check_requests(scope, [request], field="")
    # the brand kit and saved templates (the template generator's), as a batch's videos
    [request], [version] = settle_all(scope, [request])
    base_seed = request.options.get("seed")
    base_seed = base_seed if isinstance(base_seed, int) and not isinstance(base_seed, bool) \
        else None
    base_prompt = request.options.get("prompt")
    base_prompt = base_prompt.strip() if isinstance(base_prompt, str) and base_prompt.strip() \
        else None

    generators = [spec.generator or request.generator for spec in specs]
    wants_prompt = [_prompt_matters(name, request.options, i) for i, name in enumerate(generators)]
    # angles: for a count, every variant; for a list, those that name no prompt of their own
    # while the request has none either (so no two AI variants end up with the same prompt)
    need_angles = [
        wants and spec.prompt is None and (variants is None or base_prompt is None)
        for spec, wants in zip(specs, wants_prompt, strict=True)
    ]
    angles = _angles(session, workspace_id, request, base_prompt, need_angles)

    group = secrets.token_hex(8)
    submission = Submission(batch_id=None, created=True, priority=priority)
    for index, (spec, generator) in enumerate(zip(specs, generators, strict=True)):
        options: dict[str, Any] = {**request.options, "candidate_group": group}
        about: dict[str, Any] = {"index": index + 1}
        if variants is None:
            options["seed"] = (base_seed or 0) + index + 1
        else:
            seed = spec.seed if spec.seed is not None else base_seed
            options["seed"] = seed if seed is not None else index + 1
        if spec.prompt is not None and spec.prompt.strip():
            options["prompt"], about["prompt_by"] = spec.prompt.strip(), "seller"
        elif index in angles:
            made, service = angles[index]
            options["prompt"] = made.prompt
            about.update(angle=made.angle, hook=made.hook, prompt_by=service)
            if made.negative_prompt and not options.get("negative_prompt"):
                options["negative_prompt"] = made.negative_prompt
        elif base_prompt is not None:
            options["prompt"], about["prompt_by"] = base_prompt, "seller"
        if "prompt" in options and "prompt_by" in about:
            # the prompt is written: an ai_copy step would only overwrite it with another
            options.pop("ai_copy", None)
        clip = options.get("ai_clip")
        if request.generator == "template" and isinstance(clip, dict) and generator != "template":
            # a template with an AI clip: the variant's generator makes the clip; the video
            # stays the template's (not a whole AI video plus a clip nobody shows)
            options["ai_clip"] = {**clip, "generator": generator}
            generator = "template"
        options["candidate"] = about
        variant = VideoRequest(product_id=request.product_id, template_id=request.template_id,
                               format=request.format, generator=generator, options=options)
        key = request_key(workspace_id, variant, version)
        video = new_video(session, workspace_id, variant, key, version)
        video.candidate_group = group
        job = render_job(session, video, priority)
        transition(session, video, "queued")
        submission.video_ids.append(video.id)
        submission.new_video_ids.append(video.id)
        submission.job_ids.append(job.id)
    outbox.add_jobs(session, submission.job_ids)
    return submission


def _prompt_matters(generator: str, options: dict[str, Any], index: int) -> bool:
    """Whether this variant's video is written from a prompt: an AI generator makes the
    whole video from it, a template uses it for its AI clip (``options.ai_clip``)."""
    if options.get("ai_clip"):
        return True
    if generator == "template":
        return False
    from studio.plugins import get_generator

    try:
        return bool(get_generator(generator).capabilities().text_to_video)
    except LookupError:
        from studio.services.requests import check_generators

        check_generators([generator], f"variants[{index}].generator")
        raise


def _angles(session: Any, workspace_id: int, request: VideoRequest,
            base_prompt: str | None, wanted: Sequence[bool]) -> dict[int, tuple[Any, str]]:
    """{variant index: (its VariantPrompt, the service that wrote it)} for the variants
    that need an angle, the n-th of them taking the n-th angle."""
    indexes = [i for i, want in enumerate(wanted) if want]
    if not indexes:
        return {}
    from studio.ai.ledger_db import DbUsageLedger
    from studio.ai.usage import default_budget, metered
    from studio.ai.variants import variant_prompts
    from studio.contracts import PluginError
    from studio.plugins import get_analyzer

    row = session.get(Product, request.product_id)
    assert row is not None  # check_requests found it
    product = product_data(row)
    chosen = request.options.get("ai_copy")
    name = chosen if isinstance(chosen, str) and chosen else "local"
    try:
        service = get_analyzer(name)
    except LookupError:
        raise InvalidInput("candidates.no_ai_service", field="options.ai_copy",
                           name=name) from None
    try:
        # a cloud service bills its tokens to the workspace, in this transaction
        with metered(str(workspace_id), ledger=DbUsageLedger(session=session),
                     budget=default_budget()):
            made = variant_prompts(service, product, len(indexes),
                                   template_id=request.template_id,
                                   aspect_ratio=request.format,  # type: ignore[arg-type]
                                   base_prompt=base_prompt)
    except PluginError as exc:
        raise Unavailable("candidates.prompts_unavailable", field="options.ai_copy",
                          name=name, detail=str(exc)) from exc
    return {index: (prompt, name) for index, prompt in zip(indexes, made, strict=True)}


def candidate_public(video: Any) -> CandidatePublic:
    from studio.services.videos import video_public

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


def group_of(scope: Scope, video_id: int) -> str:
    video = scope.get(Video, video_id)
    if video is None or not video.candidate_group:
        raise NotFound("video", video_id)
    return video.candidate_group


def candidate_group(scope: Scope, group: str) -> CandidatesPublic:
    videos = scope.list(Video, Video.candidate_group == group, order_by=Video.id)
    if not videos:
        raise NotFound("candidate_group", group)
    selected = next((v.id for v in videos if v.selected), None)
    data = [candidate_public(v) for v in videos]
    differs = [name for name in ("generator", "prompt", "seed")
               if len({getattr(c.variant, name) for c in data}) > 1]
    return CandidatesPublic(group=group, selected_id=selected, data=data, count=len(videos),
                            differs=differs)


def select_candidate(scope: Scope, group: str, video_id: int) -> CandidatesPublic:
    """Pick one variant; the other finished variants are archived (picking again restores)."""
    videos = scope.list(Video, Video.candidate_group == group)
    if not videos:
        raise NotFound("candidate_group", group)
    chosen = next((v for v in videos if v.id == video_id), None)
    if chosen is None:
        raise InvalidInput("candidates.not_member", field="video_id", video_id=video_id,
                           group=group, choices=", ".join(str(v.id) for v in videos))
    # an archived candidate was finished and set aside by an earlier pick: it can come back
    restorable = chosen.status == "archived" and chosen.storage_key is not None
    if chosen.status != "succeeded" and not restorable:
        raise Conflict("candidates.not_finished", field="video_id", id=chosen.id,
                       status=chosen.status)
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
    return candidate_group(scope, group)
