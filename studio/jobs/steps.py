"""What every step of a video's work does first and last: the shared bookkeeping.

Every step starts by asking the database whether the work is still wanted (a cancelled or
finished video is skipped, so queued work never starts after a cancel), whether the message
is the job's current one (a job sent again after its worker was lost gets a new send token;
the old message is dropped), and whether an earlier run of this step was interrupted (a
killed worker): then the attempt is counted and the step runs again from scratch. Files are
made in a private work folder that is removed whatever happens.

Webhooks and live progress need no call here: they follow the events that the state machine
writes (:mod:`studio.outbox`).
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from studio.batch_state import settle
from studio.config import get_settings
from studio.db import Batch, Job, Video, session_scope
from studio.jobs.dispatch import token_matches
from studio.jobs.errors import describe, is_transient
from studio.jobs.plugin_failure import one_line, plugin_of, story
from studio.product import ProductData
from studio.product_media import product_data
from studio.states import FINISHED, IllegalTransition, transition

log = logging.getLogger(__name__)


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
    token: str | None = None


def outcome(video_id: int, status: str, error: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"video_id": video_id, "status": status}
    if error:
        result["error"] = error
    return result


def begin_step(video_id: int, job_id: int, step: str, token: str | None = None) -> StepStart:
    with session_scope() as session:
        video = session.get(Video, video_id)
        job = session.get(Job, job_id)
        if video is None or job is None:
            return StepStart(False, outcome(video_id, "missing"))
        # a stale message first: what another attempt finished is not this one's to report
        if not token_matches(job.celery_task_id, token):
            log.info("video %s: dropping a stale message of job %s (it was sent again)",
                     video_id, job_id)
            return StepStart(False, outcome(video_id, "superseded"))
        if video.status in FINISHED["video"] or job.status in FINISHED["job"]:
            return StepStart(False, outcome(video_id, video.status, video.error))
        payload = dict(job.payload or {})
        if job.status == "running" and payload.get("step") == step \
                and payload.get("step_state") == "running" and _beating(job):
            # the same message twice while its worker is alive (a broker's visibility
            # timeout ran out mid-step): that worker finishes it
            log.info("video %s: job %s is running elsewhere; dropping a duplicate message",
                     video_id, job_id)
            return StepStart(False, outcome(video_id, "duplicate"))
        if job.status == "running" and payload.get("step") == step:
            # this step was started before and never finished: its worker died
            try:
                transition(session, job, "pending", reason=f"worker lost during {step}")
            except IllegalTransition:
                reason = (f"the worker making this video was lost {job.attempts} times "
                          f"during {step} (killed, or out of memory?)")
                transition(session, job, "failed", reason=reason)
                transition(session, video, "failed", reason=reason)
                settle(session, video.batch_id)
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
            options={**(video.options or {}), **made},
            product=product_data(video.product) if video.product is not None else None,
            token=token,
        )


# a running job beats this often at most (studio.jobs.maintenance.Heartbeat)
HEARTBEAT_SECONDS = 10.0


def lost_after_seconds() -> float:
    """A running job silent this long lost its worker (the ``worker_lost_seconds`` setting,
    60 s by default)."""
    return float(get_settings().worker_lost_seconds)


def heartbeat_seconds() -> float:
    """How often a running job beats: every 10 s, or four times within the lost threshold."""
    return min(HEARTBEAT_SECONDS, lost_after_seconds() / 4)


def _beating(job: Job) -> bool:
    """Is the worker holding this job alive? (a heartbeat younger than 2.5 beats: 25 s)"""
    from datetime import timedelta

    from studio.db.types import utcnow

    alive = timedelta(seconds=2.5 * heartbeat_seconds())
    return job.heartbeat_at is not None and job.heartbeat_at > utcnow() - alive


def still_current(job_id: int, token: str | None) -> bool:
    """Is this message the job's current one? (see :func:`token_matches`)"""
    with session_scope() as session:
        job = session.get(Job, job_id)
        return job is not None and token_matches(job.celery_task_id, token)


def end_step(job_id: int, step: str, **payload: Any) -> None:
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is not None:
            job.payload = {**(job.payload or {}), **payload, "step": step, "step_state": "done"}


def fail_or_retry(video_id: int, job_id: int, exc: BaseException,
                  token: str | None = None) -> dict[str, Any]:
    """Record a failed step: back to pending for a transient error (raises WillRetry while
    attempts remain), otherwise failed with the reason. A stale attempt's failure (the job
    was sent again meanwhile: ``token`` is not its current one) changes nothing.

    A failure inside a plugin's code (:func:`studio.jobs.plugin_failure.calling`) names the
    plugin and the exception's type, and its story (traceback included) is kept with the job
    and written to the worker log."""
    reason = describe(exc)
    plugin = plugin_of(exc)
    failure = None
    if plugin is not None:
        reason = one_line(plugin, exc, reason)
        failure = story(plugin, exc)
        log.error("video %s: plugin %s failed (job %s): %s\n%s", video_id, plugin, job_id,
                  reason, failure["traceback"])
    with session_scope() as session:
        video = session.get(Video, video_id)
        job = session.get(Job, job_id, with_for_update=True)
        # a stale attempt (cut off, then its database connection broke) says so, even when
        # the attempt that owns the job has finished the video meanwhile
        if job is not None and not token_matches(job.celery_task_id, token):
            log.info("video %s: a stale attempt of job %s failed (%s); the job is another "
                     "attempt's now", video_id, job_id, reason)
            return outcome(video_id, "superseded")
        if video is None or job is None or video.status in FINISHED["video"]:
            return outcome(video_id, video.status if video else "missing")
        if failure is not None:
            job.payload = {**(job.payload or {}), "failure": failure}
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
        transition(session, video, "failed", reason=reason)
        settle(session, video.batch_id)
    return outcome(video_id, "failed", reason)


def cancelled_outcome(video_id: int, job_id: int, token: str | None = None) -> dict[str, Any]:
    """A step stopped because its video is no longer its to make: cancelled by the seller
    (the job is cancelled with it), or sent again after its worker was taken for lost
    (``token`` is not the job's current one, or the video waits or runs elsewhere): then
    the job is another attempt's and nothing is changed."""
    with session_scope() as session:
        job = session.get(Job, job_id, with_for_update=True)
        video = session.get(Video, video_id)
        stale = job is not None and not token_matches(job.celery_task_id, token)
        if stale or (video is not None and video.status not in FINISHED["video"]):
            log.info("video %s: this attempt of job %s stops; the job was sent again",
                     video_id, job_id)
            return outcome(video_id, "superseded")
        if job is not None and job.status not in FINISHED["job"]:
            transition(session, job, "cancelled", reason="cancelled by the seller")
        if video is not None:
            settle(session, video.batch_id)
    return outcome(video_id, "cancelled")


def _batch_started(session: Session, batch_id: int | None) -> None:
    if batch_id is None:
        return
    batch = session.get(Batch, batch_id)
    if batch is not None and batch.status == "pending":
        try:
            with session.begin_nested():
                transition(session, batch, "running")
        except IllegalTransition:
            pass  # another worker started it a moment ago


# in each work folder: "<host> <pid>" of the process making it, so this machine's
# housekeeping removes a killed render's folder at once (studio.jobs.maintenance)
OWNER_FILE = ".owner"


def work_folder(video_id: int, job_id: int) -> Path:
    """A private folder for this video's files; leftovers of earlier attempts are removed."""
    root = Path(get_settings().home) / "work"
    for old in root.glob(f"video-{video_id}-*"):
        shutil.rmtree(old, ignore_errors=True)
    folder = root / f"video-{video_id}-{job_id}-{time.time_ns()}"
    folder.mkdir(parents=True)
    (folder / OWNER_FILE).write_text(f"{socket.gethostname()} {os.getpid()}\n")
    return folder
