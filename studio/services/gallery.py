"""The template gallery's moving previews: a short low-resolution clip and a poster of each
template, made once per template version on the studio's own sample product and kept in
storage.

The gallery never uses a seller's product: one product with a broken photo must not break
every card. It shows a template as the workspace's videos will look
(:func:`studio.services.template_settings.for_preview`: brand kit, a saved template's
settings). Asking for a preview that is not in storage yet saves ONE ``preview`` job (a worker
renders it, :func:`studio.services.previews.run_preview`); asking again while it is being made
answers that job, never a second one; once it is stored, every later request is served from
storage without a job — from any workspace whose look is the same (no brand kit: every
workspace). A new template version (or look) is a new key, so an edited template gets a new
preview and the old one is simply no longer asked for.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError

from studio import outbox
from studio.db import Job, Scope
from studio.db.types import utcnow
from studio.errors import InvalidInput, NotFound
from studio.schemas.templates import GalleryPreviewPublic
from studio.services.requests import URGENT, canonical
from studio.services.template_settings import TemplateChoice, for_preview

FILES = {"mp4": "video/mp4", "jpg": "image/jpeg"}
# a job pending or running longer than this was lost (its worker died): ask again
LOST_AFTER = timedelta(minutes=5)
# a failed preview is not tried again for this long (every gallery visit would retry it)
FAILED_FOR = timedelta(minutes=10)
_NAME = re.compile(r"^(9x16|1x1|16x9|4x5)\.(mp4|jpg)$")


def _home(scope: Scope, template_id: str, choice: TemplateChoice) -> str:
    """``gallery/<template>``: a built-in template's previews are everyone's; a saved one's
    belong to its workspace. The template id is made safe for a storage key."""
    slug = re.sub(r"[^A-Za-z0-9._-]", "_", template_id).strip(".")
    if slug != template_id or not slug:
        slug = f"{slug or 't'}-{hashlib.sha256(template_id.encode()).hexdigest()[:8]}"
    return f"gallery/w{scope.workspace_id}/{slug}" if choice.saved else f"gallery/{slug}"


def _tag(choice: TemplateChoice) -> str:
    """The template version, and a mark of the look when the workspace has one of its own
    (a brand kit's colours, logo, font, call to action)."""
    look = {"fields": choice.overrides, "style": choice.style.as_options()}
    if not look["fields"] and not look["style"]:
        return choice.version
    return f"{choice.version}-{hashlib.sha256(canonical(look).encode()).hexdigest()[:8]}"


def file_name(format_key: str, ext: str) -> str:
    return f"{format_key.replace(':', 'x')}.{ext}"


def gallery_keys(folder: str, format_key: str) -> dict[str, str]:
    """The storage keys of the clip and the poster of one template version and format."""
    return {ext: f"{folder}/{file_name(format_key, ext)}" for ext in FILES}


def _urls(template_id: str, tag: str, format_key: str) -> dict[str, str]:
    base = f"/api/v1/templates/{template_id}/gallery/{tag}"
    return {ext: f"{base}/{file_name(format_key, ext)}" for ext in FILES}


def gallery_preview(scope: Scope, template_id: str, format_key: str = "9:16"
                    ) -> GalleryPreviewPublic:
    """Where the template's gallery preview is: ``ready`` (with its URLs), being made
    (``pending``/``running``, with the preview job's status URL) or ``failed``.

    Asks a worker for it (one job) when it is neither stored nor being made.
    """
    from studio.storage import open_storage

    choice = for_preview(scope, template_id, {})
    template = choice.template
    if format_key not in template.spec.formats:
        raise InvalidInput("template.format", field="format",
                           detail=f"template {template_id!r} does not support {format_key}; "
                                  f"it renders {', '.join(template.spec.formats)}")
    tag = _tag(choice)
    keys = gallery_keys(f"{_home(scope, template_id, choice)}/{tag}", format_key)
    answer: dict[str, Any] = {"template": template_id, "version": choice.version,
                              "format": format_key}
    storage = open_storage()
    if all(storage.exists(key) for key in keys.values()):
        urls = _urls(template_id, tag, format_key)
        return GalleryPreviewPublic(**answer, status="ready", clip_url=urls["mp4"],
                                    poster_url=urls["jpg"])
    job = _latest_job(scope, keys["mp4"])
    now = utcnow()
    if job is not None and job.status == "failed" and job.updated_at is not None \
            and now - job.updated_at < FAILED_FOR:
        return GalleryPreviewPublic(**answer, status="failed", error=job.error,
                                    status_url=f"/api/v1/previews/{job.id}")
    if job is None or job.status not in ("pending", "running") or (
            job.created_at is not None and now - job.created_at > LOST_AFTER):
        job = _ask(scope, choice, format_key, keys, attempt=_attempt(job) + 1)
    return GalleryPreviewPublic(**answer, status=job.status if job.status == "running"
                                else "pending", status_url=f"/api/v1/previews/{job.id}")


def _job_key(cache_key: str, attempt: int) -> str:
    # Job.idempotency_key is unique per workspace: two sellers' tabs asking at the same moment
    # save one job; a later attempt (the first failed or was lost) gets the next number
    return f"gallery:{hashlib.sha256(cache_key.encode()).hexdigest()[:32]}:{attempt}"


def _attempt(job: Job | None) -> int:
    if job is None or not job.idempotency_key:
        return 0
    return int(job.idempotency_key.rpartition(":")[2] or 0)


def _latest_job(scope: Scope, cache_key: str) -> Job | None:
    prefix = _job_key(cache_key, 0).rpartition(":")[0] + ":"
    rows = scope.list(Job, Job.kind == "preview", Job.idempotency_key.startswith(prefix),
                      order_by=Job.id.desc(), limit=1)
    return rows[0] if rows else None


def _ask(scope: Scope, choice: TemplateChoice, format_key: str, keys: dict[str, str], *,
         attempt: int) -> Job:
    from studio.templating.thumbnails import SAMPLE_PRODUCT, thumbnail_time

    payload = {"template": choice.template_id, "base": choice.template.id,
               "format": format_key, "overrides": {}, "fields": choice.overrides,
               "style": choice.style.as_options(), "output": "mp4", "sample": SAMPLE_PRODUCT,
               "at": thumbnail_time(choice.template), "cache_key": keys["mp4"],
               "poster_key": keys["jpg"]}
    key = _job_key(keys["mp4"], attempt)
    savepoint = scope.session.begin_nested()
    try:
        job = scope.add(Job(kind="preview", priority=URGENT, payload=payload,
                            idempotency_key=key))
        scope.session.flush()
        savepoint.commit()
    except IntegrityError:  # another request saved this attempt a moment ago: answer it
        savepoint.rollback()
        taken = _latest_job(scope, keys["mp4"])
        assert taken is not None
        return taken
    outbox.add_jobs(scope.session, [job.id])
    return job


def gallery_file(scope: Scope, template_id: str, tag: str, name: str) -> tuple[str, str]:
    """(storage key, media type) of a stored gallery clip or poster of a template this
    workspace sees."""
    from studio.storage import open_storage

    choice = for_preview(scope, template_id, {})  # a template it does not see: a 404
    match = _NAME.match(name)
    if match is None or not re.fullmatch(r"[0-9a-f]{6,64}(-[0-9a-f]{8})?", tag):
        raise NotFound("file", name, code="template.gallery_missing", template=template_id)
    key = f"{_home(scope, template_id, choice)}/{tag}/{name}"
    if not open_storage().exists(key):
        raise NotFound("file", name, code="template.gallery_missing", template=template_id)
    return key, FILES[match.group(2)]
