"""Thin Celery tasks: they take ids, call a service, and decide about retries. Nothing else.

Names are namespaced (``studio.video.render``) so routes, logs and Flower read clearly.
"""

from __future__ import annotations

import random
from typing import Any

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded

from studio.jobs import celery_app as configured
from studio.jobs.celery_app import (
    AI_HARD_LIMIT,
    AI_SOFT_LIMIT,
    RENDER_HARD_LIMIT,
    RENDER_SOFT_LIMIT,
)
from studio.jobs.pipeline import WillRetry

app = configured.app
RETRY_BASE_SECONDS = 5.0
RETRY_CAP_SECONDS = 600.0


def retry_countdown(retries: int) -> float:
    """Exponential backoff with jitter: 5 s, 10 s, 20 s … (each ±50 %), at most 10 minutes."""
    ceiling = min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * (2**retries))
    return ceiling * (0.5 + random.random())


def _step(task: Task, service: Any, video_id: int, job_id: int) -> dict[str, Any]:
    try:
        return service(video_id, job_id)
    except WillRetry as exc:
        raise task.retry(exc=exc, countdown=retry_countdown(task.request.retries)) from exc
    except SoftTimeLimitExceeded:
        from studio.jobs.pipeline import fail_or_retry

        limit = task.soft_time_limit or app.conf.task_soft_time_limit
        return fail_or_retry(video_id, job_id, TimeoutError(f"took longer than {limit} s"))


# max_retries=None: the job row's attempts/max_attempts decide, across worker deaths too


@app.task(name="studio.video.render", bind=True, max_retries=None,
          soft_time_limit=RENDER_SOFT_LIMIT, time_limit=RENDER_HARD_LIMIT)
def render_video(self: Task, _previous: Any = None, *, video_id: int, job_id: int) -> Any:
    from studio.jobs.pipeline import render

    return _step(self, render, video_id, job_id)


@app.task(name="studio.video.prepare", bind=True, max_retries=None,
          soft_time_limit=AI_SOFT_LIMIT, time_limit=AI_HARD_LIMIT)
def prepare_video(self: Task, _previous: Any = None, *, video_id: int, job_id: int) -> Any:
    from studio.jobs.ai_steps import prepare

    return _step(self, prepare, video_id, job_id)


@app.task(name="studio.video.ai_clips", bind=True, max_retries=None,
          soft_time_limit=AI_SOFT_LIMIT, time_limit=AI_HARD_LIMIT)
def make_ai_clips(self: Task, _previous: Any = None, *, video_id: int, job_id: int) -> Any:
    from studio.jobs.ai_steps import ai_clips

    return _step(self, ai_clips, video_id, job_id)


@app.task(name="studio.video.analyze", bind=True, max_retries=None,
          soft_time_limit=AI_SOFT_LIMIT, time_limit=AI_HARD_LIMIT)
def analyze_video(self: Task, _previous: Any = None, *, video_id: int, job_id: int) -> Any:
    from studio.jobs.ai_steps import analyze

    return _step(self, analyze, video_id, job_id)


@app.task(name="studio.batch.finish")
def finish_batch(_results: Any = None, *, batch_id: int) -> dict[str, Any]:
    """The chord callback: close the batch (safe if the last video already did)."""
    from studio.jobs.control import close_batch

    return close_batch(batch_id)


@app.task(name="studio.webhooks.deliver", bind=True, max_retries=None)
def deliver_webhook(self: Task, *, endpoint_id: int, event_id: str, attempt: int = 1) -> Any:
    from studio.webhooks.dispatch import deliver

    return deliver(endpoint_id, event_id, attempt)


@app.task(name="studio.jobs.recover")
def recover_lost_work() -> dict[str, int]:
    """Periodic: send again the work whose messages were lost (see control.recover)."""
    from studio.jobs.control import recover

    return recover()


@app.task(name="studio.roi.refresh")
def refresh_roi() -> dict[str, Any]:
    """Periodic: recompute ROI per template (when the ROI module provides a refresh)."""
    try:
        from studio.roi import refresh  # type: ignore[attr-defined]
    except ImportError:
        return {"skipped": "studio.roi has no refresh() yet"}
    return {"result": refresh()}


@app.task(name="studio.ads.sync_stats")
def sync_ad_stats() -> dict[str, Any]:
    """Periodic: pull ad statistics from the configured ad sources (when there are any)."""
    try:
        from studio.roi.sync import sync_configured_sources  # type: ignore[import-not-found]
    except ImportError:
        return {"skipped": "no ad source sync is configured"}
    return {"result": sync_configured_sources()}
