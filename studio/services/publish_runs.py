"""The worker's side of publishing: one ``publish`` job = one video into one ad set.

1. The job waits, unsent, while its video is still being made (or while a platform asked to
   wait): it gives its message back and the outbox sweep sends it again later — no attempt is
   counted and no event written while it waits.
2. The plugin's ``sync([item])`` runs outside any transaction; every id the platform hands
   back is stored the moment it exists (``item.save`` → :func:`_save_progress`), so a worker
   killed mid-upload leaves a row the next attempt resumes from, and the plugin adopts an ad
   it finds in the ad set under the video's code instead of making a second one.
3. The outcome settles in one transaction: the ad id stored and linked to the video (its
   results then link exactly), ``ad.started``; or the row failed with the platform's words
   (``ad.failed``), the account marked "needs reconnecting" when the token was refused; or
   back to waiting (rate limit, processing, a passing problem).

A row counts as published only with the platform's ad id and a status the platform gave
(in review, paused, active); until then it shows ``queued``/``publishing`` with its step.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from studio.contracts import PluginError
from studio.db import AdAccount, AdLink, Job, PublishedAd, Video, session_scope
from studio.db.types import utcnow
from studio.errors import StudioError
from studio.events import record_event
from studio.publishing import (
    AccountNeedsReconnecting,
    NotReadyYet,
    PlatformBusy,
    PublishItem,
    stats_platform,
)
from studio.services.connections import connected, needs_reconnecting, token_of
from studio.states import IllegalTransition, transition
from studio.token_vault import redact

log = logging.getLogger(__name__)

COLUMNS = ("upload_session_id", "platform_video_id", "image_ref", "creative_id", "ad_id")
AD_STATUSES = ("in_review", "paused", "active", "rejected")
MAKING = ("pending", "queued", "running")
RETRY_SECONDS = 20.0


@dataclass
class Work:
    job_id: int
    published_id: int
    workspace_id: int
    item: dict[str, Any]
    video_key: str
    poster_key: str | None
    account: AdAccount = field(repr=False)


@dataclass
class Outcome:
    kind: str  # published | refused | reconnect | wait | retry
    message: str | None = None
    retry_after: float = 0.0
    progress: dict[str, Any] = field(default_factory=dict)


def run_publish_job(job_id: int) -> dict[str, Any]:
    work = _begin(job_id)
    if isinstance(work, dict):
        return work
    folder = Path(tempfile.mkdtemp(prefix=f"publish-{job_id}-"))
    try:
        outcome = _publish(work, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return _settle(work, outcome)


def _wait(job: Job, note: str | None = None, row: PublishedAd | None = None) -> None:
    """Give the message back: the outbox sweep sends the job again in a few seconds."""
    job.celery_task_id = None
    if row is not None and note and (row.progress or {}).get("waiting") != note:
        row.progress = {**(row.progress or {}), "waiting": note}


def _begin(job_id: int) -> Work | dict[str, Any]:
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is None or job.status != "pending":
            return {"job": job_id, "status": job.status if job else "missing"}
        payload = dict(job.payload or {})
        row = session.get(PublishedAd, payload.get("published_ad"))
        video = session.get(Video, job.video_id) if job.video_id else None
        if row is None or video is None:
            transition(session, job, "cancelled", reason="the video or its ad request is gone")
            return {"job": job_id, "status": "cancelled"}
        if video.status in MAKING:
            _wait(job, "waiting for the video to be made", row)
            return {"job": job_id, "status": "waiting"}
        not_before = payload.get("not_before")
        if not_before and datetime.fromisoformat(str(not_before)) > utcnow():
            _wait(job)
            return {"job": job_id, "status": "waiting"}
        account = session.get(AdAccount, row.ad_account_id)
        reason = None
        if video.status != "succeeded" or not video.storage_key:
            reason = (f"the video was not made ({video.status}); render it again, then "
                      "publish it")
        elif account is None or account.status != "connected":
            reason = (account.status_reason if account is not None else None) \
                or "the ad account needs reconnecting; reconnect it, then publish again"
        if reason is not None:
            transition(session, job, "failed", reason=reason)
            _failed(session, row, video, reason)
            return {"job": job_id, "status": "failed"}
        assert account is not None and video.storage_key is not None
        transition(session, job, "running")
        progress = {k: v for k, v in (row.progress or {}).items() if k != "waiting"}
        row.status, row.progress = "publishing", progress
        item = {"creative_code": video.creative_code, "ad_name": row.ad_name,
                "primary_text": row.primary_text, "headline": row.ad_name.split(" | ")[0],
                "call_to_action": row.call_to_action, "landing_url": row.landing_url,
                "ad_set_id": row.ad_set_id, "start_paused": row.start_paused,
                "progress": progress}
        session.expunge(account)
        return Work(job_id=job_id, published_id=row.id, workspace_id=row.workspace_id,
                    item=item, video_key=video.storage_key, poster_key=video.poster_key,
                    account=account)


def _save_progress(published_id: int, progress: dict[str, Any]) -> None:
    with session_scope() as session:
        row = session.get(PublishedAd, published_id)
        if row is None:
            return
        for name in COLUMNS:
            if progress.get(name):
                setattr(row, name, str(progress[name]))
        row.progress = {k: v for k, v in progress.items() if k not in ("status", "reason")}


def _publish(work: Work, folder: Path) -> Outcome:
    from studio.storage import open_storage

    token = token_of(work.account)
    try:
        storage = open_storage()
        video = storage.get_file(work.video_key, folder / "video.mp4")
        poster = storage.get_file(work.poster_key, folder / "poster.jpg") \
            if work.poster_key else None
        item = PublishItem(video_path=video, poster_path=poster, **work.item,
                           checkpoint=lambda p: _save_progress(work.published_id, p))
        plugin = connected(work.account)
        result = plugin.sync([item])
    except AccountNeedsReconnecting as exc:
        return Outcome("reconnect", redact(str(exc), token))
    except (PlatformBusy, NotReadyYet) as exc:
        return Outcome("wait", redact(str(exc), token), retry_after=exc.retry_after)
    except PluginError as exc:
        return Outcome("retry" if exc.transient else "refused", redact(str(exc), token))
    except StudioError as exc:
        return Outcome("refused", exc.message)
    except Exception as exc:  # a bug or a network error: never with the token in the text
        message = redact(f"{type(exc).__name__}: {exc}", token)
        log.warning("publish job %s: %s", work.job_id, message)
        return Outcome("retry", message)
    if result.failed:
        return Outcome("refused", redact(result.failed[0].reason, token), progress=item.progress)
    if not item.progress.get("ad_id"):
        return Outcome("retry", f"{work.account.platform} answered without an ad id",
                       progress=item.progress)
    return Outcome("published", progress=item.progress)


def _failed(session: Any, row: PublishedAd, video: Video, reason: str,
            status: str = "failed") -> None:
    row.status, row.reason = status, reason
    record_event(session, workspace_id=row.workspace_id, type="ad.failed",
                 subject_type="video", subject_id=video.id,
                 payload={"video_id": video.id, "creative_code": video.creative_code,
                          "platform": row.platform, "account": row.ad_account_id,
                          "ad_set_id": row.ad_set_id, "status": status, "reason": reason,
                          "by": row.requested_by})


def _settle(work: Work, outcome: Outcome) -> dict[str, Any]:
    with session_scope() as session:
        job = session.get(Job, work.job_id)
        row = session.get(PublishedAd, work.published_id)
        if job is None or row is None or job.status != "running":
            return {"job": work.job_id, "status": "gone"}
        video = session.get(Video, row.video_id)
        assert video is not None
        for name in COLUMNS:
            if outcome.progress.get(name):
                setattr(row, name, str(outcome.progress[name]))
        if outcome.kind == "published":
            _published(session, job, row, video, outcome.progress)
        elif outcome.kind in ("refused", "reconnect"):
            reason = outcome.message or "refused"
            if outcome.kind == "reconnect":
                account = session.get(AdAccount, row.ad_account_id)
                if account is not None:
                    needs_reconnecting(session, account, reason)
            transition(session, job, "failed", reason=reason)
            _failed(session, row, video, reason)
        else:
            _again(session, job, row, video, outcome)
        return {"job": work.job_id, "status": job.status, "ad": row.status}


def _published(session: Any, job: Job, row: PublishedAd, video: Video,
               progress: dict[str, Any]) -> None:
    status = str(progress.get("status") or ("paused" if row.start_paused else "in_review"))
    row.status = status if status in AD_STATUSES else "in_review"
    row.reason = progress.get("reason")
    row.published_at = row.published_at or utcnow()
    row.status_checked_at = utcnow()
    platform = stats_platform(row.platform)  # what its result rows will say
    link = session.query(AdLink).filter_by(workspace_id=row.workspace_id,
                                           platform=platform, ad_id=row.ad_id).first()
    if link is None:
        session.add(AdLink(workspace_id=row.workspace_id, platform=platform,
                           ad_id=row.ad_id, video_id=video.id))
    else:
        link.video_id = video.id
    transition(session, job, "succeeded")
    record_event(session, workspace_id=row.workspace_id, type="ad.started",
                 subject_type="video", subject_id=video.id,
                 payload={"video_id": video.id, "creative_code": video.creative_code,
                          "platform": row.platform, "account": row.ad_account_id,
                          "ad_set_id": row.ad_set_id, "ad_set_name": row.ad_set_name,
                          "ad_id": row.ad_id, "status": row.status, "by": row.requested_by,
                          "adopted": bool(progress.get("adopted"))})
    if row.status == "rejected":
        _failed(session, row, video, row.reason or "rejected by the platform's review",
                status="rejected")


def _again(session: Any, job: Job, row: PublishedAd, video: Video, outcome: Outcome) -> None:
    """Back to waiting: after a rate limit or processing (not an attempt), or a passing
    problem (an attempt; the last one fails the ad with the reason)."""
    message = outcome.message or "trying again"
    try:
        transition(session, job, "pending", reason=message)
    except IllegalTransition:
        transition(session, job, "failed", reason=message)
        _failed(session, row, video, f"gave up after {job.attempts} attempts: {message}")
        return
    if outcome.kind == "wait":
        job.attempts = max(0, job.attempts - 1)
    delay = outcome.retry_after or RETRY_SECONDS * max(1, job.attempts)
    job.payload = {**(job.payload or {}),
                   "not_before": (utcnow() + timedelta(seconds=delay)).isoformat()}
    job.celery_task_id = None
    row.status, row.reason = "queued", message
