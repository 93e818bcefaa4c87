"""A quick look at a template with one product: a still or a low-resolution MP4.

Asking saves a ``preview`` job at the urgent priority; a worker renders it off the request
(:func:`run_preview`, on the render queue) into storage. The asker may wait a bounded time
for it (the API does, then answers with a status URL) — nothing renders inside a request.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from studio import outbox
from studio.db import Job, Product, Scope, session_scope
from studio.errors import InvalidInput, NotFound
from studio.product import ProductData
from studio.product_media import product_data, with_local_photos
from studio.schemas.templates import PreviewPublic, PreviewRequest
from studio.services.requests import URGENT
from studio.services.template_settings import for_preview
from studio.services.templates import get_template
from studio.states import IllegalTransition, transition

MEDIA = {"jpeg": ("image/jpeg", "jpg"), "mp4": ("video/mp4", "mp4")}


def ask_for_preview(scope: Scope, template_id: str, body: PreviewRequest) -> Job:
    """Check the request and save the preview job (sent when the caller commits)."""
    # as this workspace's videos look: its brand kit, a saved template's settings
    choice = for_preview(scope, template_id, body.overrides)
    template = choice.template
    if body.format not in template.spec.formats:
        raise InvalidInput("template.format", field="format",
                           detail=f"template {template_id!r} does not support {body.format}; "
                                  f"it renders {', '.join(template.spec.formats)}")
    payload: dict[str, Any] = {"template": template_id, "format": body.format,
                               "overrides": body.overrides, "output": body.output,
                               "at": body.at, "base": template.id,
                               "fields": choice.overrides, "style": choice.style.as_options()}
    if body.sample:
        from studio.templating.thumbnails import SAMPLE_PRODUCT

        payload["sample"] = SAMPLE_PRODUCT
    elif body.product_id is not None:
        if scope.get(Product, body.product_id) is None:
            raise NotFound("product", body.product_id, field="product_id")
        payload["product_id"] = body.product_id
    else:
        assert body.product is not None
        payload["product"] = body.product.model_dump(mode="json")
    job = scope.add(Job(kind="preview", priority=URGENT, payload=payload))
    scope.session.flush()
    outbox.add_jobs(scope.session, [job.id])
    return job


def preview_public(job: Job) -> PreviewPublic:
    result = (job.payload or {}).get("result") or {}
    url = f"/api/v1/previews/{job.id}"
    return PreviewPublic(id=job.id, status=job.status, error=job.error,
                         template=str((job.payload or {}).get("template", "")),
                         output=str((job.payload or {}).get("output", "jpeg")),
                         status_url=url,
                         file_url=f"{url}/file" if job.status == "succeeded" else None,
                         notes=list(result.get("notes", [])))


def get_preview(scope: Scope, preview_id: int) -> Job:
    job = scope.get(Job, preview_id)
    if job is None or job.kind != "preview":
        raise NotFound("preview", preview_id)
    return job


def preview_file(scope: Scope, preview_id: int) -> tuple[str, str, str]:
    """(storage key, media type, file name) of a finished preview."""
    from studio.errors import Conflict, NotReady

    job = get_preview(scope, preview_id)
    result = (job.payload or {}).get("result") or {}
    if job.status == "failed":
        raise Conflict("preview.failed", id=preview_id, detail=job.error or "")
    if job.status != "succeeded" or not result.get("key"):
        raise NotReady("preview.pending", id=preview_id, status=job.status,
                       status_url=f"/api/v1/previews/{preview_id}")
    media_type, ext = MEDIA[str(job.payload.get("output", "jpeg"))]
    return str(result["key"]), media_type, f"preview-{preview_id}.{ext}"


def run_preview(job_id: int) -> dict[str, Any]:
    """The worker's side: render the preview into storage; the job records the outcome."""
    from studio.render import RenderError
    from studio.storage import open_storage
    from studio.templating.rendering import TemplateInputError, render_template

    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is None or job.status != "pending":
            return {"preview": job_id, "status": job.status if job else "missing"}
        try:
            transition(session, job, "running")
        except IllegalTransition:
            return {"preview": job_id, "status": "taken"}
        payload, workspace_id = dict(job.payload or {}), job.workspace_id
    work = Path(tempfile.mkdtemp(prefix=f"preview-{job_id}-"))
    error, result = None, {}
    try:
        with session_scope() as session:
            product, base = _product(session, payload)
        template = get_template(str(payload.get("base") or payload["template"]))
        local = with_local_photos(product, work / "photos", base_dir=base)
        if payload.get("cache_key"):  # a gallery preview: the clip and its poster, kept
            result = _gallery(template, local, payload, work)
        else:
            media_type, ext = MEDIA[str(payload.get("output", "jpeg"))]
            out = work / f"preview.{ext}"
            still = float(payload.get("at", 1.0)) if ext == "jpg" else None
            made = render_template(template, local, str(payload["format"]), out,
                                   work_dir=work / "work",
                                   overrides=payload.get("fields", payload.get("overrides")),
                                   voiceover=False, preview=True, still_at=still,
                                   style=payload.get("style"))
            key = f"previews/{workspace_id}/{job_id}.{ext}"
            open_storage().put_file(key, made.path, content_type=media_type, move=True)
            result = {"key": key, "notes": made.notes}
    except (TemplateInputError, InvalidInput, NotFound) as exc:
        error = _without_scratch(str(exc), work)
    except RenderError as exc:
        error = f"the preview could not be rendered: {_without_scratch(str(exc), work)}"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is not None and job.status == "running":
            job.payload = {**payload, "result": result}
            transition(session, job, "failed" if error else "succeeded", reason=error)
    return {"preview": job_id, "status": "failed" if error else "succeeded", "error": error}


def _product(session: Any, payload: dict[str, Any]) -> tuple[ProductData, Path | None]:
    """The product to show, and the folder its relative photo paths are read from."""
    from studio.templating.thumbnails import sample_product

    if payload.get("sample"):
        return sample_product(str(payload["sample"]))
    if "product_id" in payload:
        row = session.get(Product, int(payload["product_id"]))
        if row is None:
            raise NotFound("product", payload["product_id"])
        return product_data(row), None
    return ProductData.model_validate(payload["product"]), None


def _gallery(template: Any, product: ProductData, payload: dict[str, Any],
             work: Path) -> dict[str, Any]:
    """Render the gallery's clip and poster and store them under their cache keys."""
    from studio.storage import open_storage
    from studio.templating.rendering import render_template
    from studio.templating.thumbnails import gallery_poster

    storage = open_storage()
    # as the workspace's videos look (brand kit, a saved template's settings)
    fields, style = payload.get("fields") or {}, payload.get("style")
    poster = gallery_poster(template, product, str(payload["format"]), work / "poster",
                            at=float(payload.get("at", 1.0)), overrides=fields, style=style)
    made = render_template(template, product, str(payload["format"]), work / "clip.mp4",
                           work_dir=work / "work", voiceover=False, preview=True,
                           overrides=fields, style=style)
    # the poster first: a stored clip is what says "ready", and it never lacks its poster
    storage.put_file(str(payload["poster_key"]), poster, content_type="image/jpeg", move=True)
    storage.put_file(str(payload["cache_key"]), made.path, content_type="video/mp4", move=True)
    return {"key": str(payload["cache_key"]), "poster_key": str(payload["poster_key"]),
            "notes": made.notes}


def _without_scratch(message: str, work: Path) -> str:
    """Server folders are no business of the seller's: a photo is named as the product names
    it (``uploads/lamp.jpg``), a file of the worker's scratch folder by its name alone."""
    from studio.config import get_settings

    media = get_settings().media_root.resolve()
    for folder in (work / "photos", work, media):
        message = message.replace(f"{folder}/", "")
    return message
