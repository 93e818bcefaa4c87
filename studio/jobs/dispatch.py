"""Sending saved work to the workers: one chain of steps per video job.

chain:  [prepare (copy/prompt)] → [AI clips] → render (compose/encode, probe, poster, store)
        → [analyze]          — bracketed steps only when the video's options ask for them.

Work is saved first (a pending job with no ``celery_task_id``) and sent after its
transaction commits (:mod:`studio.outbox`). Sending *claims* the jobs (compare-and-set on
``celery_task_id``), so two senders — the process that saved the work and a sweep — never
send one job twice; each message carries the job's **send token**, and a step whose token is
no longer the job's (the job was sent again after its worker was lost, or the broker forgot
it) drops the message. When the broker cannot be reached the claim is undone and the jobs
wait, saved, for the next sweep: the seller's request is never refused for that.

Steps are named, not imported (``studio.video.render``): this module knows the task names,
never the task code, so saving work does not load the pipeline. A batch of ``FAN_OUT_AT``
videos or more leaves as ONE message: a worker's ``studio.batch.send`` publishes its chains.
Every message carries the request id of the HTTP request that asked for the work.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import Any, cast

from celery import chain
from celery.canvas import Signature
from sqlalchemy import Table, bindparam, or_, select, update

from studio.db import Job, Video, session_scope
from studio.db.bulk import in_chunks
from studio.jobs.celery_app import app
from studio.logcontext import HEADER, current_request_id

log = logging.getLogger(__name__)

FAN_OUT_AT = 50
# jobs that are not a video's chain: one task each, taking the job id and its token
SINGLE_TASKS = {"preview": "studio.preview.render", "import": "studio.import.run"}
SINGLE_TASKS.update(publish="studio.ads.publish", sync="studio.ads.sync")  # issue 19
SENT_KINDS = ("render", *SINGLE_TASKS)
URGENT_PRIORITY = 10  # Job.priority of a seller waiting on one video (studio.jobs.submit)
CLAIM = "sending:"


def broker_priority(job_priority: int) -> int:
    """The studio's priority (higher first) in the broker's terms.

    Redis serves priority 0 first; RabbitMQ and the embedded broker serve 9 first.
    """
    urgent = job_priority >= URGENT_PRIORITY
    if str(app.conf.broker_url).startswith(("redis", "rediss")):
        return 0 if urgent else 5
    return 9 if urgent else 3


def video_chain(video_id: int, job_id: int, token: str, options: dict[str, Any], priority: int,
                headers: dict[str, str] | None = None) -> Signature:
    ids = {"video_id": video_id, "job_id": job_id, "token": token}
    names = []
    if options.get("ai_copy"):
        names.append("studio.video.prepare")
    if options.get("ai_clip"):
        names.append("studio.video.ai_clips")
    names.append("studio.video.render")
    if options.get("analyze"):
        names.append("studio.video.analyze")
    broker = broker_priority(priority)
    steps = [app.signature(name, kwargs=ids) for name in names]
    for name, step in zip(names, steps, strict=True):
        # headers on each step: the worker sends the next step of a chain with its options
        step.set(priority=broker, **({"headers": headers} if headers else {}))
        if name == "studio.video.render":
            step.set(task_id=token)  # the job's token is its render's task id: logs match
    return steps[0] if len(steps) == 1 else chain(*steps)


def send_jobs(job_ids: Sequence[int], *, request_id: str | None = None,
              url: str | None = None) -> int:
    """Send the pending, unsent jobs among ``job_ids``; returns how many left.

    Safe to call for jobs already sent, gone or being sent by another process: only the
    jobs this call claims are sent. Never raises for an unreachable broker (logged; the
    sweep sends them later).
    """
    wanted = sorted(set(job_ids))
    if not wanted:
        return 0
    tokens = {job_id: uuid.uuid4().hex for job_id in wanted}
    table = cast(Table, Job.__table__)
    # claimed as "sending:<token>" before anything is published: a worker that takes the
    # message at once already finds its token (see token_matches)
    claim = update(table).where(
        table.c.id == bindparam("job_id"), table.c.status == "pending",
        table.c.celery_task_id.is_(None),
        # no IN list: an executemany cannot expand one
        or_(*(table.c.kind == kind for kind in SENT_KINDS)),
    ).values(celery_task_id=bindparam("claim"))
    with session_scope(url) as session:
        session.connection().execute(
            claim, [{"job_id": j, "claim": CLAIM + t} for j, t in tokens.items()])
        rows: list[Any] = []
        for chunk in in_chunks(wanted):
            rows += session.execute(
                select(Job.id, Job.kind, Job.video_id, Job.priority, Job.celery_task_id,
                       Video.options)
                .outerjoin(Video, Video.id == Job.video_id).where(Job.id.in_(chunk))
            ).all()
    mine = sorted((r for r in rows if r.celery_task_id == CLAIM + tokens[r.id]),
                  key=lambda r: (-r.priority, r.id))
    if not mine:
        return 0
    request_id = request_id or current_request_id()
    headers = {HEADER: request_id} if request_id else None
    signatures = [_work_of(r, tokens[r.id], headers) for r in mine]
    sent = {r.id: tokens[r.id] for r in mine}
    try:
        _publish(signatures, max(r.priority for r in mine), headers)
    except Exception as exc:  # kombu/redis raise many unrelated types for "unreachable"
        log.warning("the broker at %s did not take %d job(s) (%s: %s); they stay saved and are "
                    "sent when it answers again", app.conf.broker_url, len(mine),
                    type(exc).__name__, exc)
        _settle_claims(sent, url, published=False)
        return 0
    _settle_claims(sent, url, published=True)
    return len(mine)


def _work_of(row: Any, token: str, headers: dict[str, str] | None) -> Signature:
    if row.kind == "render":
        return video_chain(row.video_id, row.id, token, row.options or {}, row.priority,
                           headers)
    single = app.signature(SINGLE_TASKS[row.kind], kwargs={"job_id": row.id, "token": token})
    return single.set(priority=broker_priority(row.priority), task_id=token,
                      **({"headers": headers} if headers else {}))


def token_matches(stored: str | None, token: str | None) -> bool:
    """Is a message carrying ``token`` the job's current one? (A job sent again gets a new
    token; the old message is then dropped.) Messages without a token predate tokens."""
    if token is None:
        return True
    return stored in (token, CLAIM + token)


def _publish(signatures: list[Signature], priority: int,
             headers: dict[str, str] | None) -> None:
    extra = {"headers": headers} if headers else {}
    if len(signatures) >= FAN_OUT_AT:
        # one message; a worker publishes the chains (a 1,000-video POST stays quick)
        app.send_task("studio.batch.send", kwargs={"work": [dict(s) for s in signatures]},
                      queue="io", priority=broker_priority(priority), **extra)
        return
    for signature in signatures:
        signature.apply_async()


def _settle_claims(tokens: dict[int, str], url: str | None, *, published: bool) -> None:
    """Published: the claims become the tokens. Not: the jobs are free for the next sweep.
    One executemany UPDATE, only where our claim still holds."""
    table = cast(Table, Job.__table__)
    statement = update(table).where(
        table.c.id == bindparam("job_id"), table.c.celery_task_id == bindparam("claim"),
    ).values(celery_task_id=bindparam("token"))
    with session_scope(url) as session:
        session.connection().execute(statement, [
            {"job_id": job_id, "claim": CLAIM + token, "token": token if published else None}
            for job_id, token in tokens.items()
        ])


def unsent_jobs(url: str | None = None, *, older_than_seconds: float = 0.0) -> list[int]:
    """Pending render jobs nobody sent (or whose sender died while claiming them)."""
    from datetime import timedelta

    from studio.db.types import utcnow

    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    stale_claim = utcnow() - timedelta(seconds=max(older_than_seconds, 60.0))
    table = cast(Table, Job.__table__)
    with session_scope(url) as session:
        # a claim older than a minute belongs to a sender that died before it could say
        # whether the broker took the message: free it (a message it did send is then
        # dropped by its worker, its token being stale)
        session.execute(update(table).where(
            table.c.status == "pending", table.c.celery_task_id.like(CLAIM + "%"),
            table.c.updated_at < stale_claim,
        ).values(celery_task_id=None))
        return list(session.scalars(select(Job.id).where(
            Job.kind.in_(SENT_KINDS), Job.status == "pending", Job.celery_task_id.is_(None),
            Job.updated_at <= cutoff,
        ).order_by(Job.priority.desc(), Job.id).limit(5000)))


@app.task(name="studio.batch.send")
def send_batch(*, work: list[dict[str, Any]], jobs: list[int] | None = None) -> int:
    """Publish a big batch's chains, built and claimed by the process that saved them.

    Delivered twice (a worker lost mid-way), it publishes the same messages again: each
    step's send token decides, so nothing is made twice.
    """
    for item in work:
        app.signature(item).apply_async()
    return len(work)
