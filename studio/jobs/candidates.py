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

from sqlalchemy.orm import Session

from studio.db import Product
from studio.jobs.submit import (
    URGENT,
    Submission,
    SubmissionError,
    VideoRequest,
    _check,
    _render_job,
    _video_for,
    request_key,
    template_version,
)
from studio.states import transition

MAX_CANDIDATES = 8


@dataclass(frozen=True)
class Variant:
    """One candidate's differences from the request; ``None`` keeps the request's."""

    generator: str | None = None
    prompt: str | None = None
    seed: int | None = None


def submit_candidates(
    session: Session,
    workspace_id: int,
    request: VideoRequest,
    *,
    count: int = 3,
    variants: Sequence[Variant] | None = None,
    priority: int = URGENT,
) -> Submission:
    """The candidates of ``request`` in one new group (``variants``, else ``count`` made
    up); their videos and render jobs are created and committed. Call
    :func:`studio.jobs.dispatch.dispatch` with the result."""
    if variants is not None:
        if not 1 <= len(variants) <= MAX_CANDIDATES:
            raise SubmissionError(f"variants must list between 1 and {MAX_CANDIDATES} candidates")
        specs = list(variants)
    else:
        if not 1 <= count <= MAX_CANDIDATES:
            raise SubmissionError(f"count must be between 1 and {MAX_CANDIDATES} candidates")
        specs = [Variant() for _ in range(count)]
    _check(session, workspace_id, 0, request)
    version = template_version(session, request.template_id)
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
        video, _ = _video_for(session, workspace_id, variant, key, version, None,
                              known_new=True)
        video.candidate_group = group
        job, _ = _render_job(session, video, priority, known_new=True)
        transition(session, video, "queued")
        submission.video_ids.append(video.id)
        submission.new_video_ids.append(video.id)
        submission.to_dispatch.append((video.id, job.id))
    session.commit()
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
        raise SubmissionError(
            f"variant {index + 1}: no video generator named {generator!r}; "
            "see the plugins list for the installed ones"
        ) from None


def _angles(session: Session, workspace_id: int, request: VideoRequest,
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
    from studio.jobs.pipeline import product_data
    from studio.plugins import get_analyzer

    product = product_data(session.get(Product, request.product_id))
    assert product is not None  # _check found it
    chosen = request.options.get("ai_copy")
    name = chosen if isinstance(chosen, str) and chosen else "local"
    try:
        service = get_analyzer(name)
    except LookupError:
        raise SubmissionError(
            f"options.ai_copy: no AI service named {name!r} writes the candidates' prompts"
        ) from None
    try:
        # a cloud service bills its tokens to the workspace, in this transaction
        with metered(str(workspace_id), ledger=DbUsageLedger(session=session),
                     budget=default_budget()):
            made = variant_prompts(service, product, len(indexes),
                                   template_id=request.template_id,
                                   aspect_ratio=request.format,  # type: ignore[arg-type]
                                   base_prompt=base_prompt)
    except PluginError as exc:
        raise PromptsUnavailable(
            f"{name} could not write the candidates' prompts: {exc}. Try again, send "
            "your own prompts in `variants`, or set options.ai_copy to \"local\"."
        ) from exc
    return {index: (prompt, name) for index, prompt in zip(indexes, made, strict=True)}


class PromptsUnavailable(SubmissionError):
    """The AI service that writes the candidates' prompts failed (nothing was created)."""
