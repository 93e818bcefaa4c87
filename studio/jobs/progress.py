"""Per-video progress from the renderer: stored (throttled), published, and the cancel check.

The renderer calls ``progress(fraction, message)`` many times a second; the database gets at
most one write per ``min_interval`` (a second: each write is a commit, ~13 ms with its fsync on
SQLite), which also serves as the worker's heartbeat and stays the source of truth. Watchers
hear sooner — every ``publish_interval`` — through the listeners and, with a Redis broker,
Redis pub/sub (``studio.jobs.live``). The same call is where a running render learns it was
cancelled: it raises :class:`Cancelled`, and the renderer stops its ffmpeg process.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from studio.db import Job, Video, session_scope
from studio.jobs import live
from studio.jobs.errors import Cancelled
from studio.states import record_progress

# listeners get (video_id, fraction, message); the API's SSE and Redis pub/sub plug in here
_listeners: list[Callable[[int, float, str], None]] = []


def add_progress_listener(listener: Callable[[int, float, str], None]) -> None:
    _listeners.append(listener)


class ProgressReporter:
    def __init__(self, video_id: int, job_id: int, *, min_interval: float = 1.0,
                 publish_interval: float = 0.25, start: float = 0.0, span: float = 1.0,
                 workspace_id: int | None = None) -> None:
        self.video_id = video_id
        self.job_id = job_id
        self.workspace_id = workspace_id
        self.min_interval = min_interval
        self.publish_interval = publish_interval
        # a step reports 0..1 of its own work; start/span place it in the video's 0..1
        self.start = start
        self.span = span
        self._last_write = 0.0
        self._last_publish = 0.0
        self.last_fraction = 0.0

    def __call__(self, fraction: float, message: str = "") -> None:
        overall = self.start + self.span * min(max(float(fraction), 0.0), 1.0)
        self.last_fraction = overall
        now = time.monotonic()
        if now - self._last_write >= self.min_interval:
            self._last_write = now
            self.write(overall)  # first: a cancelled video raises here and publishes nothing
        elif now - self._last_publish < self.publish_interval:
            return
        self._last_publish = now
        self.publish(overall, message)

    def publish(self, fraction: float, message: str = "", status: str = "running") -> None:
        for listener in _listeners:
            listener(self.video_id, fraction, message)
        if self.workspace_id is not None:
            live.publish(self.workspace_id, self.video_id, fraction, message=message,
                         status=status)

    def write(self, fraction: float) -> None:
        with session_scope() as session:
            video = session.get(Video, self.video_id)
            if video is None or video.status != "running":
                raise Cancelled(f"video {self.video_id} was cancelled")
            record_progress(session, video, fraction)
            job = session.get(Job, self.job_id)
            if job is not None and job.status == "running":
                job.progress = fraction  # updated_at moves too: the heartbeat

    def check_cancelled(self) -> None:
        """Raise :class:`Cancelled` if the video is no longer running (between steps)."""
        with session_scope() as session:
            status = session.get(Video, self.video_id)
            if status is None or status.status != "running":
                raise Cancelled(f"video {self.video_id} was cancelled")
