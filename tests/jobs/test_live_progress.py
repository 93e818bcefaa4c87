"""Live progress over Redis pub/sub (a Redis broker) next to the database, the source of truth."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studio.config import get_settings
from studio.db import Video, dispose_engines, session_scope
from studio.jobs import live, pipeline
from studio.jobs.progress import ProgressReporter
from studio.jobs.submit import submit_batch

from .conftest import RedisServer, StudioEnv, _configure, wait_until
from .helpers import requests_for, send_batch, settled

pytestmark = [pytest.mark.slow, pytest.mark.redis]


@pytest.fixture
def redis_sqlite_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_url: str,
                     redis_server: RedisServer) -> Iterator[StudioEnv]:
    """A Redis broker with the embedded SQLite database."""
    monkeypatch.setattr(live, "_clients", {})
    monkeypatch.setattr(live, "_paused_until", 0.0)
    yield _configure(monkeypatch, tmp_path / "home", sqlite_url,
                     {"STUDIO_BROKER_URL": redis_server.url})
    get_settings.cache_clear()
    dispose_engines()


class Listener:
    """Collects a workspace's live messages on a thread, from before the first one is sent."""

    def __init__(self, workspace_id: int, seconds: float, *, until_finished: bool = False
                 ) -> None:
        """Listens until ``seconds`` pass without a message (or a video's last message)."""
        import redis

        self.messages: list[dict[str, Any]] = []
        self.until_finished = until_finished
        self.thread = threading.Thread(target=self._run, args=(workspace_id, seconds),
                                       daemon=True)
        self.thread.start()
        client = redis.Redis.from_url(live.redis_url() or "")
        wait_until(lambda: dict(client.pubsub_numsub(live.channel(workspace_id)))
                   .get(live.channel(workspace_id).encode()), 10, "the subscription")

    def _run(self, workspace_id: int, seconds: float) -> None:
        for message in live.listen(workspace_id, timeout=seconds):
            self.messages.append(message)
            if self.until_finished and message["status"] != "running":
                return

    def join(self) -> list[dict[str, Any]]:
        self.thread.join(timeout=60)
        return self.messages


def running_video(studio: StudioEnv) -> tuple[int, int]:
    [product] = studio.products(1)
    with session_scope() as session:
        submission = submit_batch(session, studio.workspace_id, requests_for([product]))
    [(video_id, job_id)] = submission.to_dispatch
    assert pipeline.begin_step(video_id, job_id, "render").proceed  # as the worker does
    return video_id, job_id


def stored_progress(video_id: int) -> float:
    with session_scope() as session:
        video = session.get(Video, video_id)
        assert video is not None
        return float(video.progress or 0)


def test_progress_reaches_a_watcher_and_the_database(redis_sqlite_env: StudioEnv) -> None:
    studio = redis_sqlite_env
    video_id, job_id = running_video(studio)
    other_workspace = Listener(studio.workspace_id + 1000, seconds=1.5)
    listener = Listener(studio.workspace_id, seconds=1.5)
    reporter = ProgressReporter(video_id, job_id, workspace_id=studio.workspace_id,
                                min_interval=0, publish_interval=0)
    reporter(0.2, "encoding")
    reporter(0.5, "encoding")
    heard = listener.join()
    assert [(m["video_id"], m["progress"], m["status"], m["message"]) for m in heard] == [
        (video_id, 0.2, "running", "encoding"), (video_id, 0.5, "running", "encoding")]
    assert stored_progress(video_id) == pytest.approx(0.5)
    assert other_workspace.join() == []  # a workspace hears only its own videos


def test_watchers_hear_sooner_than_the_database_is_written(
        redis_sqlite_env: StudioEnv) -> None:
    studio = redis_sqlite_env
    video_id, job_id = running_video(studio)
    listener = Listener(studio.workspace_id, seconds=1.5)
    reporter = ProgressReporter(video_id, job_id, workspace_id=studio.workspace_id,
                                min_interval=60, publish_interval=0.05)
    for step in range(1, 6):
        reporter(step / 10)
        time.sleep(0.1)
    assert [m["progress"] for m in listener.join()] == [0.1, 0.2, 0.3, 0.4, 0.5]
    assert stored_progress(video_id) == pytest.approx(0.1)  # the first call only


def test_a_redis_outage_does_not_hold_up_the_render(redis_sqlite_env: StudioEnv,
                                                    redis_server: RedisServer) -> None:
    studio = redis_sqlite_env
    video_id, job_id = running_video(studio)
    reporter = ProgressReporter(video_id, job_id, workspace_id=studio.workspace_id,
                                min_interval=0, publish_interval=0)
    reporter(0.1)
    redis_server.stop()
    began = time.monotonic()
    for step in range(2, 30):
        reporter(step / 30)
    assert time.monotonic() - began < 3  # ~30 renderer calls, no wait on each
    assert stored_progress(video_id) == pytest.approx(29 / 30)


def test_a_worker_publishes_a_render_from_start_to_end(redis_sqlite_env: StudioEnv,
                                                       workers) -> None:
    studio = redis_sqlite_env
    [product] = studio.products(1)
    worker = workers(studio, concurrency=1)
    wait_until(lambda: "ready." in worker.tail(), 60, "the worker", [worker])
    listener = Listener(studio.workspace_id, seconds=60, until_finished=True)
    submission = send_batch(studio.workspace_id, requests_for([product], seconds=2.5))
    final = wait_until(lambda: settled(submission.batch_id), 120, "the batch", [worker])
    assert final["status"] == "completed"
    heard = [m for m in listener.join() if m["video_id"] == submission.video_ids[0]]
    running = [m["progress"] for m in heard if m["status"] == "running"]
    assert len(running) >= 3, (heard, worker.tail(60))  # a 2.5 s render, every 0.25 s
    assert running == sorted(running) and 0 <= running[0] < running[-1] < 1
    assert (heard[-1]["status"], heard[-1]["progress"]) == ("succeeded", 1.0)
