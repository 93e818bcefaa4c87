"""RabbitMQ as the broker (``amqp://``) with real worker processes and the embedded SQLite
database: a small batch completes, and a seller's preview overtakes a batch.

RabbitMQ must listen on 127.0.0.1:5672 (``STUDIO_TEST_AMQP_URL`` for another one). Without
it these tests skip, unless ``CI`` is set: then they fail.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from studio.config import get_settings
from studio.db import dispose_engines
from studio.storage import open_storage

from .conftest import StudioEnv, _configure, wait_until
from .helpers import (
    batch_videos_done_before_a_single_video,
    events,
    playable_seconds,
    requests_for,
    send_batch,
    settled,
    stored_videos,
    videos,
)

pytestmark = [pytest.mark.slow, pytest.mark.rabbitmq]

AMQP_URL = os.environ.get("STUDIO_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")


def _rabbitmq_unavailable(reason: str) -> None:
    message = f"RabbitMQ is not reachable at {AMQP_URL}: {reason}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so the RabbitMQ tests must run)", pytrace=False)
    pytest.skip(message)


def _purge_studio_queues() -> None:
    """RabbitMQ outlives the test: work a killed earlier run left in the studio's queues
    (ids of another database) must not reach this test's workers."""
    from studio.jobs.celery_app import app

    app.control.purge()


@pytest.fixture
def rabbitmq_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_url: str
                 ) -> Iterator[StudioEnv]:
    """RabbitMQ broker; SQLite database and result store; local storage."""
    address = urlsplit(AMQP_URL)
    try:
        socket.create_connection((address.hostname or "127.0.0.1", address.port or 5672),
                                 timeout=3).close()
    except OSError as exc:
        _rabbitmq_unavailable(str(exc))
    studio = _configure(monkeypatch, tmp_path / "home", sqlite_url,
                        {"STUDIO_BROKER_URL": AMQP_URL})
    _purge_studio_queues()
    yield studio
    _purge_studio_queues()
    get_settings.cache_clear()
    dispose_engines()


def test_a_small_batch_completes_on_rabbitmq(rabbitmq_env: StudioEnv, workers) -> None:
    studio = rabbitmq_env
    products = studio.products(4)
    worker = workers(studio, concurrency=2)
    submission = send_batch(studio.workspace_id, requests_for(products, seconds=0.5))
    assert submission.created and len(submission.job_ids) == 4

    final = wait_until(lambda: settled(submission.batch_id), 120, "the batch", [worker])
    assert final["status"] == "completed", final
    assert final["counts"]["succeeded"] == 4 and final["progress"] == 100.0

    made = videos(submission.batch_id)
    assert sorted(v.storage_key for v in made) == sorted(stored_videos())
    storage = open_storage()
    for video in made:
        assert video.poster_key and storage.exists(video.poster_key)
        assert playable_seconds(str(storage.local_path(video.storage_key))) > 0.4
    assert len(events("batch.completed")) == 1
    assert len(events("video.succeeded")) == 4
    # the work really went through RabbitMQ, not a broker on local files
    assert "Connected to amqp://" in worker.log.read_text()
    assert not (studio.home / "broker" / "queue").exists()


def test_preview_overtakes_a_batch_on_rabbitmq(rabbitmq_env: StudioEnv, workers) -> None:
    studio = rabbitmq_env
    worker = workers(studio, concurrency=1)
    finished_before = batch_videos_done_before_a_single_video(
        studio.workspace_id, worker, studio.products(9))
    assert finished_before <= 3, f"{finished_before} batch videos finished before the preview"
