"""Templates: list, show with the field schema, and a quick preview render."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

from api.deps import CurrentWorkspace, ScopeDep, SettingsDep
from api.errors import Problem, not_found
from api.product_data import product_data, safe_image_base
from api.schemas.templates import PreviewRequest, TemplateDetail, TemplatePublic, TemplatesPublic
from studio.db import Product

router = APIRouter(prefix="/templates", tags=["templates"])

TemplateId = Annotated[str, PathParam(max_length=100, pattern=r"^[A-Za-z0-9_.:-]+$")]


def _registry() -> Any:
    from studio.templating import default_registry

    return default_registry()


def _template(template_id: str) -> Any:
    from studio.templating import TemplateNotFound

    try:
        return _registry().get(template_id)
    except TemplateNotFound as exc:
        raise Problem(404, str(exc), slug="not-found") from None


@router.get("", response_model=TemplatesPublic)
def list_templates(caller: CurrentWorkspace) -> TemplatesPublic:
    rows = [TemplatePublic(**t.summary()) for t in _registry().list()]
    return TemplatesPublic(data=rows, count=len(rows))


@router.get("/{template_id}", response_model=TemplateDetail)
def get_template(template_id: TemplateId, caller: CurrentWorkspace) -> TemplateDetail:
    """The template with its fields (type, label, binding, default): build a form from them."""
    return TemplateDetail(**_template(template_id).describe())


@router.post(
    "/{template_id}/preview",
    response_class=Response,
    responses={
        200: {
            "content": {
                "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                "video/mp4": {"schema": {"type": "string", "format": "binary"}},
            },
            "description": "A JPEG still or a low-resolution MP4.",
        }
    },
)
def preview_template(
    template_id: TemplateId, body: PreviewRequest, scope: ScopeDep, settings: SettingsDep
) -> Response:
    """Render one still (fast) or a low-resolution MP4 of this template with a product."""
    from studio.render import RenderError, render_poster, render_video
    from studio.templating import FieldProblem, ImageProblem, MergeError, resolve

    template = _template(template_id)
    if body.product_id is not None:
        row = scope.get(Product, body.product_id)
        if row is None:
            raise not_found("Product", body.product_id)
        product = product_data(row)
    else:
        assert body.product is not None
        product = body.product
    work = Path(tempfile.mkdtemp(prefix="studio-preview-"))
    try:
        resolved = resolve(
            template.spec,
            product,
            body.format,
            work_dir=work / "work",
            template_dir=template.folder,
            template_version=template.version,
            overrides=body.overrides,
            base_dir=safe_image_base(settings),
            voiceover=False,
        )
        if body.output == "jpeg":
            at = min(body.at, max(resolved.plan.duration - 0.05, 0))
            out = render_poster(resolved.plan, work / "preview.jpg", at=at)
            media_type = "image/jpeg"
        else:
            out = work / "preview.mp4"
            render_video(resolved.plan, out, preview=True)
            media_type = "video/mp4"
    except (FieldProblem, ImageProblem, MergeError) as exc:
        _cleanup(work)
        raise Problem(422, str(exc), field="body.overrides", slug="template-input") from None
    except ValueError as exc:  # e.g. a format the template does not render
        _cleanup(work)
        raise Problem(422, str(exc), field="body.format", slug="template-input") from None
    except RenderError as exc:
        _cleanup(work)
        raise Problem(422, f"the preview could not be rendered: {exc}", slug="render") from None
    from starlette.background import BackgroundTask

    return FileResponse(out, media_type=media_type, background=BackgroundTask(_cleanup, work))


def _cleanup(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
