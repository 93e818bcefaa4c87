"""Videos: find them, ask for one, render one again, cancel, archive, and their files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import object_session

from studio.batch_state import cancel_jobs_of, settle
from studio.db import Job, Product, Scope, Video
from studio.errors import Conflict, InvalidInput, NotFound, NotReady
from studio.linking import suggested_ad_name
from studio.schemas.videos import PluginFailure, VideoPublic, VideosPublic
from studio.services.my_templates import saved_names
from studio.services.requests import URGENT, VideoRequest
from studio.services.submit import Submission, rerender, submit_video
from studio.states import FINISHED, IllegalTransition, VideoStatus, transition


def template_names(videos: Sequence[Video]) -> dict[str, str]:
    """{saved template id: the seller's name for it} for these videos (one query)."""
    if not videos:
        return {}
    session = object_session(videos[0])
    if session is None:
        return {}
    return saved_names(session, videos[0].workspace_id, {v.template_id for v in videos})


def template_label(video: Video, names: Mapping[str, str] | None = None) -> str:
    """The template a video was made with, as the seller knows it: a saved template by the
    name they gave it (``names``, else looked up), a built-in one by its id; a video another
    generator made is that generator's, whatever template was named."""
    if video.generator != "template" or not video.template_id:
        return video.generator
    if names is None:
        names = template_names([video])
    return names.get(video.template_id, video.template_id)


def video_public(video: Video, names: Mapping[str, str] | None = None) -> VideoPublic:
    """``names``: the saved templates' names (:func:`template_names`) when the caller has
    them for a page of videos."""
    public = VideoPublic.model_validate(video)
    # the product may be gone (its videos stay); the name still ends with the code
    title = video.product.title if video.product is not None else f"video {video.id}"
    public.suggested_ad_name = suggested_ad_name(
        title, template_label(video, names), video.creative_code)
    public.suggested_utm_content = video.creative_code
    if video.storage_key and video.status == "succeeded":
        public.download_url = f"/api/v1/videos/{video.id}/download"
    if video.poster_key:
        public.poster_url = f"/api/v1/videos/{video.id}/poster"
    return public


def video_detail(video: Video) -> VideoPublic:
    """One video as its detail shows it: with the story of a plugin failure when a plugin's
    code failed making it (:mod:`studio.jobs.plugin_failure`)."""
    public = video_public(video)
    if video.status != "succeeded":
        session = object_session(video)
        job = session.scalars(
            select(Job).where(Job.video_id == video.id).order_by(Job.id.desc()).limit(1)
        ).first() if session is not None else None
        failure = (job.payload or {}).get("failure") if job is not None else None
        if isinstance(failure, dict):
            public.failure = PluginFailure.model_validate(failure)
    return public


def get_video(scope: Scope, video_id: int) -> Video:
    video = scope.get(Video, video_id)
    if video is None:
        raise NotFound("video", video_id)
    return video


@dataclass(frozen=True)
class VideoFilter:
    status: str | None = None
    batch_id: int | None = None
    product_id: int | None = None
    template_id: str | None = None
    format: str | None = None
    creative_code: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None


def list_videos(scope: Scope, where: VideoFilter, *, limit: int = 50, offset: int = 0,
                oldest_first: bool = False) -> VideosPublic:
    """Newest first; archived (deleted) videos only when asked for with status=archived."""
    filters: list[Any] = []
    if where.status:
        if where.status not in set(VideoStatus):
            raise InvalidInput("video.bad_status", field="status", status=where.status,
                               allowed=", ".join(VideoStatus))
        filters.append(Video.status == where.status)
    else:
        filters.append(Video.status != "archived")
    for column, value in ((Video.batch_id, where.batch_id), (Video.product_id, where.product_id),
                          (Video.template_id, where.template_id), (Video.format, where.format)):
        if value:
            filters.append(column == value)
    if where.creative_code:
        filters.append(Video.creative_code == where.creative_code.upper())
    for moment, name in ((where.created_after, "created_after"),
                         (where.created_before, "created_before")):
        if moment is not None and moment.tzinfo is None:
            raise InvalidInput("time.needs_zone", field=name, name=name)
    if where.created_after:
        filters.append(Video.created_at >= where.created_after)
    if where.created_before:
        filters.append(Video.created_at < where.created_before)
    order = Video.id if oldest_first else Video.id.desc()
    rows = scope.list(Video, *filters, order_by=order, limit=limit, offset=offset)
    # one query for the page's products: each video's suggested ad name then finds its
    # product in the session instead of loading it one by one (``products`` keeps them alive)
    product_ids = {v.product_id for v in rows if v.product_id is not None}
    products = scope.list(Product, Product.id.in_(product_ids)) if product_ids else []
    names = template_names(rows)
    data = [video_public(v, names) for v in rows]
    del products
    return VideosPublic(data=data, count=scope.count(Video, *filters))


def ask_for_video(scope: Scope, request: VideoRequest) -> tuple[Video, Submission]:
    """One video at high priority (a seller waiting on it); the same request again answers
    the same video — :func:`render_again` makes a new version."""
    submission = submit_video(scope, request, priority=URGENT)
    return get_video(scope, submission.video_ids[0]), submission


def render_again(scope: Scope, video_id: int) -> Video:
    """A new render of the video (a new render_version under the same creative code)."""
    submission = rerender(scope, video_id)
    video = get_video(scope, submission.video_ids[0])
    scope.session.refresh(video)
    return video


def cancel_video(scope: Scope, video_id: int, *,
                 reason: str = "cancelled by the seller") -> bool:
    """Queued work will not start; a running render stops at its next progress report.
    Returns False when the video had already finished."""
    video = get_video(scope, video_id)
    if video.status in FINISHED["video"]:
        return False
    try:
        transition(scope.session, video, "cancelled", reason=reason)
    except IllegalTransition:
        scope.session.refresh(video)
        return False
    cancel_jobs_of(scope.session, [video.id], reason)
    settle(scope.session, video.batch_id)
    return True


def archive_video(scope: Scope, video_id: int, *, reason: str = "deleted") -> None:
    """Hidden from lists by default, but its ROI history stays."""
    video = get_video(scope, video_id)
    if video.status == "archived":
        return
    try:
        transition(scope.session, video, "archived", reason=reason)
    except IllegalTransition:
        raise Conflict("video.cannot_archive", id=video_id, status=video.status) from None


def file_key(scope: Scope, video_id: int, *, poster: bool = False) -> tuple[str, str]:
    """(storage key, file name) of the video's MP4 or poster; NotReady before it exists."""
    video = get_video(scope, video_id)
    if not poster and video.status != "succeeded":
        raise NotReady("video.not_ready", id=video_id, status=video.status)
    key = video.poster_key if poster else video.storage_key
    if not key:
        raise NotReady("video.no_file", id=video_id)
    return key, f"{video.creative_code}.{'jpg' if poster else 'mp4'}"


def jobs_of(scope: Scope, video_ids: Sequence[int]) -> list[Job]:
    return scope.list(Job, Job.video_id.in_(list(video_ids)), order_by=Job.id)
