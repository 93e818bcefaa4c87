"""Videos: list with filters, get, download, poster, delete (archive), re-render."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import IdPath, ScopeDep
from api.files import serve_stored
from api.pagination import PageDep
from api.query_types import IsoDateTime
from studio.schemas.videos import VideoCreate, VideoPublic, VideosPublic
from studio.services import videos
from studio.services.requests import VideoRequest

router = APIRouter(prefix="/videos", tags=["videos"])
BigId = Annotated[int | None, Query(ge=1, le=2**63 - 1)]


@router.get("", response_model=VideosPublic, operation_id="list_videos")
def list_videos(
    scope: ScopeDep,
    page: PageDep,
    status: Annotated[str | None, Query(max_length=32)] = None,
    batch_id: BigId = None,
    product_id: BigId = None,
    template_id: Annotated[str | None, Query(max_length=100)] = None,
    format: Annotated[str | None, Query(max_length=16)] = None,
    creative_code: Annotated[str | None, Query(max_length=32)] = None,
    created_after: IsoDateTime | None = None,
    created_before: IsoDateTime | None = None,
) -> VideosPublic:
    """Newest first; archived (deleted) videos only when asked for with status=archived."""
    where = videos.VideoFilter(
        status=status, batch_id=batch_id, product_id=product_id, template_id=template_id,
        format=format, creative_code=creative_code, created_after=created_after,
        created_before=created_before)
    return videos.list_videos(scope, where, limit=page.limit, offset=page.offset)


@router.post("", response_model=VideoPublic, status_code=202, operation_id="create_video")
def create_video(body: VideoCreate, scope: ScopeDep, response: Response) -> VideoPublic:
    """Ask for one video; it is queued at high priority (a seller waiting on it). The same
    request again answers the same video (whatever its status): to make it again, use
    `POST /videos/{id}/rerender`."""
    video, _ = videos.ask_for_video(scope, VideoRequest(
        product_id=body.product, template_id=body.template, format=body.format,
        generator=body.generator, options=body.options))
    response.headers["Location"] = f"/api/v1/videos/{video.id}"
    return videos.video_public(video)


@router.get("/{video_id}", response_model=VideoPublic, operation_id="get_video")
def get_video(video_id: IdPath, scope: ScopeDep) -> VideoPublic:
    return videos.video_detail(videos.get_video(scope, video_id))


BINARY = {"schema": {"type": "string", "format": "binary"}}


@router.get("/{video_id}/download", response_class=Response, operation_id="download_video",
            responses={200: {"content": {"video/mp4": BINARY}, "description": "The MP4."}})
def download_video(video_id: IdPath, scope: ScopeDep) -> Response:
    """The MP4 file; its name carries the creative code."""
    key, name = videos.file_key(scope, video_id)
    return serve_stored(key, "video/mp4", name, missing=("video.file_missing", video_id))


@router.get("/{video_id}/poster", response_class=Response, operation_id="get_video_poster",
            responses={200: {"content": {"image/jpeg": BINARY}, "description": "The poster."}})
def video_poster(video_id: IdPath, scope: ScopeDep) -> Response:
    key, name = videos.file_key(scope, video_id, poster=True)
    return serve_stored(key, "image/jpeg", name, missing=("video.file_missing", video_id))


@router.delete("/{video_id}", status_code=204, operation_id="delete_video")
def delete_video(video_id: IdPath, scope: ScopeDep) -> Response:
    """Archive the video: hidden from lists by default, but its ROI history stays."""
    videos.archive_video(scope, video_id, reason="deleted through the API")
    return Response(status_code=204)


@router.post("/{video_id}/cancel", response_model=VideoPublic, operation_id="cancel_video")
def cancel_video(video_id: IdPath, scope: ScopeDep) -> VideoPublic:
    """Stop a queued or running video; a finished one is left as it is."""
    videos.cancel_video(scope, video_id)
    return videos.video_public(videos.get_video(scope, video_id))


@router.post("/{video_id}/rerender", response_model=VideoPublic, status_code=202,
             operation_id="rerender_video")
def rerender_video(video_id: IdPath, scope: ScopeDep) -> VideoPublic:
    """Render the video again (a new render_version with the same creative code)."""
    return videos.video_public(videos.render_again(scope, video_id))
