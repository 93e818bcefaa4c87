"""Videos: list with filters, get, download, poster, delete (archive), re-render."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import FileResponse, StreamingResponse

from api.deps import ApiSettingsDep, CurrentWorkspace, IdPath, ScopeDep, SessionDep, SettingsDep
from api.errors import Problem, not_found
from api.jobs import check_generators, dispatch, submission_error
from api.schemas.common import PageDep
from api.schemas.videos import VideoCreate, VideoPublic, VideosPublic
from studio.db import Product, Scope, Video
from studio.linking import suggested_ad_name

router = APIRouter(prefix="/videos", tags=["videos"])


def video_public(video: Video) -> VideoPublic:
    public = VideoPublic.model_validate(video)
    # the product may be gone (its videos stay); the name still ends with the code
    title = video.product.title if video.product is not None else f"video {video.id}"
    public.suggested_ad_name = suggested_ad_name(
        title, video.template_id or video.generator, video.creative_code)
    public.suggested_utm_content = video.creative_code
    if video.storage_key and video.status == "succeeded":
        public.download_url = f"/api/v1/videos/{video.id}/download"
    if video.poster_key:
        public.poster_url = f"/api/v1/videos/{video.id}/poster"
    return public


def get_video_or_404(scope: Scope, video_id: int) -> Video:
    video = scope.get(Video, video_id)
    if video is None:
        raise not_found("Video", video_id)
    return video


@router.get("", response_model=VideosPublic)
def list_videos(
    scope: ScopeDep,
    page: PageDep,
    status: Annotated[str | None, Query(max_length=32)] = None,
    batch_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    product_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    template_id: Annotated[str | None, Query(max_length=100)] = None,
    format: Annotated[str | None, Query(max_length=16)] = None,
    creative_code: Annotated[str | None, Query(max_length=32)] = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
) -> VideosPublic:
    """Newest first; archived (deleted) videos only when asked for with status=archived."""
    filters = []
    if status:
        filters.append(Video.status == status)
    else:
        filters.append(Video.status != "archived")
    if batch_id:
        filters.append(Video.batch_id == batch_id)
    if product_id:
        filters.append(Video.product_id == product_id)
    if template_id:
        filters.append(Video.template_id == template_id)
    if format:
        filters.append(Video.format == format)
    if creative_code:
        filters.append(Video.creative_code == creative_code.upper())
    for value, name in ((created_after, "created_after"), (created_before, "created_before")):
        if value is not None and value.tzinfo is None:
            raise Problem(
                422, f"{name} needs a time zone, e.g. 2026-11-01T00:00:00Z", field=f"query.{name}"
            )
    if created_after:
        filters.append(Video.created_at >= created_after)
    if created_before:
        filters.append(Video.created_at < created_before)
    rows = scope.list(
        Video, *filters, order_by=Video.id.desc(), limit=page.limit, offset=page.offset
    )
    # one query for the page's products: each video's suggested ad name then finds its
    # product in the session instead of loading it one by one
    # (the session holds them weakly: ``products`` keeps them alive while the names are built)
    product_ids = {v.product_id for v in rows if v.product_id is not None}
    products = scope.list(Product, Product.id.in_(product_ids)) if product_ids else []
    data = [video_public(v) for v in rows]
    del products
    return VideosPublic(data=data, count=scope.count(Video, *filters))


@router.post("", response_model=VideoPublic, status_code=202)
def create_video(
    body: VideoCreate, caller: CurrentWorkspace, session: SessionDep, scope: ScopeDep,
    api: ApiSettingsDep,
    response: Response,
) -> VideoPublic:
    """Ask for one video; it is queued at high priority (a seller waiting on it)."""
    from studio.jobs.submit import VideoRequest, submit_video

    check_generators([body.generator], "body.generator")
    request = VideoRequest(
        product_id=body.product, template_id=body.template, format=body.format,
        generator=body.generator, options=body.options,
    )
    try:
        submission = submit_video(session, caller.workspace_id, request)
    except ValueError as exc:
        raise submission_error(exc) from None
    dispatch(submission, api)
    video = get_video_or_404(scope, submission.video_ids[0])
    response.headers["Location"] = f"/api/v1/videos/{video.id}"
    return video_public(video)


@router.get("/{video_id}", response_model=VideoPublic)
def get_video(video_id: IdPath, scope: ScopeDep) -> VideoPublic:
    return video_public(get_video_or_404(scope, video_id))


def _serve(key: str | None, media_type: str, filename: str, settings: SettingsDep) -> Response:
    from studio.storage import StorageError, open_storage

    if not key:
        raise Problem(404, "there is no file for this video yet; wait until it succeeded",
                      slug="not-ready")
    storage = open_storage(settings.resolved_storage_url(), endpoint_url=settings.s3_endpoint_url)
    try:
        local = storage.local_path(key)
        if local is not None and local.is_file():
            return FileResponse(local, media_type=media_type, filename=filename)
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp(prefix="studio-download-"))
        path = storage.get_file(key, folder / filename)
    except StorageError as exc:
        raise Problem(404, f"the file is missing from storage: {exc}", slug="not-found") from None

    def chunks():
        try:
            with path.open("rb") as handle:
                while block := handle.read(1024 * 1024):
                    yield block
        finally:
            import shutil

            shutil.rmtree(path.parent, ignore_errors=True)

    return StreamingResponse(
        chunks(), media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


BINARY = {"schema": {"type": "string", "format": "binary"}}


@router.get("/{video_id}/download", response_class=Response,
            responses={200: {"content": {"video/mp4": BINARY}, "description": "The MP4."}})
def download_video(video_id: IdPath, scope: ScopeDep, settings: SettingsDep) -> Response:
    """The MP4 file; its name carries the creative code."""
    video = get_video_or_404(scope, video_id)
    if video.status != "succeeded":
        raise Problem(404, f"video {video_id} is {video.status}; download once it succeeded",
                      slug="not-ready")
    return _serve(video.storage_key, "video/mp4", f"{video.creative_code}.mp4", settings)


@router.get("/{video_id}/poster", response_class=Response,
            responses={200: {"content": {"image/jpeg": BINARY}, "description": "The poster."}})
def video_poster(video_id: IdPath, scope: ScopeDep, settings: SettingsDep) -> Response:
    video = get_video_or_404(scope, video_id)
    return _serve(video.poster_key, "image/jpeg", f"{video.creative_code}.jpg", settings)


@router.delete("/{video_id}", status_code=204)
def delete_video(video_id: IdPath, scope: ScopeDep) -> Response:
    """Archive the video: hidden from lists by default, but its ROI history stays."""
    from studio.states import IllegalTransition, transition

    video = get_video_or_404(scope, video_id)
    if video.status != "archived":
        try:
            transition(scope.session, video, "archived", reason="deleted through the API")
        except IllegalTransition as exc:
            raise Problem(409, f"{exc}; cancel it first", slug="conflict") from None
    return Response(status_code=204)


@router.post("/{video_id}/rerender", response_model=VideoPublic, status_code=202)
def rerender_video(
    video_id: IdPath, caller: CurrentWorkspace, session: SessionDep, scope: ScopeDep,
    api: ApiSettingsDep,
) -> VideoPublic:
    """Render the video again (a new render_version with the same creative code)."""
    from studio.jobs.submit import rerender

    video = get_video_or_404(scope, video_id)
    if video.status in ("pending", "queued", "running"):
        raise Problem(409, f"video {video_id} is still {video.status}; wait or cancel it first",
                      slug="conflict")
    if video.status == "archived":
        raise Problem(409, f"video {video_id} is archived (deleted); it cannot be re-rendered",
                      slug="conflict")
    try:
        submission = rerender(session, caller.workspace_id, video_id)
    except ValueError as exc:
        raise submission_error(exc) from None
    dispatch(submission, api)
    again = get_video_or_404(scope, submission.video_ids[0])
    session.refresh(again)
    return video_public(again)
