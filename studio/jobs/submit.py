"""Asking for videos: idempotent submission of one video or a batch, and sending the work.

The request key is a hash of (workspace, product, template version, format, options): the
same request twice makes one video. A batch also has a key (the hash of its requests, or the
caller's ``Idempotency-Key``), held by a unique "batch" job row, so resubmitting a batch —
even twice at the same moment from two processes — creates nothing new. An explicit
re-render of a finished video makes a new version of it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio.db import Batch, Job, Product, Template, Video
from studio.db.bulk import in_chunks, insert_rows
from studio.states import FINISHED, can_transition, transition, transition_many

FORMATS = ("9:16", "1:1", "16:9", "4:5")
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud, typed by hand
URGENT, NORMAL = 10, 0  # Job.priority: a seller waiting on one preview vs a batch


class SubmissionError(ValueError):
    """The request cannot be made; the message names the item and what to fix."""


@dataclass(frozen=True)
class VideoRequest:
    product_id: int
    template_id: str
    format: str = "9:16"
    generator: str = "template"
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Submission:
    batch_id: int | None
    created: bool
    video_ids: list[int] = field(default_factory=list)
    new_video_ids: list[int] = field(default_factory=list)
    # (video_id, job_id) pairs whose work must be sent to the workers
    to_dispatch: list[tuple[int, int]] = field(default_factory=list)
    priority: int = NORMAL


def new_creative_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def template_version(session: Session, template_id: str) -> str:
    """The template's content hash (from the template table or the template registry)."""
    try:
        from studio.templating import default_registry

        return default_registry().get(template_id).version
    except (ImportError, LookupError):
        pass
    row = session.get(Template, template_id)
    return row.version if row is not None else "unversioned"


def request_key(workspace_id: int, request: VideoRequest, version: str) -> str:
    material = _canonical({
        "workspace": workspace_id, "product": request.product_id,
        "template": request.template_id, "version": version, "format": request.format,
        "generator": request.generator, "options": request.options,
    })
    return "video:" + hashlib.sha256(material.encode()).hexdigest()


def _check(session: Session, workspace_id: int, index: int, request: VideoRequest) -> None:
    where = f"item {index + 1} ({request.template_id}, {request.format})"
    if request.format not in FORMATS:
        raise SubmissionError(f"{where}: format must be one of {', '.join(FORMATS)}")
    if request.generator == "template":
        from studio.templating import default_registry

        try:
            default_registry().get(request.template_id)
        except LookupError as exc:
            raise SubmissionError(f"{where}: {exc}") from None
    product = session.get(Product, request.product_id)
    if product is None or product.workspace_id != workspace_id:
        raise SubmissionError(f"{where}: product {request.product_id} not found in this workspace")


def _check_all(session: Session, workspace_id: int, requests: Sequence[VideoRequest]) -> None:
    """:func:`_check` for a whole batch: one query for its products, each template looked up
    once; the first bad item (in order) raises with the same message ``_check`` gives."""
    owned: set[int] = set()
    wanted = sorted({request.product_id for request in requests})
    for chunk in in_chunks(wanted):
        owned.update(session.scalars(select(Product.id).where(
            Product.workspace_id == workspace_id, Product.id.in_(chunk)
        )))
    template_errors: dict[str, str | None] = {}
    for index, request in enumerate(requests):
        where = f"item {index + 1} ({request.template_id}, {request.format})"
        if request.format not in FORMATS:
            raise SubmissionError(f"{where}: format must be one of {', '.join(FORMATS)}")
        if request.generator == "template":
            if request.template_id not in template_errors:
                template_errors[request.template_id] = _template_error(request.template_id)
            error = template_errors[request.template_id]
            if error is not None:
                raise SubmissionError(f"{where}: {error}")
        if request.product_id not in owned:
            raise SubmissionError(
                f"{where}: product {request.product_id} not found in this workspace"
            )


def _template_error(template_id: str) -> str | None:
    from studio.templating import default_registry

    try:
        default_registry().get(template_id)
    except LookupError as exc:
        return str(exc)
    return None




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
    raise SubmissionError("could not allocate a unique creative code; try again")


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
    raise SubmissionError("could not allocate a unique creative code; try again")


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


def batch_key(workspace_id: int, keys: Sequence[str], client_key: str | None) -> str:
    material = client_key if client_key else _canonical(sorted(keys))
    digest = hashlib.sha256(f"{workspace_id}:{material}".encode()).hexdigest()
    return f"batch:{digest}"


def submit_batch(
    session: Session,
    workspace_id: int,
    requests: Sequence[VideoRequest],
    *,
    name: str = "",
    idempotency_key: str | None = None,
    priority: int = NORMAL,
) -> Submission:
    """Create a batch (or find the identical one) and its videos and render jobs; commits.

    Call :func:`dispatch` with the result to send the work to the workers.
    """
    if not requests:
        raise SubmissionError("a batch needs at least one video (a product × template × format)")
    _check_all(session, workspace_id, requests)
    versions: dict[str, str] = {}
    keys = []
    for request in requests:
        if request.template_id not in versions:
            versions[request.template_id] = template_version(session, request.template_id)
        keys.append(request_key(workspace_id, request, versions[request.template_id]))
    bkey = batch_key(workspace_id, keys, idempotency_key)

    found = _existing_batch(session, workspace_id, bkey)
    if found is not None:
        return found
    batch = Batch(workspace_id=workspace_id, name=name or f"{len(requests)} videos",
                  options={"idempotency_key": bkey, "requested": len(requests)})
    try:
        with session.begin_nested():
            session.add(batch)
            session.flush()
            session.add(Job(workspace_id=workspace_id, kind="batch", batch_id=batch.id,
                            idempotency_key=bkey, priority=priority))
            session.flush()
    except IntegrityError:
        session.rollback()
        found = _existing_batch(session, workspace_id, bkey)
        if found is None:
            raise
        return found

    submission = Submission(batch_id=batch.id, created=True, priority=priority)
    # bulk: a few multi-row statements for the whole batch, not a savepoint per row
    existing = _existing_videos(session, workspace_id, keys)
    new: dict[str, tuple[VideoRequest, str]] = {}
    for request, key in zip(requests, keys, strict=True):
        if key not in existing and key not in new:  # the same request twice: one video
            new[key] = (request, versions[request.template_id])
    created, raced = _insert_videos(session, workspace_id, new, batch.id) if new else ({}, {})
    existing.update(raced)
    reused: list[int] = []
    for key in dict.fromkeys(keys):
        if key in created:
            submission.video_ids.append(created[key])
            submission.new_video_ids.append(created[key])
        else:
            submission.video_ids.append(existing[key].id)
            reused.append(existing[key].id)
    if created:
        jobs = _insert_render_jobs(session, workspace_id, batch.id,
                                   [(created[key], key) for key in created], priority)
        # one UPDATE and one multi-row event INSERT, by the state machine's rules
        transition_many(session, Video, submission.new_video_ids, "queued")
        submission.to_dispatch = [(video_id, jobs[video_id])
                                  for video_id in submission.new_video_ids]
    batch.options = {**batch.options, "video_ids": submission.video_ids, "reused": reused}
    if not submission.to_dispatch:
        from studio.states import settle_batch

        settle_batch(session, batch)  # every video already existed
    session.commit()
    return submission


def _existing_batch(session: Session, workspace_id: int, key: str) -> Submission | None:
    job = session.scalars(
        select(Job).where(Job.workspace_id == workspace_id, Job.idempotency_key == key)
    ).first()
    if job is None:
        return None
    batch = session.get(Batch, job.batch_id) if job.batch_id else None
    ids = list((batch.options or {}).get("video_ids", [])) if batch else []
    return Submission(batch_id=job.batch_id, created=False, video_ids=ids)


def submit_video(
    session: Session,
    workspace_id: int,
    request: VideoRequest,
    *,
    priority: int = URGENT,
    rerender: bool = False,
) -> Submission:
    """One video (a seller's preview, an API call); ``rerender`` makes a new version of a
    finished one. Commits; call :func:`dispatch` with the result."""
    _check(session, workspace_id, 0, request)
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
            submission.to_dispatch.append((video.id, job.id))
    session.commit()
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


def rerender(session: Session, workspace_id: int, video_id: int) -> Submission:
    """A new version of an existing video (same request, new render)."""
    video = session.get(Video, video_id)
    if video is None or video.workspace_id != workspace_id:
        raise SubmissionError(f"video {video_id} not found in this workspace")
    request = VideoRequest(product_id=video.product_id or 0, template_id=video.template_id or "",
                           format=video.format, generator=video.generator,
                           options=dict(video.options or {}))
    return submit_video(session, workspace_id, request, rerender=True)
