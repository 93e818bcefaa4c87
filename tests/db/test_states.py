"""The state machine: allowed moves, refused moves, races between workers, and their events."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from studio.batch_state import settle_batch
from studio.db import Batch, Event, Job, Video, get_sessionmaker
from studio.events import list_events
from studio.states import (
    BATCH_TRANSITIONS,
    JOB_TRANSITIONS,
    VIDEO_TRANSITIONS,
    BatchStatus,
    IllegalTransition,
    JobStatus,
    VideoStatus,
    record_progress,
    transition,
)
from tests.db.factories import make_video, make_workspace


def events_of(session: Session, obj: Any) -> list[Event]:
    kind = type(obj).__name__.lower()
    return list_events(session, obj.workspace_id, subject=(kind, obj.id))


@pytest.mark.parametrize(
    ("table", "statuses"),
    [
        (VIDEO_TRANSITIONS, VideoStatus),
        (JOB_TRANSITIONS, JobStatus),
        (BATCH_TRANSITIONS, BatchStatus),
    ],
)
def test_tables_cover_every_status(table: Any, statuses: Any) -> None:
    assert set(table) == set(statuses)
    for targets in table.values():
        assert targets <= set(statuses)


def test_video_lifecycle_writes_one_event_per_change(session: Session) -> None:
    ws = make_workspace(session, "acme")
    video = make_video(session, ws)
    for status in ("queued", "running", "succeeded"):
        transition(session, video, status)
    session.commit()
    session.expire_all()

    assert video.status == "succeeded"
    assert video.started_at is not None and video.finished_at >= video.started_at
    assert video.progress == 1.0
    events = events_of(session, video)
    assert [e.type for e in events] == ["video.queued", "video.running", "video.succeeded"]
    assert [(e.payload["from"], e.payload["to"]) for e in events] == [
        ("pending", "queued"),
        ("queued", "running"),
        ("running", "succeeded"),
    ]
    assert events[-1].payload["creative_code"] == video.creative_code
    assert events[0].seq < events[1].seq < events[2].seq


def test_illegal_move_raises_and_changes_nothing(session: Session) -> None:
    ws = make_workspace(session, "acme")
    video = make_video(session, ws)
    with pytest.raises(IllegalTransition, match=r"video \d+: cannot go from pending to succeeded"):
        transition(session, video, "succeeded")
    with pytest.raises(ValueError, match="'done' does not exist"):
        transition(session, video, "done")
    session.commit()
    session.expire_all()
    assert video.status == "pending"
    assert events_of(session, video) == []


def test_failure_keeps_the_reason_and_retry_clears_it(session: Session) -> None:
    ws = make_workspace(session, "acme")
    video = make_video(session, ws)
    transition(session, video, "running")
    event = transition(session, video, "failed", reason="ffmpeg: no such file a.png")
    assert video.error == "ffmpeg: no such file a.png"
    assert event.payload["reason"] == "ffmpeg: no such file a.png"
    transition(session, video, "queued")
    session.commit()
    session.expire_all()
    assert (video.status, video.error, video.finished_at) == ("queued", None, None)


def test_rerender_counts_render_versions(session: Session) -> None:
    ws = make_workspace(session, "acme")
    video = make_video(session, ws)
    for status in ("running", "succeeded", "queued", "running", "succeeded"):
        transition(session, video, status)
    session.commit()
    session.expire_all()
    assert video.render_version == 2
    with pytest.raises(IllegalTransition, match="from archived"):
        transition(session, video, "archived")
        transition(session, video, "queued")


def test_a_rolled_back_change_leaves_no_event(session: Session) -> None:
    ws = make_workspace(session, "acme")
    video = make_video(session, ws)
    session.commit()
    transition(session, video, "queued")
    session.rollback()
    session.expire_all()
    assert video.status == "pending"
    assert events_of(session, video) == []


def test_two_workers_cannot_both_start_one_video(db_url: str) -> None:
    make = get_sessionmaker(db_url)
    with make() as setup:
        video = make_video(setup, make_workspace(setup, "acme"), status="queued")
        setup.commit()
        video_id = video.id
    with make() as first, make() as second:
        mine = first.get(Video, video_id)
        theirs = second.get(Video, video_id)
        assert mine is not None and theirs is not None
        transition(first, mine, "running")
        first.commit()
        with pytest.raises(IllegalTransition, match="it is running now"):
            transition(second, theirs, "running")
        second.rollback()
    with make() as check:
        types = check.scalars(select(Event.type).where(Event.subject_id == str(video_id)))
        assert list(types) == ["video.running"]


def test_job_retries_count_attempts_up_to_the_limit(session: Session) -> None:
    ws = make_workspace(session, "acme")
    job = Job(workspace_id=ws.id, kind="render", max_attempts=2)
    session.add(job)
    transition(session, job, "running")
    transition(session, job, "pending", reason="broker connection lost")
    transition(session, job, "running")
    assert job.attempts == 2
    with pytest.raises(IllegalTransition, match="used 2 of 2 attempts"):
        transition(session, job, "pending")
    transition(session, job, "failed", reason="gave up")
    session.commit()
    session.expire_all()
    assert (job.status, job.attempts, job.error) == ("failed", 2, "gave up")
    assert [e.payload["attempts"] for e in events_of(session, job)] == [1, 1, 2, 2]


@pytest.mark.parametrize(
    ("video_outcomes", "expected"),
    [
        (["succeeded", "succeeded"], "completed"),
        (["succeeded", "failed"], "completed_with_failures"),
        (["failed", "failed"], "failed"),
        (["cancelled", "cancelled"], "cancelled"),
        ([], "completed"),
    ],
)
def test_batch_settles_from_its_videos(
    session: Session, video_outcomes: list[str], expected: str
) -> None:
    ws = make_workspace(session, "acme")
    batch = Batch(workspace_id=ws.id, name="autumn")
    session.add(batch)
    transition(session, batch, "running")
    videos = [make_video(session, ws, batch_id=batch.id) for _ in video_outcomes]
    for video in videos:
        transition(session, video, "running")
    if videos:
        assert settle_batch(session, batch) is None  # still rendering
    for video, outcome in zip(videos, video_outcomes, strict=True):
        transition(session, video, outcome)
    event = settle_batch(session, batch)
    assert event is not None and event.type == f"batch.{expected}"
    assert event.payload["counts"]["total"] == len(videos)
    # the last two videos may both try: the second call is a no-op
    assert settle_batch(session, batch) is None
    session.commit()
    session.expire_all()
    assert batch.status == expected and batch.finished_at is not None


def test_progress_is_stored_and_announced_every_tenth(session: Session) -> None:
    ws = make_workspace(session, "acme")
    video = make_video(session, ws)
    assert record_progress(session, video, 0.5) is None  # not running: ignored
    transition(session, video, "running")
    announced = [record_progress(session, video, f / 100) for f in range(0, 101, 4)]
    session.commit()
    steps = [e.payload["progress"] for e in announced if e is not None]
    assert steps == [0.12, 0.2, 0.32, 0.4, 0.52, 0.6, 0.72, 0.8, 0.92, 1.0]
    assert video.progress == 1.0
    assert {e.type for e in events_of(session, video)} == {"video.running", "video.progress"}


@pytest.mark.postgres
def test_events_of_a_workspace_become_visible_in_seq_order(postgres_url: str) -> None:
    """A reader that resumes "after seq N" must never skip an event committed late."""
    make = get_sessionmaker(postgres_url)
    with make() as setup:
        ws = make_workspace(setup, "acme")
        first_id, second_id = make_video(setup, ws).id, make_video(setup, ws).id
        setup.commit()
    slow, fast = make(), make()
    try:
        slow_event = transition(slow, slow.get(Video, first_id), "queued")
        slow.flush()  # seq taken, not committed: a worker still busy in its transaction
        done: list[Event] = []
        worker = threading.Thread(
            target=lambda: (
                done.append(transition(fast, fast.get(Video, second_id), "queued")),
                fast.commit(),
            )
        )
        worker.start()
        with make() as watcher:  # the second writer must be waiting on the first, not done
            deadline = time.monotonic() + 60
            waiting = 0
            while not waiting and worker.is_alive() and time.monotonic() < deadline:
                waiting = watcher.scalar(
                    text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    )
                )
                watcher.rollback()
            assert waiting == 1 and worker.is_alive()
        slow.commit()
        worker.join(60)
        assert done and done[0].seq > slow_event.seq
    finally:
        slow.close()
        fast.close()
