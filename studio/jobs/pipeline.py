"""The render step of one video: compose and encode with the video's generator, probe,
poster, store. The thin task ``studio.video.render`` calls :func:`render`.

The generator gets the product with every photo a local file (``studio.product_media``) and
a scratch folder; what it makes reaches storage only whole, and the work folder is removed
whatever happens.
"""

from __future__ import annotations

import logging
import shutil
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from studio.db import Job, Video, session_scope
from studio.jobs.dispatch import token_matches
from studio.jobs.errors import Cancelled
from studio.jobs.media import probe, probe_and_poster
from studio.jobs.plugin_failure import calling
from studio.jobs.progress import ProgressReporter, Superseded
from studio.jobs.steps import (
    StepStart,
    WillRetry,
    begin_step,
    cancelled_outcome,
    fail_or_retry,
    outcome,
    settle,
    work_folder,
)
from studio.product_media import with_local_photos
from studio.states import IllegalTransition, transition

logger = logging.getLogger(__name__)


# --- the render step ------------------------------------------------------------------------


def render(video_id: int, job_id: int, token: str | None = None) -> dict[str, Any]:
    """Compose and encode with the video's generator plugin, probe, poster, store."""
    start = begin_step(video_id, job_id, "render", token)
    if not start.proceed:
        return start.outcome
    reporter = ProgressReporter(video_id, job_id, start=0.0, span=0.95,
                                workspace_id=start.workspace_id, token=token)
    work = work_folder(video_id, job_id)
    try:
        done = _render_in(work, video_id, job_id, start, reporter)
    except Cancelled:  # or Superseded: sent again meanwhile, then nothing is changed
        done = cancelled_outcome(video_id, job_id, token)
    except WillRetry:
        raise
    except Exception as exc:
        done = fail_or_retry(video_id, job_id, exc, token)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return done


def _render_in(work: Path, video_id: int, job_id: int, start: StepStart,
               reporter: ProgressReporter) -> dict[str, Any]:
    from studio.contracts import GenerationRequest
    from studio.plugins import get_generator
    from studio.storage import open_storage

    generator = get_generator(start.generator)
    options = dict(start.options)
    options["creative_code"] = start.creative_code  # the generator tags the MP4 with it
    clips = [str(path) for path in _fetch_clips(work, options.pop("clip_keys", []))]
    if clips:
        options["clips"] = clips
    product = (with_local_photos(start.product, work / "photos")
               if start.product is not None else None)
    (work / "scratch").mkdir()
    request = GenerationRequest(
        output_path=work / f"{start.creative_code}.mp4",
        aspect_ratio=start.format,  # type: ignore[arg-type]
        product=product, template_id=start.template_id, scratch_dir=work / "scratch",
        preview=bool(options.get("preview", False)), options=options,
        prompt=options.get("prompt"),
        seed=options["seed"] if isinstance(options.get("seed"), int) else None,
    )
    began = time.perf_counter()
    with calling(start.generator):  # a failure in its code names it (plugin_failure)
        capabilities = generator.capabilities()
        result = generator.generate(request, reporter)
    render_seconds = time.perf_counter() - began
    reporter.check_cancelled()

    encoded = time.perf_counter()
    poster = _generator_poster(result.metadata.get("poster"), work)
    if poster is not None:  # made with the render: no second ffmpeg run over the video
        info = probe(Path(result.path))
    else:
        poster = work / "poster.jpg"
        at = min(1.0, result.duration / 3) if result.duration else 0.0
        info = probe_and_poster(Path(result.path), poster, at=at)
    checked = time.perf_counter()
    storage = open_storage()
    stem = f"videos/{start.workspace_id}/{start.creative_code}-v{start.render_version}"
    video_key, poster_key = f"{stem}.mp4", f"{stem}.jpg"
    storage.put_file(poster_key, poster, content_type="image/jpeg", move=True)
    storage.put_file(video_key, Path(result.path), content_type="video/mp4", move=True)
    shutil.rmtree(work, ignore_errors=True)  # before "succeeded": done means nothing left over
    timings = {"generate": round(encoded - began, 3), "probe_poster": round(checked - encoded, 3),
               "store": round(time.perf_counter() - checked, 3)}

    from studio.usage import record_render

    try:
        with session_scope() as session:
            video = session.get(Video, video_id)
            # locked: the job cannot be sent again between this check and "succeeded"
            job = session.get(Job, job_id, with_for_update=True)
            assert video is not None and job is not None
            if not token_matches(job.celery_task_id, start.token):
                # sent again while this attempt was frozen or cut off: the attempt that
                # owns the job now finishes it (same storage key: nothing to delete)
                raise Superseded(f"video {video_id} was sent to another worker")
            video.storage_key, video.poster_key = video_key, poster_key
            video.duration, video.width, video.height = info.duration, info.width, info.height
            cost = record_render(
                session, workspace_id=video.workspace_id, video_id=video.id, job_id=job.id,
                render_seconds=render_seconds, output_seconds=info.duration,
                generator=start.generator, ai_cost=Decimal(result.cost), currency=result.currency,
                ai_generated=bool(result.cost) or capabilities.text_to_video,
            )
            video.production_cost = cost
            video.production_currency = "USD" if result.currency == "USD" else result.currency
            job.payload = {**(job.payload or {}), "step": "render", "step_state": "done",
                           "render_seconds": round(render_seconds, 3), "timings": timings}
            if not start.options.get("analyze"):
                transition(session, job, "succeeded")
                transition(session, video, "succeeded",
                           payload={"storage_key": video_key, "duration": info.duration})
                settle(session, video.batch_id)
    except IllegalTransition:
        with session_scope() as session:
            now = session.get(Video, video_id)
            if now is not None and now.status == "succeeded" and now.storage_key == video_key:
                return outcome(video_id, "succeeded")  # a duplicate delivery finished first
        # cancelled while we encoded: what we stored must not be served
        storage.delete(video_key)
        storage.delete(poster_key)
        return cancelled_outcome(video_id, job_id, start.token)
    status = "rendered" if start.options.get("analyze") else "succeeded"
    return outcome(video_id, status)


def _generator_poster(made: Any, work: Path) -> Path | None:
    """The poster a generator handed over (``GenerationResult.metadata["poster"]``), as a
    file storage may move: the generator's own file when it is in the work folder, else a
    copy (a generator may keep what it made elsewhere)."""
    if not made:
        return None
    path = Path(made)
    if not path.is_file() or path.stat().st_size == 0:
        logger.warning("the generator's poster %s is missing or empty; taking one", path)
        return None
    if path.resolve().is_relative_to(work.resolve()):
        return path
    copy = work / "poster.jpg"
    shutil.copyfile(path, copy)
    return copy


def _fetch_clips(work: Path, keys: list[str]) -> list[Path]:
    """AI clips made by an earlier step (maybe on another machine) come through storage."""
    if not keys:
        return []
    from studio.storage import open_storage

    storage = open_storage()
    return [storage.get_file(key, work / Path(key).name) for key in keys]
