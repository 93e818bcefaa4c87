"""Per-video progress from the renderer: stored (throttled), and the cancel check.

The renderer calls ``progress(fraction, message)`` many times a second; the database gets at
most one write per ``min_interval`` (a second: each write is a commit, ~13 ms with its fsync on
SQLite). That write is the job's heartbeat, and every tenth of the way it records a
``video.progress`` event — what live watchers (server-sent events, the command line's view)
read. The same call is where a running render learns it was cancelled, or that its job was
sent to another worker meanwhile: it raises :class:`Cancelled`, and the renderer stops its
ffmpeg process. A render whose job was sent again (its worker was taken for lost: frozen,
cut off, or just slow to beat) raises :class:`Superseded` instead: it was not cancelled, and
the attempt that now owns the job must not be disturbed.
"""

from __future__ import annotations

import time

from sqlalchemy.orm import Session

from studio.db import Job, Video, session_scope
from studio.db.types import utcnow
from studio.jobs.dispatch import token_matches
from studio.jobs.errors import Cancelled
from studio.states import record_progress


class Superseded(Cancelled):
    """This attempt's job was sent again: another attempt owns it now (not a cancel)."""


def check_still_mine(session: Session, video_id: int, job_id: int, token: str | None, *,
                     lock: bool = False) -> Video:
    """The video, if this attempt may still work on it; else :class:`Superseded` (the job
    was sent again) or :class:`Cancelled` (the video is no longer running). ``lock``: the
    job row stays locked until the commit (taken before the video's, as everywhere)."""
    job = session.get(Job, job_id, with_for_update=lock)
    if job is not None and not token_matches(job.celery_task_id, token):
        raise Superseded(f"video {video_id} was sent to another worker")
    video = session.get(Video, video_id)
    if video is None or video.status != "running":
        raise Cancelled(f"video {video_id} was cancelled")
    return video


class ProgressReporter:
    def __init__(self, video_id: int, job_id: int, *, min_interval: float = 1.0,
                 start: float = 0.0, span: float = 1.0, workspace_id: int | None = None,
                 token: str | None = None) -> None:
        self.video_id = video_id
        self.job_id = job_id
        self.workspace_id = workspace_id
        self.token = token
        self.min_interval = min_interval
        # a step reports 0..1 of its own work; start/span place it in the video's 0..1
        self.start = start
        self.span = span
        self._last_write = 0.0
        self.last_fraction = 0.0

    def __call__(self, fraction: float, message: str = "") -> None:
        overall = self.start + self.span * min(max(float(fraction), 0.0), 1.0)
        self.last_fraction = overall
        now = time.monotonic()
        if now - self._last_write >= self.min_interval:
            self._last_write = now
            self.write(overall)

    def write(self, fraction: float) -> None:
        with session_scope() as session:
            video = check_still_mine(session, self.video_id, self.job_id, self.token,
                                     lock=True)
            record_progress(session, video, fraction)
            job = session.get(Job, self.job_id)
            if job is not None and job.status == "running":
                job.progress = fraction
                job.heartbeat_at = utcnow()

    def check_cancelled(self) -> None:
        """Raise :class:`Cancelled` if the video is no longer this worker's to make."""
        with session_scope() as session:
            check_still_mine(session, self.video_id, self.job_id, self.token)
