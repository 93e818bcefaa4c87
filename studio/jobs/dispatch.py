"""Sending a submission's work to the workers: one chain per video, a chord per batch.

chain:  [prepare (copy/prompt)] → [AI clips] → render (compose/encode, probe, poster, store)
        → [analyze]          — bracketed steps only when the video's options ask for them.
batch:  chord(group(chains), studio.batch.finish) on the result backend.

A big batch leaves the API as ONE message: the chord is built and frozen here (every task id
is known, and stored on its job), and a worker's ``studio.batch.send`` publishes its 1,000
chains. Publishing them from the API cost ~1.3 s of a 1,000-item POST on the embedded broker.
Every message carries the request id of the HTTP request that asked for the work.
"""

from __future__ import annotations

from typing import Any, cast

from celery import chain, chord, group, signature
from celery.canvas import Signature
from sqlalchemy import Table, bindparam, select, update

from studio.db import Job, Video, session_scope
from studio.db.bulk import in_chunks
from studio.jobs.celery_app import app
from studio.jobs.submit import URGENT, Submission
from studio.logcontext import HEADER, current_request_id

# a batch of at least this many videos is published by a worker (one message from the API);
# smaller ones are sent directly, without the extra hop
FAN_OUT_AT = 50


def broker_priority(job_priority: int) -> int:
    """The studio's priority (higher first) in the broker's terms.

    Redis serves priority 0 first; RabbitMQ and the embedded broker serve 9 first.
    """
    urgent = job_priority >= URGENT
    if str(app.conf.broker_url).startswith(("redis", "rediss")):
        return 0 if urgent else 5
    return 9 if urgent else 3


def video_chain(video_id: int, job_id: int, options: dict[str, Any], priority: int,
                headers: dict[str, str] | None = None) -> Signature:
    from studio.jobs import tasks

    ids = {"video_id": video_id, "job_id": job_id}
    steps: list[Signature] = []
    if options.get("ai_copy"):
        steps.append(tasks.prepare_video.s(**ids))
    if options.get("ai_clip"):
        steps.append(tasks.make_ai_clips.s(**ids))
    steps.append(tasks.render_video.s(**ids))
    if options.get("analyze"):
        steps.append(tasks.analyze_video.s(**ids))
    broker = broker_priority(priority)
    for step in steps:
        # headers on each step: the worker sends the next step of a chain with its options
        step.set(priority=broker, **({"headers": headers} if headers else {}))
    return steps[0] if len(steps) == 1 else chain(*steps)


def dispatch(submission: Submission, *, request_id: str | None = None) -> list[str]:
    """Send the submission's work; returns the Celery task ids (stored on the jobs).

    ``request_id`` (default: the current one) travels in every message's headers, so the
    worker's log lines for this work name the HTTP request that asked for it.
    """
    if not submission.to_dispatch:
        return []
    request_id = request_id or current_request_id()
    headers = {HEADER: request_id} if request_id else None
    with session_scope() as session:
        options: dict[int, Any] = {}
        priorities: dict[int, int] = {}
        for pairs in in_chunks(submission.to_dispatch):
            options.update(session.execute(select(Video.id, Video.options).where(
                Video.id.in_([video_id for video_id, _ in pairs])
            )).all())
            priorities.update(session.execute(
                select(Job.id, Job.priority).where(Job.id.in_([j for _, j in pairs]))
            ).all())
    signatures = [
        video_chain(video_id, job_id, options.get(video_id) or {}, priorities.get(job_id, 0),
                    headers)
        for video_id, job_id in submission.to_dispatch
    ]
    extra = {"headers": headers} if headers else {}
    if submission.batch_id is not None:
        from studio.jobs.tasks import finish_batch

        callback = finish_batch.si(batch_id=submission.batch_id).set(queue="io", **extra)
        whole = chord(group(signatures), callback)
        if len(signatures) >= FAN_OUT_AT:
            # ids first (freeze), then one message; a worker publishes the chord as frozen
            frozen = whole.freeze()
            task_ids = [child.id for child in frozen.parent.results] if frozen.parent else []
            send_batch.apply_async(
                kwargs={"work": dict(whole), "jobs": [j for _, j in submission.to_dispatch]},
                queue="io",
                priority=broker_priority(submission.priority), **extra,
            )
        else:
            result = whole.apply_async()
            task_ids = [child.id for child in result.parent.results] if result.parent else []
    else:
        task_ids = [sig.apply_async().id for sig in signatures]
    _remember_task_ids(list(zip((j for _, j in submission.to_dispatch), task_ids,
                                strict=False)))
    return task_ids


def _remember_task_ids(pairs: list[tuple[int, str]]) -> None:
    """Mark the jobs as sent (the recovery sweep re-sends pending jobs without a task id):
    one executemany UPDATE, not a read and a write per job."""
    if not pairs:
        return
    table = cast(Table, Job.__table__)
    statement = update(table).where(table.c.id == bindparam("job_id")).values(
        celery_task_id=bindparam("task_id")
    )
    with session_scope() as session:
        session.connection().execute(
            statement, [{"job_id": job_id, "task_id": task_id} for job_id, task_id in pairs]
        )


@app.task(name="studio.batch.send")
def send_batch(*, work: dict[str, Any], jobs: list[int] | None = None) -> int:
    """Publish a batch's chord, frozen by the API (its ids are already stored on the jobs).

    Delivered twice (a worker lost mid-way), it publishes the same task ids again: to the
    tasks that is a redelivered message, which the job's state decides about. If publishing
    fails, the jobs still pending lose their task ids, so the recovery sweep sends them.
    """
    whole = signature(work, app=app)
    try:
        whole.apply_async()
    except Exception:
        _forget_task_ids(jobs or [])
        raise
    return len(jobs or [])


def _forget_task_ids(job_ids: list[int]) -> None:
    table = cast(Table, Job.__table__)
    with session_scope() as session:
        for chunk in in_chunks(job_ids):
            session.execute(update(table).where(
                table.c.id.in_(chunk), table.c.status == "pending"
            ).values(celery_task_id=None))
