"""Idempotent submission, re-render versions, batch status and cancel — on SQLite and PostgreSQL.

No worker here: these are the database promises the workers rely on.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.db import Batch, Job, Product, Video, Workspace, session_scope
from studio.jobs.control import batch_status, cancel_batch, cancel_video
from studio.jobs.submit import (
    SubmissionError,
    VideoRequest,
    request_key,
    rerender,
    submit_batch,
    submit_video,
)
from studio.states import transition


@pytest.fixture
def shop(studio_home_db, session: Session) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids: dict[str, int] = {}
    for slug in ("shop", "other"):
        workspace = Workspace(name=slug, slug=slug)
        session.add(workspace)
        session.flush()
        ids[slug] = workspace.id
    for n in range(3):
        product = Product(workspace_id=ids["shop"], title=f"P{n}", price=Decimal("9.90"),
                          images=[], source="t", external_id=str(n))
        session.add(product)
        session.flush()
        ids[f"p{n}"] = product.id
    session.commit()
    return ids


def items(shop: dict[str, int], formats: tuple[str, ...] = ("9:16", "1:1")) -> list[VideoRequest]:
    return [VideoRequest(product_id=shop[f"p{n}"], template_id="showcase", format=fmt)
            for n in range(3) for fmt in formats]


def rows(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)))


def test_request_key_is_stable_and_specific() -> None:
    base = VideoRequest(product_id=1, template_id="showcase", format="9:16",
                        options={"a": 1, "b": [1, 2]})
    same = VideoRequest(product_id=1, template_id="showcase", format="9:16",
                        options={"b": [1, 2], "a": 1})
    assert request_key(1, base, "v1") == request_key(1, same, "v1")
    different = [
        request_key(2, base, "v1"),
        request_key(1, base, "v2"),
        request_key(1, VideoRequest(product_id=1, template_id="showcase", format="1:1",
                                    options={"a": 1, "b": [1, 2]}), "v1"),
        request_key(1, VideoRequest(product_id=2, template_id="showcase", format="9:16",
                                    options={"a": 1, "b": [1, 2]}), "v1"),
    ]
    assert len({request_key(1, base, "v1"), *different}) == 5


def test_resubmitting_a_batch_creates_nothing(session: Session, shop: dict[str, int]) -> None:
    first = submit_batch(session, shop["shop"], items(shop))
    assert first.created and len(first.to_dispatch) == 6
    counts = (rows(session, Video), rows(session, Job), rows(session, Batch))
    again = submit_batch(session, shop["shop"], list(reversed(items(shop))))
    assert not again.created and again.batch_id == first.batch_id and again.to_dispatch == []
    assert (rows(session, Video), rows(session, Job), rows(session, Batch)) == counts
    videos = session.scalars(select(Video)).all()
    assert {v.status for v in videos} == {"queued"}
    assert len({v.creative_code for v in videos}) == 6


def test_overlapping_batch_reuses_existing_videos(session: Session, shop: dict[str, int]) -> None:
    submit_batch(session, shop["shop"], items(shop, ("9:16",)))
    bigger = submit_batch(session, shop["shop"], items(shop, ("9:16", "4:5")))
    assert bigger.created and len(bigger.new_video_ids) == 3 and len(bigger.video_ids) == 6
    assert batch_status(session, bigger.batch_id)["reused_video_ids"] != []


def test_two_concurrent_identical_submissions_make_one(db_url: str, shop: dict[str, int]) -> None:
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit() -> None:
        try:
            with session_scope(db_url) as own:
                barrier.wait()
                results.append(submit_batch(own, shop["shop"], items(shop)))
        except Exception as exc:  # surfaced below with the thread's error
            errors.append(exc)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(r.created for r in results) == [False, True]
    with session_scope(db_url) as check:
        assert rows(check, Batch) == 1 and rows(check, Video) == 6
        assert rows(check, Job) == 7  # six renders + the batch's key holder


def test_rerender_makes_a_new_version(session: Session, shop: dict[str, int]) -> None:
    request = VideoRequest(product_id=shop["p0"], template_id="showcase")
    first = submit_video(session, shop["shop"], request)
    assert first.created and len(first.to_dispatch) == 1
    assert submit_video(session, shop["shop"], request).to_dispatch == []  # same request
    video = session.get(Video, first.video_ids[0])
    job = session.get(Job, first.to_dispatch[0][1])
    for obj, status in ((job, "running"), (video, "running"), (job, "succeeded"),
                        (video, "succeeded")):
        transition(session, obj, status)
    session.commit()

    again = rerender(session, shop["shop"], video.id)
    session.refresh(video)
    assert again.video_ids == [video.id] and video.render_version == 2
    assert video.status == "queued" and len(again.to_dispatch) == 1
    assert again.to_dispatch[0][1] != job.id
    assert rerender(session, shop["shop"], video.id).to_dispatch == []  # already queued


def test_bad_requests_name_the_item(session: Session, shop: dict[str, int]) -> None:
    good = VideoRequest(product_id=shop["p0"], template_id="showcase")
    with pytest.raises(SubmissionError, match=r"item 2 .*format must be one of"):
        submit_batch(session, shop["shop"], [good, VideoRequest(shop["p1"], "showcase", "3:4")])
    with pytest.raises(SubmissionError, match=r"item 1 .*no template 'nope'"):
        submit_batch(session, shop["shop"], [VideoRequest(shop["p0"], "nope")])
    with pytest.raises(SubmissionError, match="not found in this workspace"):
        submit_batch(session, shop["other"], [good])
    with pytest.raises(SubmissionError, match="at least one"):
        submit_batch(session, shop["shop"], [])


def test_status_progress_failures_and_cancel(session: Session, shop: dict[str, int]) -> None:
    submission = submit_batch(session, shop["shop"], items(shop, ("9:16",)))
    first, second, third = (session.get(Video, i) for i in submission.video_ids)
    transition(session, first, "running")
    first.progress = 0.5
    transition(session, second, "running")
    transition(session, second, "failed", reason="product image a.jpg cannot be read")
    session.commit()

    state = batch_status(session, submission.batch_id)
    assert state["counts"]["failed"] == 1 and state["counts"]["running"] == 1
    assert state["progress"] == pytest.approx(100 * 1.5 / 3, abs=0.1)
    assert [f["error"] for f in state["failures"]] == ["product image a.jpg cannot be read"]
    assert state["failures"][0]["product"] == "P1"

    assert cancel_video(session, third.id)
    assert not cancel_video(session, second.id)  # already finished
    assert cancel_batch(session, submission.batch_id) == 1  # only the running one was left
    session.commit()
    final = batch_status(session, submission.batch_id)
    assert final["status"] == "failed"  # nothing succeeded: one failed, the rest cancelled
    assert final["counts"]["cancelled"] == 2
    jobs = session.scalars(select(Job).where(Job.kind == "render")).all()
    assert {j.status for j in jobs if j.video_id in (first.id, third.id)} == {"cancelled"}


def test_recover_sends_unsent_work_and_fails_overdue(session: Session, shop: dict[str, int],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A publisher that died before sending leaves pending jobs without a task id: they are
    sent; a job silent past the time limit is failed with the reason."""
    from studio.jobs import control, dispatch

    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(dispatch, "dispatch",
                        lambda submission: sent.extend(submission.to_dispatch) or [])
    submission = submit_batch(session, shop["shop"], items(shop, ("9:16",)))
    running_video = session.get(Video, submission.to_dispatch[0][0])
    running_job = session.get(Job, submission.to_dispatch[0][1])
    transition(session, running_job, "running")
    transition(session, running_video, "running")
    session.commit()

    assert control.recover(unsent_after=0) == {"resent": 2, "timed_out": 0}
    assert sorted(sent) == sorted(submission.to_dispatch[1:])
    assert control.fail_overdue(after=0) == 1
    session.refresh(running_video)
    assert running_video.status == "failed" and "no sign of life" in running_video.error


def _history(session: Session, video_ids: list[int]) -> list[tuple[str, str, dict]]:
    from studio.db import Event

    events = session.scalars(select(Event).where(
        Event.subject_type == "video", Event.subject_id.in_([str(i) for i in video_ids])
    ).order_by(Event.seq))
    return [(e.type, e.subject_id, e.payload) for e in events]


def test_a_batch_writes_the_history_one_by_one_submission_writes(
        session: Session, shop: dict[str, int]) -> None:
    """The bulk path (multi-row inserts, one UPDATE, one event insert) leaves each video,
    job and event as submit_video's row-by-row path does, events in the batch's order."""
    batch = submit_batch(session, shop["shop"], items(shop))
    single = submit_video(session, shop["shop"], VideoRequest(shop["p0"], "showcase", "4:5"))

    history = _history(session, batch.video_ids)
    assert [subject for _, subject, _ in history] == [str(i) for i in batch.video_ids]
    one = _history(session, single.video_ids)
    assert len(one) == 1
    for (kind, _, payload), video_id in zip(history, batch.video_ids, strict=True):
        video = session.get(Video, video_id)
        assert kind == one[0][0] == "video.queued"
        assert payload.keys() == one[0][2].keys()
        assert payload == {"from": "pending", "to": "queued", "creative_code": video.creative_code,
                           "batch_id": batch.batch_id, "render_version": 1}
        assert video.status == "queued" and video.workspace_id == shop["shop"]
    jobs = {j.video_id: j for j in session.scalars(select(Job).where(Job.kind == "render"))}
    single_job = jobs[single.video_ids[0]]
    for video_id, job_id in batch.to_dispatch:
        job = jobs[video_id]
        assert job.id == job_id and job.status == single_job.status == "pending"
        assert job.payload == single_job.payload == {"render_version": 1}
        assert job.idempotency_key == f"render:{session.get(Video, video_id).idempotency_key}:v1"
        assert job.batch_id == batch.batch_id and job.workspace_id == shop["shop"]


def test_a_video_made_meanwhile_by_another_submission_is_reused(
        session: Session, shop: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Between reading which videos exist and inserting, another process made one: the insert
    skips it (ON CONFLICT DO NOTHING) and the batch reuses it instead of failing."""
    from studio.jobs import submit

    other = submit_video(session, shop["shop"], items(shop)[2])
    real = submit._existing_videos
    calls = []

    def stale_first_read(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return {} if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(submit, "_existing_videos", stale_first_read)
    batch = submit_batch(session, shop["shop"], items(shop))
    assert len(calls) == 2  # the insert skipped a row and read it back
    assert other.video_ids[0] in batch.video_ids
    assert other.video_ids[0] not in batch.new_video_ids and len(batch.to_dispatch) == 5
    assert rows(session, Video) == 6
    assert batch_status(session, batch.batch_id)["reused_video_ids"] == other.video_ids


def test_a_clashing_creative_code_is_drawn_again(
        session: Session, shop: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.jobs import submit

    first = submit_video(session, shop["shop"], items(shop)[0])
    taken = session.get(Video, first.video_ids[0]).creative_code
    codes = iter([taken, taken, "NEWCODE2", "NEWCODE3"])
    monkeypatch.setattr(submit, "new_creative_code", lambda: next(codes))
    batch = submit_batch(session, shop["shop"], items(shop)[1:3])
    made = sorted(session.get(Video, i).creative_code for i in batch.new_video_ids)
    assert made == ["NEWCODE2", "NEWCODE3"]


def test_transition_many_follows_the_rules_of_transition(
        session: Session, shop: dict[str, int]) -> None:
    from studio.db import Event
    from studio.states import IllegalTransition, transition_many

    batch = submit_batch(session, shop["shop"], items(shop, ("9:16",)))
    first, second, third = batch.video_ids
    video = session.get(Video, first)
    for status in ("running", "succeeded"):
        transition(session, video, status)
    session.commit()

    before = rows(session, Event)
    with pytest.raises(IllegalTransition, match=rf"video {second}: cannot go from queued to "
                                                r"queued"):
        transition_many(session, Video, [first, second], "queued")
    session.rollback()
    assert rows(session, Event) == before and session.get(Video, first).status == "succeeded"

    # a re-render of a finished video: render_version + 1 and the progress reset, as
    # transition() does it (checked against transition() on a twin video)
    twin = session.get(Video, second)
    for status in ("running", "succeeded"):
        transition(session, twin, status)
    session.commit()
    assert transition_many(session, Video, [first], "queued") == 1
    transition(session, twin, "queued")
    session.commit()
    moved = session.get(Video, first)
    assert (moved.status, moved.render_version, moved.progress, moved.finished_at) == (
        twin.status, twin.render_version, twin.progress, twin.finished_at) == (
        "queued", 2, 0.0, None)
    (_, _, bulk), = _history(session, [first])[-1:]
    (_, _, single), = _history(session, [second])[-1:]
    assert bulk == {**single, "creative_code": moved.creative_code} and bulk["render_version"] == 2
    assert session.get(Video, third).status == "queued"  # not named: untouched


def test_a_big_batch_leaves_as_one_message_and_a_failed_fan_out_is_recovered(
        session: Session, shop: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The API publishes one studio.batch.send (the frozen chord) and marks the jobs sent;
    if the worker then cannot publish the chord, the jobs lose their task ids and the
    recovery sweep sends them."""
    from kombu.exceptions import OperationalError

    from studio.jobs import control, dispatch, runtime
    from studio.jobs.celery_app import reconfigure

    runtime.prepare()  # freezing a chord asks the result backend (of this test's home)
    reconfigure()
    monkeypatch.setattr(dispatch, "FAN_OUT_AT", 2)
    messages: list[dict] = []
    monkeypatch.setattr(dispatch.send_batch, "apply_async",
                        lambda kwargs, **options: messages.append({**kwargs, **options}))
    submission = submit_batch(session, shop["shop"], items(shop, ("9:16",)))
    task_ids = dispatch.dispatch(submission, request_id="req-9")
    (message,) = messages
    assert message["jobs"] == [job for _, job in submission.to_dispatch]
    assert message["headers"] == {"studio_request_id": "req-9"} and message["queue"] == "io"
    session.expire_all()
    stored = [session.get(Job, job).celery_task_id for _, job in submission.to_dispatch]
    assert stored == task_ids and len(set(task_ids)) == 3

    def broker_down(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("broker unreachable")

    monkeypatch.setattr("celery.canvas._chord.apply_async", broker_down)
    with pytest.raises(OperationalError):
        dispatch.send_batch.run(work=message["work"], jobs=message["jobs"])
    session.expire_all()
    assert [session.get(Job, job).celery_task_id for _, job in submission.to_dispatch] == [None] * 3
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(dispatch, "dispatch",
                        lambda submission: sent.extend(submission.to_dispatch) or [])
    assert control.recover(unsent_after=0)["resent"] == 3
    assert sorted(sent) == sorted(submission.to_dispatch)


def test_two_concurrent_overlapping_batches_share_their_common_videos(
        db_url: str, shop: dict[str, int]) -> None:
    """Different batches at the same moment asking for some of the same videos: one video
    per request, each batch lists it, neither fails."""
    barrier = threading.Barrier(2)
    results, errors = [], []
    lists = [items(shop, ("9:16", "1:1")), items(shop, ("1:1", "4:5"))]  # "1:1" in both

    def submit(requests: list[VideoRequest]) -> None:
        try:
            with session_scope(db_url) as own:
                barrier.wait()
                results.append(submit_batch(own, shop["shop"], requests))
        except Exception as exc:  # surfaced below with the thread's error
            errors.append(exc)

    threads = [threading.Thread(target=submit, args=(r,)) for r in lists]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(r.created and len(r.video_ids) == 6 for r in results)
    shared = set(results[0].video_ids) & set(results[1].video_ids)
    assert len(shared) == 3
    assert sorted(len(r.new_video_ids) for r in results) == [3, 6]
    with session_scope(db_url) as check:
        assert rows(check, Video) == 9 and rows(check, Job) == 9 + 2
