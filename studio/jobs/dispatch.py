"""Sending a submission's work to the workers: one chain per video, a chord per batch.

chain:  [prepare (copy/prompt)] → [AI clips] → render (compose/encode, probe, poster, store)
        → [analyze]          — bracketed steps only when the video's options ask for them.
batch:  chord(group(chains), studio.batch.finish) on the result backend.
"""

from __future__ import annotations

from typing import Any

from celery import chain, chord, group
from celery.canvas import Signature
from sqlalchemy import select

from studio.db import Job, Video, session_scope
from studio.jobs.celery_app import app
from studio.jobs.submit import URGENT, Submission


def broker_priority(job_priority: int) -> int:
    """The studio's priority (higher first) in the broker's terms.

    Redis serves priority 0 first; RabbitMQ and the embedded broker serve 9 first.
    """
    urgent = job_priority >= URGENT
    if str(app.conf.broker_url).startswith(("redis", "rediss")):
        return 0 if urgent else 5
    return 9 if urgent else 3


def video_chain(video_id: int, job_id: int, options: dict[str, Any], priority: int) -> Signature:
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
        step.set(priority=broker)
    return steps[0] if len(steps) == 1 else chain(*steps)


def dispatch(submission: Submission) -> list[str]:
    """Send the submission's work; returns the Celery task ids (stored on the jobs)."""
    if not submission.to_dispatch:
        return []
    with session_scope() as session:
        video_ids = [video_id for video_id, _ in submission.to_dispatch]
        options: dict[int, Any] = dict(session.execute(
            select(Video.id, Video.options).where(Video.id.in_(video_ids))
        ).all())
        priorities = dict(session.execute(
            select(Job.id, Job.priority).where(Job.id.in_([j for _, j in submission.to_dispatch]))
        ).all())
    signatures = [
        video_chain(video_id, job_id, options.get(video_id) or {}, priorities.get(job_id, 0))
        for video_id, job_id in submission.to_dispatch
    ]
    if submission.batch_id is not None:
        from studio.jobs.tasks import finish_batch

        callback = finish_batch.si(batch_id=submission.batch_id).set(queue="io")
        result = chord(group(signatures))(callback)
        task_ids = [child.id for child in result.parent.results] if result.parent else []
    else:
        task_ids = [signature.apply_async().id for signature in signatures]
    with session_scope() as session:
        for (_, job_id), task_id in zip(submission.to_dispatch, task_ids, strict=False):
            job = session.get(Job, job_id)
            if job is not None:
                job.celery_task_id = task_id
    return task_ids
