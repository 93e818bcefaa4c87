"""Housekeeping every worker runs in the background.

Nothing here waits for beat or for the broker's own settings: each process that can do work
also looks after work that was lost, every ``housekeeping_seconds`` (15 by default):

- **the outbox** (:func:`studio.outbox.sweep`): jobs saved but never sent (the broker was
  down when they were asked for, a process died between commit and send) and webhook
  deliveries that never left are sent now;
- **lost workers**: a running job whose heartbeat stopped (its worker was killed, its
  machine lost its network, the broker forgot the message) goes back to the queue as
  "worker lost, re-sent", with a new send token so a late message of the old attempt is
  dropped; a job that has used its attempts fails with the reason instead;
- **leftovers**: work folders of renders that are no longer running, and at once those
  whose process on this machine is gone (a killed render's scratch and ``.part`` files);
- **a Redis broker that lost its messages** (restarted without persistence): the jobs it
  was holding are sent again;
- **this worker is alive**: its row in ``worker_heartbeats`` (``/api/v1/workers``).

How soon: a running job beats every 10 s (``steps.heartbeat_seconds``); silent for
``worker_lost_seconds`` (60) it is sent again by the next sweep (every
``housekeeping_seconds``, 15), so lost work is running again within 75 s, and a render
lost on any machine is finished within 2 minutes of the loss.

Every step is safe to run in several processes at once (compare-and-set everywhere).
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, delete, func, select, text
from sqlalchemy.exc import OperationalError

from studio.db import Job, SpendHold, Video, session_scope
from studio.db.types import utcnow
from studio.jobs.dispatch import SENT_KINDS
from studio.jobs.steps import OWNER_FILE, heartbeat_seconds, lost_after_seconds
from studio.states import FINISHED, IllegalTransition, transition

log = logging.getLogger(__name__)

LOST_REASON = "worker lost, re-sent"
# a key each worker keeps in a Redis broker; its absence means the broker lost its messages
EPOCH_KEY = "studio:broker-epoch"


def requeue_lost_work(*, silent_for: float | None = None) -> int:
    """Send again the running jobs whose worker stopped beating for ``silent_for`` seconds
    (the ``worker_lost_seconds`` setting); returns how many."""
    if silent_for is None:
        silent_for = lost_after_seconds()
    cutoff = utcnow() - timedelta(seconds=silent_for)
    beat = func.coalesce(Job.heartbeat_at, Job.started_at, Job.updated_at)
    with session_scope() as session:
        lost = list(session.scalars(select(Job.id).where(
            Job.kind.in_(SENT_KINDS), Job.status == "running", beat < cutoff)))
    for job_id in lost:
        try:
            _requeue(job_id, cutoff, silent_for)
        except OperationalError as exc:
            # a lock held by a client that vanished mid-transaction (a machine cut off): the
            # database drops it when its keepalive gives up; this job waits for a next sweep
            log.warning("job %s: not sent again this round (%s)", job_id, exc.orig)
    return len(lost)


def _requeue(job_id: int, cutoff: datetime, silent_for: float) -> None:
    from studio import outbox
    from studio.jobs.steps import settle

    with session_scope() as session:
        if session.get_bind().dialect.name == "postgresql":
            # never wait long: the housekeeping thread also says this worker is alive
            session.execute(text("SET LOCAL lock_timeout = '5s'"))
        # locked, so the heartbeat read is the last one written (the same row order as a
        # render's last write: the job, then its video)
        job = session.get(Job, job_id, with_for_update=True)
        if job is None or job.status != "running":
            return
        when = job.heartbeat_at or job.started_at or job.updated_at
        if when is not None and when >= cutoff:
            return  # it beat again meanwhile
        video = session.get(Video, job.video_id) if job.video_id else None
        # what the lost attempt reserved of the seller's AI-spending limits goes with it: kept
        # until it lapsed (the ai queue's hard time limit), it would refuse other videos' AI
        # steps for money no one is spending (a new attempt reserves its own)
        session.execute(delete(SpendHold).where(SpendHold.job_id == job.id))
        try:
            transition(session, job, "pending", reason=LOST_REASON)
        except IllegalTransition:
            reason = (f"the worker making this video was lost {job.attempts} times "
                      "(killed, out of memory, or its machine went away)")
            transition(session, job, "failed", reason=reason)
            if video is not None and video.status not in FINISHED["video"]:
                transition(session, video, "failed", reason=reason)
                settle(session, video.batch_id)
            return
        job.celery_task_id = None  # a new send token: the old message is dropped
        if video is not None and video.status == "running":
            transition(session, video, "queued", reason=LOST_REASON)
            video.status_note = LOST_REASON  # what the API shows until it runs again
        outbox.add_jobs(session, [job.id])
        log.warning("job %s (video %s): no heartbeat for %.0f s; sent again",
                    job.id, job.video_id, silent_for)


def remove_leftovers(home: Path) -> int:
    """Work folders (a killed render's scratch, ``.part`` files included) of videos that
    are not running any more, and at once those whose process on this machine is gone."""
    root = home / "work"
    if not root.is_dir():
        return 0
    folders: dict[int, list[Path]] = {}
    removed = 0
    for folder in root.glob("video-*"):
        parts = folder.name.split("-")
        if _owner_gone(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
        elif len(parts) >= 2 and parts[1].isdigit():
            folders.setdefault(int(parts[1]), []).append(folder)
    if not folders:
        return removed
    with session_scope() as session:
        running = set(session.scalars(select(Video.id).where(
            Video.id.in_(list(folders)), Video.status == "running")))
    for video_id, paths in folders.items():
        if video_id in running:
            continue
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def _owner_gone(folder: Path) -> bool:
    """Was this work folder made by a process of this machine that no longer runs?"""
    try:
        host, pid = (folder / OWNER_FILE).read_text().split()
    except (OSError, ValueError):
        return False  # not written yet, or by an older version: the video's status decides
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's (a shared home): only it can tell
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state in ("Z", "X")  # a zombie renders nothing
    except FileNotFoundError:
        return True
    except (OSError, IndexError):
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


# this process saw the broker's mark: a mark gone since means the broker lost its messages
_mark_seen = threading.Event()
# clocks of the machines differ a little: jobs sent this soon after Redis started are sent
# again too (a message that did arrive is then dropped as stale)
CLOCK_MARGIN = timedelta(seconds=5)


def resend_after_broker_loss() -> int:
    """A Redis broker restarted without persistence (or flushed) forgot every queued
    message. Each worker leaves a mark in Redis; when the mark is gone, the pending jobs
    that were sent are sent again (new tokens: a message that did survive is then dropped
    as stale). A worker that never saw the mark (its first sweep, a new Redis) sends again
    only what was sent before this Redis started."""
    from sqlalchemy import update

    from studio.jobs.celery_app import app

    url = str(app.conf.broker_url)
    if not url.startswith(("redis://", "rediss://")):
        return 0  # the embedded broker and RabbitMQ keep their messages on disk
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
    now = utcnow()
    if not client.set(EPOCH_KEY, now.isoformat(), nx=True):
        _mark_seen.set()
        return 0  # the mark is there: the broker kept its messages
    if _mark_seen.is_set():
        sent_before = now  # it was there a sweep ago: all that was sent is gone
    else:
        uptime = int(cast(dict[str, Any], client.info("server"))["uptime_in_seconds"])
        sent_before = now - timedelta(seconds=uptime) + CLOCK_MARGIN
    _mark_seen.set()
    table = cast(Table, Job.__table__)
    with session_scope() as session:
        lost = session.execute(update(table).where(
            table.c.status == "pending", table.c.celery_task_id.is_not(None),
            table.c.kind.in_(SENT_KINDS), table.c.updated_at < sent_before,
        ).values(celery_task_id=None))
        count = int(getattr(lost, "rowcount", 0) or 0)
    if count:
        log.warning("the broker at %s lost its messages (restarted without persistence?); "
                    "%d saved job(s) are sent again", url, count)
    return count


def sweep_once(worker: WorkerInfo | None = None) -> dict[str, Any]:
    from studio import outbox
    from studio.config import get_settings

    result: dict[str, Any] = {}
    steps: list[tuple[str, Any]] = [
        ("broker", resend_after_broker_loss), ("lost", requeue_lost_work),
        ("outbox", outbox.sweep),
        ("leftovers", lambda: remove_leftovers(Path(get_settings().home))),
    ]
    if worker is not None:
        steps.insert(0, ("alive", lambda: beat_worker(worker)))
    for name, step in steps:
        try:
            result[name] = step()
        except Exception as exc:  # a database restarting: try again next round
            log.warning("maintenance step %s failed: %s: %s", name, type(exc).__name__, exc)
    return result


@dataclass(frozen=True)
class WorkerInfo:
    name: str
    queues: str
    concurrency: int
    started_at: datetime


def beat_worker(worker: WorkerInfo) -> None:
    """This worker is alive (``/readyz``, ``/api/v1/workers`` read it)."""
    from studio.db import WorkerHeartbeat
    from studio.db.upsert import upsert

    with session_scope() as session:
        upsert(session, WorkerHeartbeat, [{
            "name": worker.name, "host": socket.gethostname(), "pid": os.getpid(),
            "queues": worker.queues, "concurrency": worker.concurrency,
            "started_at": worker.started_at, "last_seen": utcnow(),
        }], key=["name"])


class Housekeeper:
    """A daemon thread running :func:`sweep_once` every ``interval`` seconds (the
    ``housekeeping_seconds`` setting by default)."""

    def __init__(self, interval: float | None = None, worker: WorkerInfo | None = None) -> None:
        from studio.config import get_settings

        self.interval = interval or get_settings().housekeeping_seconds
        self.worker = worker
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="studio-housekeeper",
                                        daemon=True)

    def start(self) -> Housekeeper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        if self.worker is not None:
            sweep_once(self.worker)  # alive at once, not an interval later
        while not self._stop.wait(self.interval):
            sweep_once(self.worker)


class Heartbeat:
    """While a step runs, its job says so every ``heartbeat_seconds()`` (a thread in the
    worker process), so a sweep elsewhere can tell a long step from a dead worker."""

    def __init__(self, job_id: int, token: str | None, interval: float | None = None):
        self.job_id, self.token = job_id, token
        self.interval = interval or heartbeat_seconds()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{job_id}",
                                        daemon=True)

    def __enter__(self) -> Heartbeat:
        self._beat()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._beat()

    def _beat(self) -> None:
        from sqlalchemy import update

        from studio.jobs.dispatch import CLAIM

        table = cast(Table, Job.__table__)
        owned = [self.token, CLAIM + self.token] if self.token else None
        try:
            with session_scope() as session:
                statement = update(table).where(table.c.id == self.job_id,
                                                table.c.status == "running")
                if owned:
                    statement = statement.where(table.c.celery_task_id.in_(owned))
                session.execute(statement.values(heartbeat_at=utcnow()))
        except Exception as exc:  # the database restarting: the next beat may get through
            log.warning("heartbeat of job %s not written: %s", self.job_id, exc)
            time.sleep(0)
