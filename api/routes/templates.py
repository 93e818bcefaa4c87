"""Templates: list, show with the field schema, and a quick preview (rendered by a worker)."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Header, Response
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse

from api.deps import ApiSettingsDep, IdPath, ScopeDep
from api.files import serve_stored
from studio.db import Scope
from studio.errors import InvalidInput
from studio.schemas.templates import (
    GalleryPreviewPublic,
    GalleryPreviewRequest,
    PreviewPublic,
    PreviewRequest,
    TemplateDetail,
    TemplatesPublic,
)
from studio.services import gallery, previews, templates

router = APIRouter(prefix="/templates", tags=["templates"])
previews_router = APIRouter(prefix="/previews", tags=["templates"])

TemplateId = Annotated[str, PathParam(max_length=100, pattern=r"^[A-Za-z0-9_.:-]+$")]
BINARY = {"schema": {"type": "string", "format": "binary"}}
FILE_RESPONSES = {"content": {"image/jpeg": BINARY, "video/mp4": BINARY},
                  "description": "A JPEG still or a low-resolution MP4."}


AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]


def _language(accept_language: str | None) -> str:
    from studio.services.wording import wants_chinese

    return "zh" if wants_chinese(accept_language) else "en"


@router.get("", response_model=TemplatesPublic, operation_id="list_templates")
def list_templates(scope: ScopeDep, accept_language: AcceptLanguage = None) -> TemplatesPublic:
    """Every template, then the ones this workspace saved (`source: mine`). Names and
    descriptions are in Simplified Chinese when `Accept-Language` prefers `zh`."""
    return templates.list_templates(scope, _language(accept_language))


@router.get("/{template_id}", response_model=TemplateDetail, operation_id="get_template")
def get_template(template_id: TemplateId, scope: ScopeDep,
                 accept_language: AcceptLanguage = None) -> TemplateDetail:
    """The template with its fields (type, label, binding, default): build a form from them.
    A saved template's fields default to its saved values."""
    return templates.describe_template(template_id, scope, _language(accept_language))


@router.post(
    "/{template_id}/preview", response_class=Response, operation_id="preview_template",
    responses={200: FILE_RESPONSES,
               202: {"model": PreviewPublic,
                     "description": "Still rendering: follow `status_url`."}},
)
def preview_template(
    template_id: TemplateId, body: PreviewRequest, scope: ScopeDep, api: ApiSettingsDep,
) -> Response:
    """Render one still (fast) or a low-resolution MP4 of this template with a product.

    A worker renders it at the urgent priority; this call waits a few seconds for it and
    answers with the file, or 202 with a status URL when it takes longer."""
    job = previews.ask_for_preview(scope, template_id, body)
    scope.session.commit()  # the job leaves for the workers now
    deadline = time.monotonic() + api.preview_wait_seconds
    public = previews.preview_public(job)
    while True:  # a thread of the server's pool waits, never its event loop
        public = _status(scope, job.id)
        if public.status in ("succeeded", "failed") or time.monotonic() >= deadline:
            break
        time.sleep(0.1)
    if public.status == "failed":
        raise InvalidInput("template.input", field="overrides", detail=public.error or "")
    if public.status == "succeeded":
        key, media_type, name = previews.preview_file(scope, job.id)
        return serve_stored(key, media_type, name, missing=("video.file_missing", job.id))
    return JSONResponse(public.model_dump(mode="json"), status_code=202,
                        headers={"Location": public.status_url})


@router.post(
    "/{template_id}/gallery-preview", response_model=GalleryPreviewPublic,
    operation_id="gallery_preview",
    responses={202: {"model": GalleryPreviewPublic,
                     "description": "Being made by a worker: ask again in a moment."}},
)
def gallery_preview(template_id: TemplateId, body: GalleryPreviewRequest,
                    scope: ScopeDep) -> Response:
    """The template's moving preview for the gallery: a short low-resolution clip and its
    poster on the studio's sample product, made once per template version and kept.

    Answers at once: `ready` with `clip_url` and `poster_url` (200), or `pending`/`running`
    (202) while a worker makes it — ask again; asking again never makes a second one."""
    # a saved template (my-…) shows its base template's clip
    template_id = templates.gallery_template_id(scope, template_id)
    public = gallery.gallery_preview(scope, template_id, body.format)
    code = 202 if public.status in ("pending", "running") else 200
    return JSONResponse(public.model_dump(mode="json"), status_code=code)


GalleryFile = Annotated[str, PathParam(max_length=16, pattern=r"^[0-9a-z]+\.(mp4|jpg)$")]
Version = Annotated[str, PathParam(max_length=80, pattern=r"^[0-9a-f]+(-[0-9a-f]+)?$")]


@router.get("/{template_id}/gallery/{version}/{name}", response_class=Response,
            operation_id="get_gallery_file",
            responses={200: {"content": {"image/jpeg": BINARY, "video/mp4": BINARY},
                             "description": "The gallery clip (MP4) or its poster (JPEG)."}})
def gallery_file(template_id: TemplateId, version: Version, name: GalleryFile,
                 scope: ScopeDep) -> Response:
    """A stored gallery clip (`9x16.mp4`) or poster (`9x16.jpg`) of one template version
    (and look: a brand kit's); it never changes, so browsers keep it."""
    key, media_type = gallery.gallery_file(scope, template_id, version, name)
    answer = serve_stored(key, media_type, name, missing=("template.gallery_missing", name))
    answer.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    return answer


def _status(scope: Scope, preview_id: int) -> PreviewPublic:
    scope.session.expire_all()
    return previews.preview_public(previews.get_preview(scope, preview_id))


@previews_router.get("/{preview_id}", response_model=PreviewPublic, operation_id="get_preview")
def get_preview(preview_id: IdPath, scope: ScopeDep) -> PreviewPublic:
    """Where a preview is: pending, running, succeeded (then `file_url`) or failed."""
    return previews.preview_public(previews.get_preview(scope, preview_id))


@previews_router.get("/{preview_id}/file", response_class=Response,
                     operation_id="get_preview_file", responses={200: FILE_RESPONSES})
def preview_file(preview_id: IdPath, scope: ScopeDep) -> Response:
    key, media_type, name = previews.preview_file(scope, preview_id)
    return serve_stored(key, media_type, name, missing=("video.file_missing", preview_id))
