"""Lost work is noticed and made within two minutes, without beat and whatever the broker
keeps: real workers on Redis + PostgreSQL, killed or frozen mid-render, their broker
restarted with and without persistence.

The thresholds are shortened (``quick_recovery``: a sweep every 2 s, lost after 12 s of
silence); at the defaults (15 s, 60 s) the same losses are made good within 75 s + a render.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from studio.db import Event, session_scope
from studio.jobs.celery_app import app as celery
from studio.jobs.maintenance import LOST_REASON

from .conftest import RedisServer, StudioEnv, Worker, quick_recovery, wait_until
from .helpers import (
    api_client,
    group_rendering,
    jobs,
    requests_for,
    send_batch,
    settled,
    stored_videos,
    videos,
)

pytestmark = [pytest.mark.slow, pytest.mark.redis, pytest.mark.postgres]

BUDGET = 120.0  # every video made, exactly once, within two minutes of the loss


def finished_once(batch_id: int, count: int) -> None:
    """Each video of the batch succeeded exactly once: one ``video.succeeded`` event and
    one ``job.succeeded`` per render, no cancelled job, one stored MP4 per video."""
    made = videos(batch_id)
    assert [v.status for v in made] == ["succeeded"] * count
    with session_scope() as session:
        kinds = Counter((e.type, e.subject_id) for e in session.scalars(select(Event).where(
            Event.type.in_(["video.succeeded", "job.succeeded", "job.cancelled"]))))
    renders = [j for j in jobs() if j.video_id in {v.id for v in made}]
    assert {kinds[("video.succeeded", str(v.id))] for v in made} == {1}, kinds
    assert {kinds[("job.succeeded", str(j.id))] for j in renders} == {1}, kinds
    assert not any(kind == "job.cancelled" for kind, _ in kinds), kinds
    assert sorted(v.storage_key for v in made) == stored_videos()  # one object per video
    batch_jobs = [j for j in jobs("batch") if j.batch_id == batch_id]
    assert [j.status for j in batch_jobs] == ["succeeded"]  # the bookkeeping row ends too


def alive(client: Any, headers: dict[str, str]) -> dict[str, bool]:
    answer = client.get("/api/v1/workers", headers=headers)
    assert answer.status_code == 200, answer.text
    return {w["name"]: w["alive"] for w in answer.json()["data"]}


def up(client: Any, headers: dict[str, str], *started: Worker) -> None:
    wait_until(lambda: all(alive(client, headers).get(w.hostname) for w in started), 90,
               "the workers to beat", list(started))


def rendering_on(worker: Worker, batch_id: int) -> Callable[[], bool]:
    """A render of the batch is well under way, on ``worker``."""
    return lambda: group_rendering(worker.process.pid) and any(
        v.status == "running" and (v.progress or 0) > 0.1 for v in videos(batch_id))


def test_killed_worker_and_a_redis_that_forgot_everything(
        volatile_redis_postgres_env: StudioEnv, volatile_redis: RedisServer, workers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16: a worker SIGKILLed mid-render, then Redis (no persistence) restarted, left a
    video running forever. Now: the killed render is sent again when its heartbeat stops,
    and the jobs Redis forgot are sent again when a worker finds the broker's mark gone."""
    studio = volatile_redis_postgres_env
    quick_recovery(studio, monkeypatch)
    client, headers = api_client(studio.workspace_id)
    doomed = workers(studio, concurrency=1, name="doomed")
    survivor = workers(studio, concurrency=1, name="survivor")
    with client:
        up(client, headers, doomed, survivor)
    submission = send_batch(studio.workspace_id,
                            requests_for(studio.products(6), seconds=2.5))
    wait_until(rendering_on(doomed, submission.batch_id), 60, "doomed to render", [doomed])

    doomed.kill()  # SIGKILL: the worker, its pool and its ffmpeg
    lost_at = time.monotonic()
    volatile_redis.restart()  # every queued and unacknowledged message is gone

    final = wait_until(lambda: settled(submission.batch_id), BUDGET, "the batch",
                       [doomed, survivor])
    took = time.monotonic() - lost_at
    print(f"\nno-persistence Redis restart + killed worker: batch done {took:.1f} s "
          "after the loss")
    assert final["status"] == "completed", final
    assert took < BUDGET
    finished_once(submission.batch_id, 6)
    resent = [j for j in jobs() if j.attempts == 2]
    assert resent, "the killed render was sent again"
    log = survivor.log.read_text()
    assert "lost its messages" in log  # the broker's mark was gone: pending jobs re-sent


def test_worker_group_killed_on_a_persistent_redis(
        redis_postgres_env: StudioEnv, workers, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``--appendonly yes`` the killed render's message waits in Redis's ``unacked``
    set for the visibility timeout (57 minutes); the heartbeat sends it again within the
    lost threshold. While it waits, the API says so and shows its worker dead; the first
    attempt's message, delivered late, is dropped by its stale send token."""
    studio = redis_postgres_env
    quick_recovery(studio, monkeypatch)
    client, headers = api_client(studio.workspace_id)
    doomed = workers(studio, concurrency=2, name="doomed")
    # housekeeping only (webhooks' queue): it notices the loss; nothing here renders
    watcher = workers(studio, concurrency=1, name="watcher", queues="io")
    with client:
        up(client, headers, doomed, watcher)
        submission = send_batch(studio.workspace_id,
                                requests_for(studio.products(3), seconds=4.0))
        wait_until(rendering_on(doomed, submission.batch_id), 60, "doomed to render",
                   [doomed])
        running = [v.id for v in videos(submission.batch_id) if v.status == "running"]
        first_tokens = {j.id: (j.video_id, j.celery_task_id) for j in jobs()
                        if j.video_id in running}
        doomed.kill()  # the whole process group, ffmpeg included
        lost_at = time.monotonic()

        def shown_lost() -> list[dict[str, Any]]:
            shown = [client.get(f"/api/v1/videos/{v}", headers=headers).json()
                     for v in running]
            return shown if all(s["status_note"] == LOST_REASON for s in shown) else []

        shown = wait_until(shown_lost, BUDGET, "the API to say the worker was lost",
                           [doomed, watcher])
        print(f"\nshown as lost {time.monotonic() - lost_at:.1f} s after the kill: "
              f"{[(s['id'], s['status'], s['status_note']) for s in shown]}")
        assert {s["status"] for s in shown} == {"queued"}  # not "running"
        wait_until(lambda: alive(client, headers) == {doomed.hostname: False,
                                                      watcher.hostname: True},
                   30, "the dead worker to show as not alive", [watcher])
        ready = client.get("/readyz").json()
        print(f"/readyz: {ready['checks']}")
        assert ready["checks"]["workers"].startswith("1 alive")

        # the first attempt's message arrives late (a visibility timeout running out), and
        # ahead of the re-sent one (urgent priority): its token is stale, it is dropped
        for job_id, (video_id, token) in first_tokens.items():
            celery.signature("studio.video.render", kwargs={
                "video_id": video_id, "job_id": job_id, "token": token,
            }).set(priority=0).apply_async()
        survivor = workers(studio, concurrency=2, name="survivor")
        final = wait_until(lambda: settled(submission.batch_id), BUDGET, "the batch",
                           [doomed, watcher, survivor])
    took = time.monotonic() - lost_at
    print(f"process group killed (persistent Redis): batch done {took:.1f} s after the loss")
    assert final["status"] == "completed", final
    assert took < BUDGET
    finished_once(submission.batch_id, 3)
    log = survivor.log.read_text()
    for job_id in first_tokens:
        assert f"dropping a stale message of job {job_id}" in log, log[-3000:]
    assert {j.attempts for j in jobs() if j.id in first_tokens} == {2}


def test_a_frozen_worker_that_wakes_up_finishes_nothing(
        redis_postgres_env: StudioEnv, workers, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker silent past the lost threshold (frozen, swapping, its network cut) is taken
    for lost and its render sent again. When it wakes while the new attempt runs, it stops
    at its next progress write and leaves the job alone: no cancel, no second finish (the
    progress write used to cancel the job the other worker was making, leaving the video
    running forever)."""
    studio = redis_postgres_env
    quick_recovery(studio, monkeypatch)
    frozen = workers(studio, concurrency=1, name="frozen")
    submission = send_batch(studio.workspace_id, requests_for(studio.products(1), seconds=8.0))
    wait_until(rendering_on(frozen, submission.batch_id), 90, "a render", [frozen])
    [job] = jobs()
    first_token = job.celery_task_id
    frozen.freeze()
    lost_at = time.monotonic()
    survivor = workers(studio, concurrency=1, name="survivor")

    def taken_over() -> bool:
        [now] = jobs()
        [video] = videos(submission.batch_id)
        return (now.attempts == 2 and now.celery_task_id != first_token
                and video.status == "running" and (video.progress or 0) > 0.1)

    wait_until(taken_over, 60, "the render to be sent again and rendering", [survivor])
    frozen.thaw()  # wakes mid-way through the new attempt
    final = wait_until(lambda: settled(submission.batch_id), BUDGET, "the batch",
                       [frozen, survivor])
    print(f"\nfrozen worker: video done {time.monotonic() - lost_at:.1f} s after it froze")
    assert final["status"] == "completed", final
    finished_once(submission.batch_id, 1)
    # the woken attempt ended as superseded, having changed nothing
    ended = wait_until(lambda: re.search(
        rf"studio\.video\.render\[{first_token}\] succeeded in [\d.]+s: (.*)",
        frozen.log.read_text()), 60, "the frozen attempt to end", [frozen])
    assert "'superseded'" in ended.group(1), ended.group(0)
    [job] = jobs()
    assert job.status == "succeeded" and job.attempts == 2
