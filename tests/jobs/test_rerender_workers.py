"""Re-rendering a video of a finished batch, with a real worker (embedded broker + SQLite)."""

from __future__ import annotations

import pytest
from PIL import Image

from studio.db import Batch, Video, session_scope
from studio.services.batches import cancel_batch
from studio.services.submit import rerender
from studio.services.uow import unit_of_work

from .conftest import StudioEnv, wait_until
from .helpers import jobs, requests_for, send_batch, settled, stored_videos

pytestmark = pytest.mark.slow


def video_status(video_id: int) -> str:
    with session_scope() as session:
        video = session.get(Video, video_id)
        assert video is not None
        return video.status


def batch_status(batch_id: int) -> str:
    with session_scope() as session:
        batch = session.get(Batch, batch_id)
        assert batch is not None
        return batch.status


def send_rerender(workspace_id: int, video_id: int) -> list[int]:
    with unit_of_work(workspace_id) as scope:
        submission = rerender(scope, video_id)
    assert submission.job_ids, "a re-render must send new work"
    return submission.job_ids


def test_rerender_in_finished_batches_reaches_the_worker(embedded_env: StudioEnv,
                                                         workers) -> None:
    products = embedded_env.products(3, corrupt={1})
    # a batch cancelled before any worker picked it up
    cancelled = send_batch(embedded_env.workspace_id, requests_for(products[2:]))
    with unit_of_work(embedded_env.workspace_id) as scope:
        assert cancel_batch(scope, cancelled.batch_id).counts["cancelled"] == 1
    assert batch_status(cancelled.batch_id) == "cancelled"

    worker = workers(embedded_env, concurrency=2)
    failing = send_batch(embedded_env.workspace_id, requests_for(products[:2]))
    final = wait_until(lambda: settled(failing.batch_id), 120, "the batch", [worker])
    assert final["status"] == "completed_with_failures"
    [failure] = final["failures"]

    # the seller replaces the broken photo and asks for the failed video again
    Image.new("RGB", (40, 40), (200, 30, 30)).save(embedded_env.home / "photos/product-1.jpg")
    assert send_rerender(embedded_env.workspace_id, failure["video_id"])
    assert batch_status(failing.batch_id) == "running"  # reopened while it renders again
    wait_until(lambda: video_status(failure["video_id"]) == "succeeded", 120,
               "the re-rendered video", [worker])
    final = wait_until(lambda: settled(failing.batch_id), 60, "the batch to settle", [worker])
    assert final["status"] == "completed" and final["counts"]["succeeded"] == 2
    tries = [j for j in jobs() if j.video_id == failure["video_id"]]
    assert [j.status for j in tries] == ["failed", "succeeded"]

    # a cancelled video of a cancelled batch renders too; the state machine keeps that batch
    # closed, and its bookkeeping must not throw the new video away
    [video_id] = cancelled.video_ids
    send_rerender(embedded_env.workspace_id, video_id)
    wait_until(lambda: video_status(video_id) == "succeeded", 120,
               "the re-rendered cancelled video", [worker])
    with session_scope() as session:
        video = session.get(Video, video_id)
        assert video is not None and video.storage_key in stored_videos()
    assert batch_status(cancelled.batch_id) == "cancelled"
