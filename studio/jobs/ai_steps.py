"""The optional AI steps of a video's chain: copy/prompt, AI clips, analysis.

Each runs on the ``ai`` queue (slow, rate-limited providers) and hands its output to the next
step through the job row and storage, so the steps may run on different machines.
"""

from __future__ import annotations

import contextlib
import shutil
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.db import Job, Video, session_scope
from studio.jobs.dispatch import token_matches
from studio.jobs.errors import Cancelled, PermanentError
from studio.jobs.plugin_failure import calling
from studio.jobs.progress import ProgressReporter, Superseded
from studio.jobs.steps import (
    StepStart,
    WillRetry,
    begin_step,
    cancelled_outcome,
    end_step,
    fail_or_retry,
    outcome,
    settle,
    work_folder,
)
from studio.product_media import with_local_photos
from studio.states import transition

if TYPE_CHECKING:
    from studio.ai.usage import UsageScope


def _service_name(value: Any, default: str) -> str:
    return value if isinstance(value, str) and value else default


def _metered(start: StepStart, video_id: int, job_id: int, *, record: bool
             ) -> contextlib.AbstractContextManager[UsageScope]:
    """Bill the step's cloud work to the video's workspace and refuse it past the budget.

    ``record=False`` where the step writes its own usage row (AI clips), so the cloud
    plugin's own report is not counted twice; the budget is checked either way. A video the
    autopilot asked for is also held to the autopilot's daily cap on AI spend. A passed check
    holds the step's estimate under both until its usage is recorded or the step ends; a hold
    a killed worker left behind lapses after the ai queue's hard time limit (no step of it
    runs longer, so a live step's hold never lapses first), or when the job runs again."""
    from studio.ai.ledger_db import DbUsageLedger
    from studio.ai.usage import default_budget, metered
    from studio.jobs.celery_app import AI_HARD_LIMIT

    hold = uuid.uuid4().hex
    limits: tuple[Callable[[Decimal, str], None], ...] = ()
    if start.options.get("autopilot"):
        from studio.services.autopilot_caps import spend_cap

        limits = (spend_cap(start.workspace_id, video_id, hold=hold, job_id=job_id,
                            hold_seconds=AI_HARD_LIMIT),)
    return metered(str(start.workspace_id), ledger=DbUsageLedger(record=record),
                   budget=default_budget(), video_id=str(video_id), limits=limits,
                   hold=hold, job_id=job_id, hold_seconds=AI_HARD_LIMIT)


def prepare(video_id: int, job_id: int, token: str | None = None) -> dict[str, Any]:
    """Copy/prompt from an AI service (``options.ai_copy`` names it; ``true`` = local)."""
    start = begin_step(video_id, job_id, "prepare", token)
    if not start.proceed:
        return start.outcome
    try:
        from studio.contracts import PromptContext
        from studio.plugins import get_analyzer

        if start.product is None:
            raise PermanentError("AI copy needs a product; this video has none")
        service = get_analyzer(_service_name(start.options.get("ai_copy"), "local"))
        # token costs: nothing else records them
        with _metered(start, video_id, job_id, record=True), calling(service.name):
            prompt = service.generate_prompt(PromptContext(
                product=start.product, template_id=start.template_id,
                aspect_ratio=start.format,  # type: ignore[arg-type]
            ))
        end_step(job_id, "prepare", prompt=prompt.prompt)
        return outcome(video_id, "prepared")
    except WillRetry:
        raise
    except Exception as exc:
        return fail_or_retry(video_id, job_id, exc, token)


def ai_clips(video_id: int, job_id: int, token: str | None = None) -> dict[str, Any]:
    """An AI clip from a generator plugin (``options.ai_clip = {"generator": "sora", ...}``),
    stored so the render step on any machine can fetch it."""
    start = begin_step(video_id, job_id, "ai_clips", token)
    if not start.proceed:
        return start.outcome
    work = work_folder(video_id, job_id)
    try:
        from studio.ai.ledger_db import drop_holds
        from studio.contracts import GenerationRequest
        from studio.plugins import get_generator
        from studio.storage import open_storage
        from studio.usage import record_usage

        spec = start.options.get("ai_clip") or {}
        spec = spec if isinstance(spec, dict) else {}
        generator = get_generator(_service_name(spec.get("generator"), "sora"))
        title = start.product.title if start.product else ""
        # like the render step: the product's photos as local files, and a scratch folder
        product = (with_local_photos(start.product, work / "photos")
                   if start.product is not None else None)
        (work / "scratch").mkdir()
        request = GenerationRequest(
            output_path=work / "clip.mp4", aspect_ratio=start.format,  # type: ignore[arg-type]
            duration=spec.get("duration"), product=product, scratch_dir=work / "scratch",
            prompt=start.options.get("prompt") or spec.get("prompt") or title,
        )
        reporter = ProgressReporter(video_id, job_id, start=0.0, span=0.5, token=token)
        began = time.perf_counter()
        with _metered(start, video_id, job_id, record=False) as usage:
            with calling(generator.name):
                result = generator.generate(request, reporter)  # usage recorded below, once
            key = (f"clips/{start.workspace_id}/{start.creative_code}"
                   f"-v{start.render_version}-1.mp4")
            open_storage().put_file(key, Path(result.path), content_type="video/mp4",
                                    move=True)
            with session_scope() as session:
                record_usage(session, workspace_id=start.workspace_id, video_id=video_id,
                             job_id=job_id, kind="ai_seconds", quantity=result.duration,
                             cost=Decimal(result.cost), currency=result.currency,
                             provider=generator.name)
                # the hold goes with the record, never before it: no check sees neither
                drop_holds(session, usage.hold)
        end_step(job_id, "ai_clips", clip_keys=[key],
                 ai_wall_seconds=round(time.perf_counter() - began, 3))
        return outcome(video_id, "clips_ready")
    except Cancelled:
        return cancelled_outcome(video_id, job_id, token)
    except WillRetry:
        raise
    except Exception as exc:
        return fail_or_retry(video_id, job_id, exc, token)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def analyze(video_id: int, job_id: int, token: str | None = None) -> dict[str, Any]:
    """Analysis of the finished video (``options.analyze`` names the AI service)."""
    start = begin_step(video_id, job_id, "analyze", token)
    if not start.proceed:
        return start.outcome
    work = work_folder(video_id, job_id)
    try:
        from studio.contracts import VideoInput
        from studio.plugins import get_analyzer
        from studio.storage import open_storage

        with session_scope() as session:
            video = session.get(Video, video_id)
            key = video.storage_key if video else None
        if not key:
            raise PermanentError("there is no rendered file to analyse")
        local = open_storage().get_file(key, work / Path(key).name)
        service = get_analyzer(_service_name(start.options.get("analyze"), "local"))
        with _metered(start, video_id, job_id, record=True), calling(service.name):
            analysis = service.analyze_video(VideoInput(
                path=local, aspect_ratio=start.format,  # type: ignore[arg-type]
                product=start.product,
            ))
        with session_scope() as session:
            job = session.get(Job, job_id, with_for_update=True)
            video = session.get(Video, video_id)
            assert job is not None and video is not None
            if not token_matches(job.celery_task_id, token):
                raise Superseded(f"video {video_id} was sent to another worker")
            job.payload = {**(job.payload or {}), "step": "analyze", "step_state": "done",
                           "analysis": analysis.model_dump(mode="json")}
            transition(session, job, "succeeded")
            transition(session, video, "succeeded",
                       payload={"storage_key": key, "analysed": True})
            settle(session, video.batch_id)
        return outcome(video_id, "succeeded")
    except Cancelled:
        return cancelled_outcome(video_id, job_id, token)
    except WillRetry:
        raise
    except Exception as exc:
        return fail_or_retry(video_id, job_id, exc, token)
    finally:
        shutil.rmtree(work, ignore_errors=True)
