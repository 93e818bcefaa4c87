"""Thin Celery tasks: they take ids, call a service, and decide about retries. Nothing else.

Names are namespaced (``studio.video.render``) so routes, logs and Flower read clearly; the
code that sends work knows only these names (``studio.jobs.dispatch``), never this module.
Each video step carries its job's send token and beats while it runs
(``studio.jobs.maintenance.Heartbeat``), so a lost worker is noticed and its work sent again.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready, worker_shutdown

from studio.jobs.celery_app import (
    AI_HARD_LIMIT,
    AI_SOFT_LIMIT,
    RENDER_HARD_LIMIT,
    RENDER_SOFT_LIMIT,
    app,
)
from studio.jobs.maintenance import Heartbeat, Housekeeper
from studio.jobs.steps import WillRetry, fail_or_retry, still_current

_housekeeper: list[Housekeeper] = []


@worker_ready.connect
def _start_housekeeping(sender: Any = None, **_: Any) -> None:
    """Every worker looks after lost work itself: no beat needed (studio.jobs.maintenance)."""
    from studio.db.types import utcnow
    from studio.jobs.maintenance import WorkerInfo

    queues = ",".join(sorted(q.name for q in getattr(sender.task_consumer, "queues", ())))
    worker = WorkerInfo(name=str(getattr(sender, "hostname", "worker")), queues=queues,
                        concurrency=int(getattr(sender.pool, "num_processes", 1) or 1),
                        started_at=utcnow())
    _housekeeper.append(Housekeeper(worker=worker).start())


@worker_shutdown.connect
def _stop_housekeeping(**_: Any) -> None:
    for keeper in _housekeeper:
        keeper.stop()


RETRY_BASE_SECONDS = 5.0
RETRY_CAP_SECONDS = 600.0


def retry_countdown(retries: int) -> float:
    """Exponential backoff with jitter: 5 s, 10 s, 20 s … (each ±50 %), at most 10 minutes."""
    ceiling = min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * (2**retries))
    return ceiling * (0.5 + random.random())


def _step(task: Task, service: Callable[..., dict[str, Any]], video_id: int, job_id: int,
          token: str | None) -> dict[str, Any]:
    try:
        with Heartbeat(job_id, token):
            return service(video_id, job_id, token)
    except WillRetry as exc:
        # the job went back to pending with its token: the retry message carries it too
        raise task.retry(exc=exc, countdown=retry_countdown(task.request.retries)) from exc
    except SoftTimeLimitExceeded:
        limit = task.soft_time_limit or app.conf.task_soft_time_limit
        return fail_or_retry(video_id, job_id, TimeoutError(f"took longer than {limit} s"),
                             token)


# max_retries=None: the job row's attempts/max_attempts decide, across worker deaths too


@app.task(name="studio.video.render", bind=True, max_retries=None,
          soft_time_limit=RENDER_SOFT_LIMIT, time_limit=RENDER_HARD_LIMIT)
def render_video(self: Task, _previous: Any = None, *, video_id: int, job_id: int,
                 token: str | None = None) -> Any:
    from studio.jobs.pipeline import render

    return _step(self, render, video_id, job_id, token)


@app.task(name="studio.video.prepare", bind=True, max_retries=None,
          soft_time_limit=AI_SOFT_LIMIT, time_limit=AI_HARD_LIMIT)
def prepare_video(self: Task, _previous: Any = None, *, video_id: int, job_id: int,
                  token: str | None = None) -> Any:
    from studio.jobs.ai_steps import prepare

    return _step(self, prepare, video_id, job_id, token)


@app.task(name="studio.video.ai_clips", bind=True, max_retries=None,
          soft_time_limit=AI_SOFT_LIMIT, time_limit=AI_HARD_LIMIT)
def make_ai_clips(self: Task, _previous: Any = None, *, video_id: int, job_id: int,
                  token: str | None = None) -> Any:
    from studio.jobs.ai_steps import ai_clips

    return _step(self, ai_clips, video_id, job_id, token)


@app.task(name="studio.video.analyze", bind=True, max_retries=None,
          soft_time_limit=AI_SOFT_LIMIT, time_limit=AI_HARD_LIMIT)
def analyze_video(self: Task, _previous: Any = None, *, video_id: int, job_id: int,
                  token: str | None = None) -> Any:
    from studio.jobs.ai_steps import analyze

    return _step(self, analyze, video_id, job_id, token)


@app.task(name="studio.webhooks.deliver")
def deliver_webhook(*, delivery_id: int) -> Any:
    from studio.webhooks.sending import deliver

    return deliver(delivery_id)


@app.task(name="studio.jobs.recover")
def recover_lost_work() -> dict[str, Any]:
    """Periodic (beat), besides every worker's own housekeeping: one sweep now."""
    from studio.jobs.maintenance import sweep_once

    return sweep_once()


@app.task(name="studio.import.run")
def run_import(*, job_id: int, token: str | None = None) -> dict[str, Any]:
    """A big catalog or ad-results file, imported off the request (``studio.services``)."""
    from studio.services.import_jobs import run_import_job

    if not still_current(job_id, token):
        return {"job": job_id, "status": "superseded"}
    with Heartbeat(job_id, token):
        return run_import_job(job_id)


@app.task(name="studio.preview.render", soft_time_limit=RENDER_SOFT_LIMIT,
          time_limit=RENDER_HARD_LIMIT)
def render_preview(*, job_id: int, token: str | None = None) -> dict[str, Any]:
    """A template preview a seller waits on, on the urgent render queue."""
    from studio.services.previews import run_preview

    if not still_current(job_id, token):
        return {"job": job_id, "status": "superseded"}
    with Heartbeat(job_id, token):
        return run_preview(job_id)


@app.task(name="studio.ads.sync_stats")
def sync_ad_stats() -> dict[str, Any]:
    """Periodic: pull ad results from every configured ad source."""
    from studio.services.ad_imports import sync_configured_sources

    return sync_configured_sources()


@app.task(name="studio.ads.publish", soft_time_limit=RENDER_SOFT_LIMIT,
          time_limit=RENDER_HARD_LIMIT)
def publish_ad(*, job_id: int, token: str | None = None) -> dict[str, Any]:
    """A video published as an ad in one ad set (``studio.services.publish_runs``)."""
    from studio.services.publish_runs import run_publish_job

    if not still_current(job_id, token):
        return {"job": job_id, "status": "superseded"}
    with Heartbeat(job_id, token):
        return run_publish_job(job_id)


@app.task(name="studio.ads.sync", soft_time_limit=RENDER_SOFT_LIMIT,
          time_limit=RENDER_HARD_LIMIT)
def sync_ads(*, job_id: int, token: str | None = None) -> dict[str, Any]:
    """Sync now: pull connected ad accounts' results and ad statuses."""
    from studio.services.ad_sync import run_sync_job

    if not still_current(job_id, token):
        return {"job": job_id, "status": "superseded"}
    with Heartbeat(job_id, token):
        return run_sync_job(job_id)


@app.task(name="studio.ads.sync_accounts", soft_time_limit=RENDER_SOFT_LIMIT,
          time_limit=RENDER_HARD_LIMIT)
def sync_ad_accounts() -> dict[str, Any]:
    """Periodic: every connected ad account's results, incrementally."""
    from studio.services.ad_sync import sync_all

    return sync_all()


@app.task(name="studio.autopilot.store_sync", soft_time_limit=RENDER_SOFT_LIMIT,
          time_limit=RENDER_HARD_LIMIT)
def autopilot_stores() -> dict[str, Any]:
    """Periodic: each autopilot's store, pulled; new products go to the autopilot."""
    from studio.services.autopilot_store import pull_stores

    return pull_stores()


@app.task(name="studio.autopilot.digest")
def autopilot_digests() -> dict[str, Any]:
    """Periodic: each autopilot's daily digest, once a day."""
    from studio.services.autopilot_digest import send_due_digests

    return send_due_digests()
