"""The embedded default (SQLite + the broker on local files) with real worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from studio.db import Job, UsageRecord, Video, WebhookDelivery, WebhookEndpoint, session_scope
from studio.services.batches import cancel_batch
from studio.services.uow import unit_of_work
from studio.storage import open_storage
from studio.webhooks.receiver import WebhookReceiver

from .conftest import StudioEnv, quick_recovery, wait_until
from .helpers import (
    batch_videos_done_before_a_single_video,
    count,
    events,
    jobs,
    playable_seconds,
    requests_for,
    send_batch,
    send_video,
    settled,
    status,
    stored_videos,
    videos,
)

pytestmark = pytest.mark.slow


def no_partial_files(home: Path) -> list[Path]:
    """Anything half-made: storage temp files, broker temp messages, work folders."""
    partial = [p for p in home.rglob("*") if ".partial-" in p.name or p.name.startswith(".tmp-")]
    work = home / "work"
    return partial + (list(work.iterdir()) if work.exists() else [])


def test_twenty_video_batch_with_signed_webhooks(embedded_env: StudioEnv, workers) -> None:
    secret = "whsec_embedded"
    with WebhookReceiver(secret, fail_first=1) as receiver:
        with session_scope() as session:
            session.add(WebhookEndpoint(workspace_id=embedded_env.workspace_id,
                                        url=receiver.url, secret=secret,
                                        event_types=["video.succeeded", "batch.completed"]))
        products = embedded_env.products(10)
        worker = workers(embedded_env, concurrency=2)
        submission = send_batch(embedded_env.workspace_id,
                                requests_for(products, formats=("9:16", "1:1")))
        assert submission.created and len(submission.job_ids) == 20

        final = wait_until(lambda: settled(submission.batch_id), 240, "the batch", [worker])
        assert final["status"] == "completed", final
        assert final["counts"]["succeeded"] == 20 and final["progress"] == 100.0

        made = videos(submission.batch_id)
        keys = sorted(v.storage_key for v in made)
        assert keys == sorted(stored_videos())  # each video stored exactly once
        storage = open_storage()
        for video in made:
            assert video.status == "succeeded" and video.poster_key
            assert storage.exists(video.poster_key)
            assert playable_seconds(str(storage.local_path(video.storage_key))) > 0.2
        with session_scope() as session:
            kinds = session.scalars(select(UsageRecord.kind).where(
                UsageRecord.video_id == made[0].id)).all()
        assert sorted(kinds) == ["output_seconds", "render_seconds"]
        assert no_partial_files(embedded_env.home) == []

        # batch.completed once (the last two videos may both try to close it)
        completed = events("batch.completed")
        assert len(completed) == 1

        # every webhook: 20 video.succeeded + 1 batch.completed, each first refused with 503
        wait_until(lambda: len(receiver.events) == 21, 60, "webhook deliveries", [worker])
        assert receiver.bad_signatures == 0
        kinds_seen = sorted(e["type"] for e in receiver.events.values())
        assert kinds_seen == ["batch.completed"] + ["video.succeeded"] * 20
        assert str(completed[0].id) in receiver.events

        def attempts() -> set[tuple[int, str]]:
            with session_scope() as session:
                return {(d.attempt, d.status) for d in session.scalars(select(WebhookDelivery))}

        # the receiver answers before the worker writes down that it did: wait for the rows
        wait_until(lambda: attempts() == {(1, "retrying"), (2, "delivered")}, 30,
                   "every delivery written down as delivered", [worker])

    # resubmitting the same batch makes nothing new and sends nothing
    before = (count(Video), count(Job))
    again = send_batch(embedded_env.workspace_id, requests_for(products, formats=("9:16", "1:1")))
    assert not again.created and again.batch_id == submission.batch_id
    assert again.job_ids == [] and (count(Video), count(Job)) == before


def test_poisoned_item_fails_alone(embedded_env: StudioEnv, workers) -> None:
    """A corrupt photo fails at once with the reason; a transient error is retried."""
    products = embedded_env.products(5, corrupt={2})
    worker = workers(embedded_env, concurrency=2)
    requests = requests_for(products)
    flaky = embedded_env.home / "flaky-once"
    requests[4] = requests_for(products[4:], flaky_marker=str(flaky))[0]
    submission = send_batch(embedded_env.workspace_id, requests)
    final = wait_until(lambda: settled(submission.batch_id), 120, "the batch", [worker])

    assert final["status"] == "completed_with_failures"
    assert final["counts"]["succeeded"] == 4 and final["counts"]["failed"] == 1
    assert flaky.exists()
    retried = next(j for j in jobs() if j.video_id == submission.video_ids[4])
    assert retried.status == "succeeded" and retried.attempts == 2
    reasons = [e.payload.get("reason", "") for e in events("job.pending")
               if int(e.subject_id) == retried.id]
    # a plugin's own words, after its name (it is not one of the studio's plugins)
    assert any(r.startswith("will retry: ") and r.endswith(": the network dropped (simulated)")
               for r in reasons), reasons
    [failure] = final["failures"]
    assert failure["product"] == "Product 2"
    assert "product-2.jpg" in failure["error"] and "cannot be read" in failure["error"]
    poisoned = next(j for j in jobs() if j.video_id == failure["video_id"])
    assert poisoned.status == "failed" and poisoned.attempts == 1  # not retried


def test_sigkill_mid_render_then_restart(embedded_env: StudioEnv, workers,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    quick_recovery(embedded_env, monkeypatch)  # lost after 12 s of silence, not 60
    products = embedded_env.products(6)
    first = workers(embedded_env, concurrency=2, name="doomed")
    submission = send_batch(embedded_env.workspace_id, requests_for(products, seconds=3.0))

    def rendering() -> list[Video]:
        return [v for v in videos(submission.batch_id)
                if v.status == "running" and (v.progress or 0) > 0.1]

    wait_until(rendering, 60, "a render in progress", [first])
    first.kill()
    interrupted = [v for v in videos(submission.batch_id) if v.status == "running"]
    assert interrupted  # killed in the middle of work

    second = workers(embedded_env, concurrency=2, name="survivor")
    final = wait_until(lambda: settled(submission.batch_id), 180, "the batch", [first, second])
    assert final["status"] == "completed", final

    made = videos(submission.batch_id)
    assert [v.status for v in made] == ["succeeded"] * 6
    assert sorted(v.storage_key for v in made) == sorted(stored_videos())
    assert all(v.render_version == 1 for v in made)
    by_video = {j.video_id: j for j in jobs()}
    for video in interrupted:
        assert by_video[video.id].attempts == 2  # the lost attempt is counted
    assert len(jobs()) == 6  # no second job: the same job ran again
    assert no_partial_files(embedded_env.home) == []
    lost = [e for e in events("job.pending") if "worker lost" in e.payload.get("reason", "")]
    assert {int(e.subject_id) for e in lost} == {by_video[v.id].id for v in interrupted}


def test_preview_overtakes_a_big_batch(embedded_env: StudioEnv, workers) -> None:
    worker = workers(embedded_env, concurrency=1)
    finished_before = batch_videos_done_before_a_single_video(
        embedded_env.workspace_id, worker, embedded_env.products(13), preview=True)
    # the preview waits for the render in progress (and the one already reserved), no more
    assert finished_before <= 3, f"{finished_before} batch videos finished before the preview"


def test_cancel_batch_stops_running_and_queued_work(embedded_env: StudioEnv, workers) -> None:
    products = embedded_env.products(5)
    worker = workers(embedded_env, concurrency=1)
    submission = send_batch(embedded_env.workspace_id, requests_for(products, seconds=4.0))
    wait_until(lambda: [v for v in videos(submission.batch_id)
                        if v.status == "running" and (v.progress or 0) > 0.1],
               60, "a render in progress", [worker])
    with unit_of_work(embedded_env.workspace_id) as scope:
        assert cancel_batch(scope, submission.batch_id).counts["cancelled"] == 5

    final = status(submission.batch_id)
    assert final["status"] == "cancelled"
    # the worker drops the running render and skips the rest: soon idle, nothing stored
    later = requests_for(embedded_env.products(1), seconds=0.2)
    after = send_video(embedded_env.workspace_id, later[0])
    wait_until(lambda: videos()[-1].status == "succeeded", 60, "the next video", [worker])
    assert stored_videos() == [v.storage_key for v in videos() if v.id == after.video_ids[0]]
    made = videos(submission.batch_id)
    assert all(v.status == "cancelled" for v in made)
    assert sum(1 for v in made if v.started_at is not None) == 1  # queued ones never started
    assert no_partial_files(embedded_env.home) == []


def test_real_template_renders_and_a_corrupt_photo_fails_alone(embedded_env: StudioEnv,
                                                               workers) -> None:
    """The built-in ``template`` generator through the workers (preview size, to be quick)."""
    from studio.services.requests import VideoRequest

    products = embedded_env.products(3, corrupt={1}, size=480)
    worker = workers(embedded_env, concurrency=2)
    requests = [VideoRequest(product_id=pid, template_id="showcase", options={"preview": True})
                for pid in products]
    submission = send_batch(embedded_env.workspace_id, requests)
    final = wait_until(lambda: settled(submission.batch_id), 180, "the batch", [worker])
    assert final["status"] == "completed_with_failures", final
    [failure] = final["failures"]
    assert failure["product"] == "Product 1"
    assert "product-1.jpg: not a readable image" in failure["error"]
    made = [v for v in videos(submission.batch_id) if v.status == "succeeded"]
    assert len(made) == 2 and all(v.template_version and v.template_version != "unversioned"
                                  for v in made)
    assert all(v.duration and abs(v.duration - 15.0) < 0.2 for v in made)
    assert no_partial_files(embedded_env.home) == []
