"""Idempotent submission, re-render versions, batch status and cancel — on SQLite and PostgreSQL.

No worker here: these are the database promises the workers rely on.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.db import Batch, Job, Product, Scope, Video, Workspace, session_scope
from studio.errors import Conflict, InvalidInput, NotFound
from studio.services.batches import batch_public, cancel_batch
from studio.services.requests import VideoRequest, request_key
from studio.services.submit import rerender, submit_batch, submit_video
from studio.services.videos import cancel_video
from studio.states import transition


def batch_status(session: Session, batch_id: int):  # type: ignore[no-untyped-def]
    batch = session.get(Batch, batch_id)
    return batch_public(Scope(session, batch.workspace_id), batch)


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
    first = submit_batch(Scope(session, shop["shop"]), items(shop))
    assert first.created and len(first.job_ids) == 6
    counts = (rows(session, Video), rows(session, Job), rows(session, Batch))
    again = submit_batch(Scope(session, shop["shop"]), list(reversed(items(shop))))
    assert not again.created and again.batch_id == first.batch_id and again.job_ids == []
    assert (rows(session, Video), rows(session, Job), rows(session, Batch)) == counts
    videos = session.scalars(select(Video)).all()
    assert {v.status for v in videos} == {"queued"}
    assert len({v.creative_code for v in videos}) == 6


def test_overlapping_batch_reuses_existing_videos(session: Session, shop: dict[str, int]) -> None:
    submit_batch(Scope(session, shop["shop"]), items(shop, ("9:16",)))
    bigger = submit_batch(Scope(session, shop["shop"]), items(shop, ("9:16", "4:5")))
    assert bigger.created and len(bigger.new_video_ids) == 3 and len(bigger.video_ids) == 6
    assert batch_status(session, bigger.batch_id).reused_video_ids != []


def test_two_concurrent_identical_submissions_make_one(db_url: str, shop: dict[str, int]) -> None:
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit() -> None:
        try:
            with session_scope(db_url) as own:
                barrier.wait()
                results.append(submit_batch(Scope(own, shop["shop"]), items(shop)))
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
    first = submit_video(Scope(session, shop["shop"]), request)
    assert first.created and len(first.job_ids) == 1
    assert submit_video(Scope(session, shop["shop"]), request).job_ids == []  # same request
    video = session.get(Video, first.video_ids[0])
    job = session.get(Job, first.job_ids[0])
    for obj, status in ((job, "running"), (video, "running"), (job, "succeeded"),
                        (video, "succeeded")):
        transition(session, obj, status)
    session.commit()

    again = rerender(Scope(session, shop["shop"]), video.id)
    session.refresh(video)
    assert again.video_ids == [video.id] and video.render_version == 2
    assert video.status == "queued" and len(again.job_ids) == 1
    assert again.job_ids[0] != job.id
    with pytest.raises(Conflict, match="still queued"):  # already queued: nothing more
        rerender(Scope(session, shop["shop"]), video.id)


def test_bad_requests_name_the_item(session: Session, shop: dict[str, int]) -> None:
    good = VideoRequest(product_id=shop["p0"], template_id="showcase")
    with pytest.raises(InvalidInput, match=r"item 2 .*format must be one of"):
        submit_batch(Scope(session, shop["shop"]),
                     [good, VideoRequest(shop["p1"], "showcase", "3:4")])
    with pytest.raises(InvalidInput, match=r"item 1 .*no template 'nope'"):
        submit_batch(Scope(session, shop["shop"]), [VideoRequest(shop["p0"], "nope")])
    with pytest.raises(NotFound, match="not found in this workspace"):
        submit_batch(Scope(session, shop["other"]), [good])
    with pytest.raises(InvalidInput, match="at least one"):
        submit_batch(Scope(session, shop["shop"]), [])


def test_status_progress_failures_and_cancel(session: Session, shop: dict[str, int]) -> None:
    submission = submit_batch(Scope(session, shop["shop"]), items(shop, ("9:16",)))
    first, second, third = (session.get(Video, i) for i in submission.video_ids)
    transition(session, first, "running")
    first.progress = 0.5
    transition(session, second, "running")
    transition(session, second, "failed", reason="product image a.jpg cannot be read")
    session.commit()

    state = batch_status(session, submission.batch_id)
    assert state.counts["failed"] == 1 and state.counts["running"] == 1
    assert state.progress == pytest.approx(100 * 1.5 / 3, abs=0.1)
    assert [f.error for f in state.failures] == ["product image a.jpg cannot be read"]
    assert state.failures[0].product == "P1"

    scope = Scope(session, shop["shop"])
    assert cancel_video(scope, third.id)
    assert not cancel_video(scope, second.id)  # already finished
    before = batch_status(session, submission.batch_id).counts["cancelled"]
    after = cancel_batch(scope, submission.batch_id).counts["cancelled"]
    assert after - before == 1  # only the running one was left
    session.commit()
    final = batch_status(session, submission.batch_id)
    assert final.status == "failed"  # nothing succeeded: one failed, the rest cancelled
    assert final.counts["cancelled"] == 2
    batch_job = session.scalars(select(Job).where(Job.kind == "batch")).one()
    assert batch_job.status == "failed"  # the batch's own bookkeeping row ends with it
    jobs = session.scalars(select(Job).where(Job.kind == "render")).all()
    assert {j.status for j in jobs if j.video_id in (first.id, third.id)} == {"cancelled"}


def test_the_sweep_sends_unsent_work_and_resends_lost_work(
        session: Session, shop: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Jobs saved but never sent (the broker was down, the sender died) are sent by the
    sweep, each once; a running job whose heartbeat stopped goes back to the queue with a
    new send token, so a late message of its first attempt is dropped."""
    from studio import outbox
    from studio.jobs import dispatch, maintenance

    sent: list[list] = []
    monkeypatch.setattr(dispatch, "_publish", lambda sigs, *a: sent.append(list(sigs)))
    outbox.hold(session)  # this test's "publisher" dies before sending
    submission = submit_batch(Scope(session, shop["shop"]), items(shop, ("9:16",)))
    running_video = session.get(Video, submission.video_ids[0])
    running_job = session.get(Job, submission.job_ids[0])
    transition(session, running_job, "running")
    transition(session, running_video, "running")
    session.commit()
    assert sent == []

    assert outbox.sweep(grace_seconds=0)["jobs"] == 2  # the running one is not "unsent"
    assert outbox.sweep(grace_seconds=0)["jobs"] == 0  # sent once
    (signatures,) = sent
    assert sorted(s.kwargs["job_id"] for s in signatures) == sorted(submission.job_ids[1:])
    session.expire_all()
    tokens = {s.kwargs["job_id"]: s.kwargs["token"] for s in signatures}
    for job_id, token in tokens.items():
        assert session.get(Job, job_id).celery_task_id == token

    running_job.celery_task_id = "old-token"
    session.commit()
    assert maintenance.requeue_lost_work(silent_for=0) == 1
    session.expire_all()
    job, video = session.get(Job, running_job.id), session.get(Video, running_video.id)
    assert job.status == "pending" and video.status == "queued"
    assert job.celery_task_id not in (None, "old-token")  # sent again, with a new token
    assert not dispatch.token_matches(job.celery_task_id, "old-token")
    assert "worker lost, re-sent" in [e[2].get("reason") for e in _history(session, [video.id])]


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
    batch = submit_batch(Scope(session, shop["shop"]), items(shop))
    single = submit_video(Scope(session, shop["shop"]), VideoRequest(shop["p0"], "showcase", "4:5"))

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
    for video_id, job_id in zip(batch.new_video_ids, batch.job_ids, strict=True):
        job = jobs[video_id]
        assert job.id == job_id and job.status == single_job.status == "pending"
        assert job.payload == single_job.payload == {"render_version": 1}
        assert job.idempotency_key == f"render:{session.get(Video, video_id).idempotency_key}:v1"
        assert job.batch_id == batch.batch_id and job.workspace_id == shop["shop"]


def test_a_video_made_meanwhile_by_another_submission_is_reused(
        session: Session, shop: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Between reading which videos exist and inserting, another process made one: the insert
    skips it (ON CONFLICT DO NOTHING) and the batch reuses it instead of failing."""
    from studio.services import submit

    other = submit_video(Scope(session, shop["shop"]), items(shop)[2])
    real = submit._existing_videos
    calls = []

    def stale_first_read(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return {} if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(submit, "_existing_videos", stale_first_read)
    batch = submit_batch(Scope(session, shop["shop"]), items(shop))
    assert len(calls) == 2  # the insert skipped a row and read it back
    assert other.video_ids[0] in batch.video_ids
    assert other.video_ids[0] not in batch.new_video_ids and len(batch.job_ids) == 5
    assert rows(session, Video) == 6
    state = batch_status(session, batch.batch_id)
    assert state.reused_video_ids == other.video_ids
    assert state.counts["total"] == len(state.video_ids) == 6  # the reused one counts too


def test_a_clashing_creative_code_is_drawn_again(
        session: Session, shop: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.services import submit

    first = submit_video(Scope(session, shop["shop"]), items(shop)[0])
    taken = session.get(Video, first.video_ids[0]).creative_code
    codes = iter([taken, taken, "NEWCODE2", "NEWCODE3"])
    monkeypatch.setattr(submit, "new_creative_code", lambda: next(codes))
    batch = submit_batch(Scope(session, shop["shop"]), items(shop)[1:3])
    made = sorted(session.get(Video, i).creative_code for i in batch.new_video_ids)
    assert made == ["NEWCODE2", "NEWCODE3"]


def test_transition_many_follows_the_rules_of_transition(
        session: Session, shop: dict[str, int]) -> None:
    from studio.db import Event
    from studio.states import IllegalTransition, transition_many

    batch = submit_batch(Scope(session, shop["shop"]), items(shop, ("9:16",)))
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


def test_a_big_batch_leaves_as_one_message_and_a_broker_down_keeps_it_saved(
        session: Session, shop: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """A big batch leaves as one studio.batch.send carrying its chains and the request id;
    its jobs hold their send tokens. With the broker down nothing is lost: the claims are
    undone and the next sweep sends the jobs."""
    from kombu.exceptions import OperationalError

    from studio import outbox
    from studio.jobs import dispatch, runtime
    from studio.jobs.celery_app import app, reconfigure

    runtime.prepare()
    reconfigure()
    monkeypatch.setattr(dispatch, "FAN_OUT_AT", 2)
    messages: list[dict] = []
    monkeypatch.setattr(app, "send_task",
                        lambda name, kwargs, **options: messages.append(
                            {"name": name, **kwargs, **options}))
    outbox.hold(session)
    submission = submit_batch(Scope(session, shop["shop"]), items(shop, ("9:16",)))
    session.commit()
    assert dispatch.send_jobs(submission.job_ids, request_id="req-9") == 3
    (message,) = messages
    assert message["name"] == "studio.batch.send" and len(message["work"]) == 3
    assert message["headers"] == {"studio_request_id": "req-9"} and message["queue"] == "io"
    session.expire_all()
    tokens = {w["kwargs"]["job_id"]: w["kwargs"]["token"] for w in message["work"]}
    assert {j: session.get(Job, j).celery_task_id for j in submission.job_ids} == tokens

    def broker_down(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("broker unreachable")

    again = submit_batch(Scope(session, shop["shop"]), items(shop, ("1:1",)))
    session.commit()
    monkeypatch.setattr(app, "send_task", broker_down)
    assert dispatch.send_jobs(again.job_ids) == 0  # refused, not raised
    session.expire_all()
    assert [session.get(Job, j).celery_task_id for j in again.job_ids] == [None] * 3
    monkeypatch.setattr(app, "send_task",
                        lambda name, kwargs, **options: messages.append(kwargs))
    assert outbox.sweep(grace_seconds=0)["jobs"] == 3


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
                results.append(submit_batch(Scope(own, shop["shop"]), requests))
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


def test_a_batch_of_videos_still_being_made_elsewhere_closes_with_them(
        session: Session, shop: dict[str, int]) -> None:
    """The same video asked for again, in a batch of its own, while the first batch is still
    making it: the second batch has nothing of its own to render, and closes when the video
    it reused is done (it stayed "pending" for ever: a seller's Tasks page never finished)."""
    from studio.batch_state import settle

    one = [VideoRequest(product_id=shop["p0"], template_id="showcase", format="9:16")]
    first = submit_batch(Scope(session, shop["shop"]), one)
    again = submit_batch(Scope(session, shop["shop"]), one, idempotency_key="a second click")
    session.commit()
    assert again.created and again.job_ids == [] and again.reused_video_ids == first.video_ids
    assert batch_status(session, again.batch_id).status == "pending"

    video = session.get(Video, first.video_ids[0])
    transition(session, video, "running")
    transition(session, video, "succeeded")
    settle(session, video.batch_id)  # what the worker does when a video ends
    session.commit()
    assert batch_status(session, first.batch_id).status == "completed"
    assert batch_status(session, again.batch_id).status == "completed"
