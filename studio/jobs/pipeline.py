"""The work of one video, step by step; the thin tasks in ``studio.jobs.tasks`` call these.

Every step starts by asking the database whether the work is still wanted (a cancelled or
finished video is skipped, so queued work never starts after a cancel), and whether an
earlier run of this step was interrupted (a killed worker): then the attempt is counted and
the step runs again from scratch. Files are made in a private work folder and reach storage
only whole; the work folder is removed whatever happens.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from studio.config import get_settings
from studio.db import Job, Product, Video, session_scope
from studio.jobs.errors import Cancelled, describe, is_transient
from studio.jobs.media import probe, probe_and_poster
from studio.jobs.progress import ProgressReporter
from studio.product import ProductData
from studio.states import FINISHED, IllegalTransition, transition

MAX_ERROR = 2000
logger = logging.getLogger(__name__)


class WillRetry(Exception):
    """The step failed for a transient reason and its job went back to pending."""


@dataclass
class StepStart:
    """What a step needs to know, read in the step's first transaction."""

    proceed: bool
    outcome: dict[str, Any] = field(default_factory=dict)
    workspace_id: int = 0
    batch_id: int | None = None
    creative_code: str = ""
    render_version: int = 1
    generator: str = "template"
    template_id: str | None = None
    format: str = "9:16"
    options: dict[str, Any] = field(default_factory=dict)
    product: ProductData | None = None


def outcome(video_id: int, status: str, error: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"video_id": video_id, "status": status}
    if error:
        result["error"] = error
    return result


def product_data(product: Product | None) -> ProductData | None:
    if product is None:
        return None
    return ProductData(
        title=product.title, description=product.description or "", price=product.price,
        compare_at_price=product.compare_at_price, cost=product.cost, currency=product.currency,
        category=product.category or "", attributes=dict(product.attributes or {}),
        images=list(product.images or []), source=product.source,
        external_id=product.external_id,
    )


def begin_step(video_id: int, job_id: int, step: str) -> StepStart:
    with session_scope() as session:
        video = session.get(Video, video_id)
        job = session.get(Job, job_id)
        if video is None or job is None:
            return StepStart(False, outcome(video_id, "missing"))
        if video.status in FINISHED["video"] or job.status in FINISHED["job"]:
            return StepStart(False, outcome(video_id, video.status, video.error))
        payload = dict(job.payload or {})
        if job.status == "running" and payload.get("step") == step:
            # this step was started before and never finished: its worker died
            try:
                transition(session, job, "pending", reason=f"worker lost during {step}")
            except IllegalTransition:
                reason = (f"the worker making this video was lost {job.attempts} times "
                          f"during {step} (killed, or out of memory?)")
                transition(session, job, "failed", reason=reason)
                events = [transition(session, video, "failed", reason=reason)]
                events += _settle(session, video.batch_id)
                session.commit()
                notify(events)
                return StepStart(False, outcome(video_id, "failed", reason))
            if video.status == "running":
                transition(session, video, "queued", reason=f"worker lost during {step}")
        if job.status == "pending":
            transition(session, job, "running")
        if video.status in ("pending", "queued"):
            transition(session, video, "running")
            _batch_started(session, video.batch_id)
        job.payload = {**payload, "step": step, "step_state": "running"}
        # what earlier steps made (a prompt, AI clips in storage) reaches the later ones here
        made: dict[str, Any] = {k: payload[k] for k in ("prompt", "clip_keys") if k in payload}
        return StepStart(
            True, workspace_id=video.workspace_id, batch_id=video.batch_id,
            creative_code=video.creative_code, render_version=video.render_version,
            generator=video.generator, template_id=video.template_id, format=video.format,
            options={**(video.options or {}), **made}, product=product_data(video.product),
        )


def end_step(job_id: int, step: str, **payload: Any) -> None:
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is not None:
            job.payload = {**(job.payload or {}), **payload, "step": step, "step_state": "done"}


def fail_or_retry(video_id: int, job_id: int, exc: BaseException) -> dict[str, Any]:
    """Record a failed step: back to pending for a transient error (raises WillRetry while
    attempts remain), otherwise failed with the reason."""
    reason = describe(exc)
    with session_scope() as session:
        video = session.get(Video, video_id)
        job = session.get(Job, job_id)
        if video is None or job is None or video.status in FINISHED["video"]:
            return outcome(video_id, video.status if video else "missing")
        if is_transient(exc) and job.status == "running":
            try:
                transition(session, job, "pending", reason=f"will retry: {reason}")
                if video.status == "running":
                    transition(session, video, "queued", reason=f"will retry: {reason}")
                job.payload = {**(job.payload or {}), "step_state": "retrying"}
            except IllegalTransition:
                reason = f"gave up after {job.attempts} attempts: {reason}"
            else:
                session.commit()
                raise WillRetry(reason) from exc
        if job.status not in FINISHED["job"]:
            transition(session, job, "failed", reason=reason)
        events = [transition(session, video, "failed", reason=reason)]
        events += _settle(session, video.batch_id)
    notify(events)
    return outcome(video_id, "failed", reason)


def cancelled_outcome(video_id: int, job_id: int) -> dict[str, Any]:
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is not None and job.status not in FINISHED["job"]:
            transition(session, job, "cancelled", reason="cancelled by the seller")
        video = session.get(Video, video_id)
        events = _settle(session, video.batch_id) if video is not None else []
    notify(events)
    return outcome(video_id, "cancelled")


def _settle(session: Any, batch_id: int | None) -> list[Any]:
    """Close the batch if this was its last video; returns the event ids written."""
    if batch_id is None:
        return []
    from studio.db import Batch
    from studio.jobs.control import settle_if_allowed

    batch = session.get(Batch, batch_id)
    event = settle_if_allowed(session, batch) if batch is not None else None
    return [event] if event is not None else []


def notify(events: list[Any]) -> None:
    """Webhooks for committed events (video.succeeded/failed, batch.completed).

    Takes the event objects: their ids are set when the transaction is flushed.
    """
    if events:
        from studio.webhooks.dispatch import dispatch_events

        try:
            dispatch_events([event.id for event in events])
        except Exception:  # the video is done either way; say why its webhook is missing
            logger.exception("could not queue webhooks for events %s", [e.id for e in events])


def _batch_started(session: Any, batch_id: int | None) -> None:
    if batch_id is None:
        return
    from studio.db import Batch

    batch = session.get(Batch, batch_id)
    if batch is not None and batch.status == "pending":
        try:
            with session.begin_nested():
                transition(session, batch, "running")
        except IllegalTransition:
            pass  # another worker started it a moment ago


def work_folder(video_id: int, job_id: int) -> Path:
    """A private folder for this video's files; leftovers of earlier attempts are removed."""
    root = Path(get_settings().home) / "work"
    for old in root.glob(f"video-{video_id}-*"):
        shutil.rmtree(old, ignore_errors=True)
    folder = root / f"video-{video_id}-{job_id}-{time.time_ns()}"
    folder.mkdir(parents=True)
    return folder


# --- the render step ------------------------------------------------------------------------


def render(video_id: int, job_id: int) -> dict[str, Any]:
    """Compose and encode with the video's generator plugin, probe, poster, store."""
    start = begin_step(video_id, job_id, "render")
    if not start.proceed:
        return start.outcome
    reporter = ProgressReporter(video_id, job_id, start=0.0, span=0.95,
                                workspace_id=start.workspace_id)
    work = work_folder(video_id, job_id)
    try:
        done = _render_in(work, video_id, job_id, start, reporter)
    except Cancelled:
        done = cancelled_outcome(video_id, job_id)
    except WillRetry:
        raise
    except Exception as exc:
        done = fail_or_retry(video_id, job_id, exc)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if done["status"] in FINISHED["video"]:  # live watchers hear the end too
        ended = 1.0 if done["status"] == "succeeded" else reporter.last_fraction
        reporter.publish(ended, done.get("error", ""), status=done["status"])
    return done


def _render_in(work: Path, video_id: int, job_id: int, start: StepStart,
               reporter: ProgressReporter) -> dict[str, Any]:
    from studio.contracts import GenerationRequest
    from studio.plugins import get_generator
    from studio.storage import open_storage

    generator = get_generator(start.generator)
    capabilities = generator.capabilities()
    options = dict(start.options)
    options["creative_code"] = start.creative_code  # the generator tags the MP4 with it
    clips = [str(path) for path in _fetch_clips(work, options.pop("clip_keys", []))]
    if clips:
        options["clips"] = clips
    request = GenerationRequest(
        output_path=work / f"{start.creative_code}.mp4",
        aspect_ratio=start.format,  # type: ignore[arg-type]
        product=start.product, template_id=start.template_id,
        preview=bool(options.get("preview", False)), options=options,
        prompt=options.get("prompt"),
        seed=options["seed"] if isinstance(options.get("seed"), int) else None,
    )
    began = time.perf_counter()
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
            job = session.get(Job, job_id)
            assert video is not None and job is not None
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
            events: list[Any] = []
            if not start.options.get("analyze"):
                transition(session, job, "succeeded")
                events.append(transition(
                    session, video, "succeeded",
                    payload={"storage_key": video_key, "duration": info.duration},
                ))
                events += _settle(session, video.batch_id)
    except IllegalTransition:
        with session_scope() as session:
            now = session.get(Video, video_id)
            if now is not None and now.status == "succeeded" and now.storage_key == video_key:
                return outcome(video_id, "succeeded")  # a duplicate delivery finished first
        # cancelled while we encoded: what we stored must not be served
        storage.delete(video_key)
        storage.delete(poster_key)
        return cancelled_outcome(video_id, job_id)
    notify(events)
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
