"""Asking for videos: one video, a re-render, or a batch — saved, never sent from here.

A submission writes the videos and their pending render jobs; the jobs leave for the workers
when the caller's transaction commits (:mod:`studio.outbox`), from whichever door it came. A
batch also has a key (the hash of its requests, or the caller's ``Idempotency-Key``), held by
a unique "batch" job row, so resubmitting a batch — even twice at the same moment from two
processes — creates nothing new. An explicit re-render of a finished video makes a new
version of it. Nothing here commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Table, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio import outbox
from studio.batch_state import settle_batch
from studio.db import Batch, Job, Scope, Video
from studio.db.bulk import in_chunks, insert_rows
from studio.errors import Conflict, InvalidInput, NotFound
from studio.services.requests import (
    NORMAL,
    URGENT,
    VideoRequest,
    canonical,
    check_requests,
    new_creative_code,
    request_key,
    template_version,
)
from studio.services.template_settings import settle, settle_all
from studio.states import FINISHED, can_transition, transition, transition_many


@dataclass
class Submission:
    batch_id: int | None
    created: bool
    video_ids: list[int] = field(default_factory=list)
    new_video_ids: list[int] = field(default_factory=list)
    # render jobs this submission saved; they are sent when the transaction commits
    job_ids: list[int] = field(default_factory=list)
    reused_video_ids: list[int] = field(default_factory=list)
    priority: int = NORMAL


def _insert_videos(session: Session, workspace_id: int,
                   new: Mapping[str, tuple[VideoRequest, str]], batch_id: int
                   ) -> tuple[dict[str, int], dict[str, Video]]:
    """Insert the videos for ``new`` (request key -> (request, template version)) in multi-row
    statements; returns ``({key: new video id}, {key: video someone else made meanwhile})``.

    ``ON CONFLICT DO NOTHING``: a key another submission inserted first is read back and
    reused (as :func:`_video_for` does), a clashing creative code is drawn again.
    """
    table = cast(Table, Video.__table__)
    created: dict[str, int] = {}
    raced: dict[str, Video] = {}
    left = dict(new)
    for _ in range(5):
        rows = [
            {"workspace_id": workspace_id, "creative_code": new_creative_code(),
             "product_id": request.product_id, "template_id": request.template_id,
             "template_version": version, "generator": request.generator,
             "format": request.format, "options": dict(request.options),
             "idempotency_key": key, "batch_id": batch_id}
            for key, (request, version) in left.items()
        ]
        inserted = insert_rows(session, table, rows, returning=("id", "idempotency_key"),
                               skip_conflicts=True)
        for video_id, key in inserted:
            created[key] = video_id
            del left[key]
        if not left:
            return created, raced
        # not inserted: made by another submission a moment ago, or a creative code clash
        taken = _existing_videos(session, workspace_id, list(left))
        for key, video in taken.items():
            raced[key] = video
            del left[key]
        if not left:
            return created, raced
    raise Conflict("batch.creative_code")


def _insert_render_jobs(session: Session, workspace_id: int, batch_id: int,
                        videos: Sequence[tuple[int, str]], priority: int) -> dict[int, int]:
    """First render jobs (render_version 1) of new videos ``(video id, request key)`` in
    multi-row statements; returns ``{video id: job id}``. A job key that exists already
    (as in :func:`_render_job`) is read back instead of inserted."""
    table = cast(Table, Job.__table__)
    video_of = {f"render:{key}:v1": video_id for video_id, key in videos}
    rows = [
        {"workspace_id": workspace_id, "kind": "render", "video_id": video_id,
         "batch_id": batch_id, "priority": priority, "idempotency_key": job_key,
         "payload": {"render_version": 1}}
        for job_key, video_id in video_of.items()
    ]
    inserted = insert_rows(session, table, rows, returning=("id", "idempotency_key"),
                           skip_conflicts=True)
    jobs = {video_of[key]: job_id for job_id, key in inserted}
    left = [key for key, video_id in video_of.items() if video_id not in jobs]
    for chunk in in_chunks(left):
        for job_id, key in session.execute(select(Job.id, Job.idempotency_key).where(
            Job.workspace_id == workspace_id, Job.idempotency_key.in_(chunk)
        )):
            jobs[video_of[str(key)]] = job_id
    return jobs


def _existing_videos(session: Session, workspace_id: int, keys: Sequence[str]
                     ) -> dict[str, Video]:
    """Videos already made for these request keys, in a few queries (batches are big)."""
    found: dict[str, Video] = {}
    unique = sorted(set(keys))
    for chunk in in_chunks(unique):
        for video in session.scalars(select(Video).where(
            Video.workspace_id == workspace_id, Video.idempotency_key.in_(chunk)
        )):
            found[video.idempotency_key or ""] = video
    return found


def _video_for(session: Session, workspace_id: int, request: VideoRequest, key: str,
               version: str, batch_id: int | None, *, known_new: bool = False
               ) -> tuple[Video, bool]:
    """The video for this request key: the existing one, or a new one (race-safe)."""
    if not known_new:
        existing = session.scalars(
            select(Video).where(Video.workspace_id == workspace_id,
                                Video.idempotency_key == key)
        ).first()
        if existing is not None:
            return existing, False
    for _ in range(5):
        video = Video(
            workspace_id=workspace_id, creative_code=new_creative_code(),
            product_id=request.product_id, template_id=request.template_id,
            template_version=version, generator=request.generator, format=request.format,
            options=dict(request.options), idempotency_key=key, batch_id=batch_id,
        )
        try:
            with session.begin_nested():
                session.add(video)
        except IntegrityError:
            again = session.scalars(
                select(Video).where(Video.workspace_id == workspace_id,
                                    Video.idempotency_key == key)
            ).first()
            if again is not None:  # another submission made it a moment ago
                return again, False
            continue  # creative code clash: draw another
        return video, True
    raise Conflict("batch.creative_code")


def _render_job(session: Session, video: Video, priority: int, *, known_new: bool = False,
                rerun: bool = False) -> tuple[Job, bool]:
    key = f"render:{video.idempotency_key}:v{video.render_version}"
    if rerun and session.scalars(select(Job.id).where(
            Job.workspace_id == video.workspace_id, Job.idempotency_key == key)).first():
        # a re-render of a failed or cancelled video keeps its render_version (nothing was
        # stored under it), so its finished job already holds the plain key: number the tries
        tries = session.scalar(select(func.count()).select_from(Job).where(
            Job.video_id == video.id, Job.kind == "render"))
        key = f"{key}:r{int(tries or 0) + 1}"
    if not known_new:
        existing = session.scalars(
            select(Job).where(Job.workspace_id == video.workspace_id, Job.idempotency_key == key)
        ).first()
        if existing is not None:
            return existing, False
    job = Job(workspace_id=video.workspace_id, kind="render", video_id=video.id,
              batch_id=video.batch_id, priority=priority, idempotency_key=key,
              payload={"render_version": video.render_version})
    try:
        with session.begin_nested():
            session.add(job)
    except IntegrityError:
        again = session.scalars(
            select(Job).where(Job.workspace_id == video.workspace_id, Job.idempotency_key == key)
        ).first()
        assert again is not None
        return again, False
    return job, True


def new_video(session: Session, workspace_id: int, request: VideoRequest, key: str,
              version: str) -> Video:
    """A new video for a request known to be new (a candidate: its key names its group)."""
    video, _ = _video_for(session, workspace_id, request, key, version, None, known_new=True)
    return video


def render_job(session: Session, video: Video, priority: int) -> Job:
    """The first render job of a new video."""
    job, _ = _render_job(session, video, priority, known_new=True)
    return job


def batch_key(workspace_id: int, keys: Sequence[str], client_key: str | None) -> str:
    material = client_key if client_key else canonical(sorted(keys))
    digest = hashlib.sha256(f"{workspace_id}:{material}".encode()).hexdigest()
    return f"batch:{digest}"


def submit_batch(
    scope: Scope,
    requests: Sequence[VideoRequest],
    *,
    name: str = "",
    idempotency_key: str | None = None,
    priority: int = NORMAL,
    options: Mapping[str, object] | None = None,
) -> Submission:
    """Create a batch (or find the identical one) with its videos and render jobs.

    ``options``: extra facts kept on the batch (the request id that asked for it…).
    """
    session, workspace_id = scope.session, scope.workspace_id
    if not requests:
        raise InvalidInput("batch.empty", field="items")
    check_requests(scope, requests)
    # the brand kit and saved templates, written into each video's options
    requests, versions = settle_all(scope, requests)
    keys = [request_key(workspace_id, request, version)
            for request, version in zip(requests, versions, strict=True)]
    bkey = batch_key(workspace_id, keys, idempotency_key)

    found = _existing_batch(session, workspace_id, bkey)
    if found is not None:
        return found
    batch = Batch(workspace_id=workspace_id, name=name or f"{len(requests)} videos",
                  options={"idempotency_key": bkey, "requested": len(requests),
                           **dict(options or {})})
    try:
        with session.begin_nested():
            session.add(batch)
            session.flush()
            session.add(Job(workspace_id=workspace_id, kind="batch", batch_id=batch.id,
                            idempotency_key=bkey, priority=priority))
            session.flush()
    except IntegrityError:
        # the same batch saved by another process a moment ago
        found = _existing_batch(session, workspace_id, bkey)
        if found is None:
            raise
        return found

    submission = Submission(batch_id=batch.id, created=True, priority=priority)
    # bulk: a few multi-row statements for the whole batch, not a savepoint per row
    existing = _existing_videos(session, workspace_id, keys)
    new: dict[str, tuple[VideoRequest, str]] = {}
    for request, key, version in zip(requests, keys, versions, strict=True):
        if key not in existing and key not in new:  # the same request twice: one video
            new[key] = (request, version)
    created, raced = _insert_videos(session, workspace_id, new, batch.id) if new else ({}, {})
    existing.update(raced)
    for key in dict.fromkeys(keys):
        if key in created:
            submission.video_ids.append(created[key])
            submission.new_video_ids.append(created[key])
        else:
            submission.video_ids.append(existing[key].id)
            submission.reused_video_ids.append(existing[key].id)
    if created:
        jobs = _insert_render_jobs(session, workspace_id, batch.id,
                                   [(created[key], key) for key in created], priority)
        # one UPDATE and one multi-row event INSERT, by the state machine's rules
        transition_many(session, Video, submission.new_video_ids, "queued")
        submission.job_ids = [jobs[video_id] for video_id in submission.new_video_ids]
        outbox.add_jobs(session, submission.job_ids)
    batch.options = {**batch.options, "video_ids": submission.video_ids,
                     "reused": submission.reused_video_ids}
    if not submission.job_ids:
        settle_batch(session, batch)  # every video already existed
    return submission


def _existing_batch(session: Session, workspace_id: int, key: str) -> Submission | None:
    job = session.scalars(
        select(Job).where(Job.workspace_id == workspace_id, Job.idempotency_key == key)
    ).first()
    if job is None:
        return None
    batch = session.get(Batch, job.batch_id) if job.batch_id else None
    options = (batch.options or {}) if batch else {}
    return Submission(batch_id=job.batch_id, created=False,
                      video_ids=list(options.get("video_ids", [])),
                      reused_video_ids=list(options.get("reused", [])))


def submit_video(
    scope: Scope,
    request: VideoRequest,
    *,
    priority: int = URGENT,
    rerender: bool = False,
) -> Submission:
    """One video (a seller's preview, an API call); ``rerender`` makes a new version of a
    finished one. The same request again returns the same video."""
    session, workspace_id = scope.session, scope.workspace_id
    check_requests(scope, [request], field="")
    if request.generator == "template":  # a re-render keeps the settings it was made with
        request, version = settle(scope, request, apply=not rerender)
    else:
        version = template_version(session, request.template_id)
    key = request_key(workspace_id, request, version)
    video, created = _video_for(session, workspace_id, request, key, version, None)
    submission = Submission(batch_id=None, created=created, video_ids=[video.id],
                            priority=priority)
    if created:
        submission.new_video_ids.append(video.id)
    again = False
    if not created and rerender and video.status in FINISHED["video"] \
            and video.status != "archived":
        # version + 1 after a success; a failed/cancelled one keeps its version
        transition(session, video, "queued", reason="re-render requested")
        _reopen_batch(session, video)
        again = True
    if video.status in ("pending", "queued") or created:
        job, job_created = _render_job(session, video, priority, rerun=again)
        if video.status == "pending":
            transition(session, video, "queued")
        if job_created:
            submission.job_ids.append(job.id)
            outbox.add_jobs(session, [job.id])
    return submission


def _reopen_batch(session: Session, video: Video) -> None:
    """A re-render in a closed batch opens it again, so it settles anew when the video is
    done. A cancelled batch keeps its status (the video still renders, and settling leaves
    that batch alone)."""
    if video.batch_id is None:
        return
    batch = session.get(Batch, video.batch_id)
    if batch is not None and batch.status in FINISHED["batch"] \
            and can_transition(batch, "running"):
        transition(session, batch, "running", reason=f"re-render of video {video.id}")


def rerender(scope: Scope, video_id: int) -> Submission:
    """A new version of an existing video (same request, new render)."""
    video = scope.get(Video, video_id)
    if video is None:
        raise NotFound("video", video_id)
    if video.status in ("pending", "queued", "running"):
        raise Conflict("video.busy", id=video_id, status=video.status)
    if video.status == "archived":
        raise Conflict("video.archived", id=video_id)
    request = VideoRequest(product_id=video.product_id or 0, template_id=video.template_id,
                           format=video.format, generator=video.generator,
                           options=dict(video.options or {}))
    return submit_video(scope, request, rerender=True)
