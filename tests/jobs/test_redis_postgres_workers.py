"""The distributed configuration — Redis broker, PostgreSQL, S3-compatible storage — with real
worker processes, and a Redis restart in the middle of a batch."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest

from studio.config import get_settings
from studio.storage import open_storage

from .conftest import RedisServer, StudioEnv, free_port, wait_until
from .helpers import (
    batch_videos_done_before_a_single_video,
    requests_for,
    send_batch,
    settled,
    stored_videos,
    videos,
)

pytestmark = [pytest.mark.slow, pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture
def s3_storage(monkeypatch: pytest.MonkeyPatch, redis_postgres_env: StudioEnv) -> Iterator[str]:
    """A local S3-compatible server (moto) as the shared storage workers write to."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    bucket = f"renders-{uuid.uuid4().hex[:8]}"
    values = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
              "AWS_DEFAULT_REGION": "us-east-1", "STUDIO_STORAGE_URL": f"s3://{bucket}/studio",
              "STUDIO_S3_ENDPOINT_URL": endpoint}
    for key, value in values.items():
        monkeypatch.setenv(key, value)
        redis_postgres_env.env[key] = value
    get_settings.cache_clear()
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=bucket)
    try:
        yield bucket
    finally:
        server.stop()


def test_batch_survives_a_redis_restart(redis_postgres_env: StudioEnv, redis_server: RedisServer,
                                        s3_storage: str, workers) -> None:
    studio = redis_postgres_env
    products = studio.products(10)
    worker = workers(studio, concurrency=2)
    submission = send_batch(studio.workspace_id,
                            requests_for(products, formats=("9:16", "1:1"), seconds=0.8))
    wait_until(lambda: sum(v.status == "succeeded" for v in videos(submission.batch_id)) >= 3,
               120, "the first videos", [worker])

    redis_server.stop()
    time.sleep(2)  # workers notice the broker is gone
    redis_server.start()

    final = wait_until(lambda: settled(submission.batch_id), 240, "the batch", [worker])
    assert final["status"] == "completed", final
    made = videos(submission.batch_id)
    assert [v.status for v in made] == ["succeeded"] * 20
    assert sorted(v.storage_key for v in made) == sorted(stored_videos())
    storage = open_storage()
    assert storage.local_path(made[0].storage_key) is None  # really in object storage
    assert storage.size(made[0].storage_key) > 0


def test_preview_overtakes_a_batch_on_redis(redis_postgres_env: StudioEnv, workers) -> None:
    studio = redis_postgres_env
    worker = workers(studio, concurrency=1)
    finished_before = batch_videos_done_before_a_single_video(
        studio.workspace_id, worker, studio.products(13))
    assert finished_before <= 3, f"{finished_before} batch videos finished before the preview"
