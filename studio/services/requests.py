"""What a request for a video is, its idempotency key, and the checks before anything is saved.

The request key is a hash of (workspace, product, template version, format, generator,
options): the same request twice makes one video. Every check names the item and what to fix,
as data (``batch.bad_format`` with the item's number) — the API points at ``items[i]``, the
command line prints the sentence, the web studio translates the code.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.db import Product, Scope, Template
from studio.db.bulk import in_chunks
from studio.errors import InvalidInput, NotFound
from studio.services.my_templates import saved_ids

FORMATS = ("9:16", "1:1", "16:9", "4:5")
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud, typed by hand
URGENT, NORMAL = 10, 0  # Job.priority: a seller waiting on one preview vs a batch


@dataclass(frozen=True)
class VideoRequest:
    product_id: int
    template_id: str | None  # None: a generator that needs no template
    format: str = "9:16"
    generator: str = "template"
    options: dict[str, Any] = field(default_factory=dict)


def new_creative_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def template_version(session: Session, template_id: str | None) -> str:
    """The template's content hash (from the template registry or the template table)."""
    if template_id is None:
        return "none"
    try:
        from studio.templating import default_registry

        return default_registry().get(template_id).version
    except (ImportError, LookupError):
        pass
    row = session.get(Template, template_id)
    return row.version if row is not None else "unversioned"


def request_key(workspace_id: int, request: VideoRequest, version: str) -> str:
    material = canonical({
        "workspace": workspace_id, "product": request.product_id,
        "template": request.template_id, "version": version, "format": request.format,
        "generator": request.generator, "options": request.options,
    })
    return "video:" + hashlib.sha256(material.encode()).hexdigest()


def check_generators(names: Iterable[str], field: str | None = None) -> None:
    """Refuse a generator no plugin provides now, rather than fail every video later."""
    from studio.plugins import get_host

    host = get_host()
    known = host.objects["generator"]
    unknown = sorted(set(names) - set(known))
    for name in unknown:  # a plugin that failed to load says why, not "no such generator"
        if failed := host.failure("generator", name):
            raise InvalidInput("generator.failed_to_load", field=field, name=name,
                               plugin=failed.name, error=failed.reason)
    if unknown:
        raise InvalidInput("generator.unknown", field=field,
                           names=", ".join(map(repr, unknown)),
                           available=", ".join(sorted(known)) or "none")


def _template_error(template_id: str) -> str | None:
    from studio.templating import default_registry

    try:
        default_registry().get(template_id)
    except LookupError as exc:
        return str(exc).strip("'\"")
    return None


def check_requests(scope: Scope, requests: Sequence[VideoRequest], *,
                   field: str = "items") -> None:
    """Every request of a batch checked with one query for its products, each template looked
    up once; the first bad item (in order) raises, naming it."""
    owned: set[int] = set()
    wanted = sorted({request.product_id for request in requests})
    for chunk in in_chunks(wanted):
        owned.update(scope.scalars(scope.select(Product.id).where(Product.id.in_(chunk))))
    check_generators({r.generator for r in requests}, field or "generator")
    # templates this workspace saved under its own names are templates too
    template_errors: dict[str, str | None] = dict.fromkeys(saved_ids(scope, {
        r.template_id for r in requests if r.generator == "template" and r.template_id}))
    for index, request in enumerate(requests):
        where: dict[str, Any] = {"item": index + 1, "template": request.template_id,
                                 "format": request.format}
        at = f"{field}[{index}]" if field else None
        if request.format not in FORMATS:
            raise InvalidInput("batch.bad_format", field=at, allowed=", ".join(FORMATS),
                               **where)
        if request.generator == "template":
            if request.template_id is None:
                raise InvalidInput("video.template_required", field=(
                    f"{at}.template" if at else "template"), **where)
            if request.template_id not in template_errors:
                template_errors[request.template_id] = _template_error(request.template_id)
            error = template_errors[request.template_id]
            if error is not None:
                raise InvalidInput("batch.template_unknown", field=at, detail=error, **where)
        if request.product_id not in owned:
            raise NotFound("product", request.product_id, code="batch.product_missing",
                           field=at or "product", product=request.product_id, **where)


def owned_product_ids(scope: Scope, ids: Iterable[int]) -> set[int]:
    found: set[int] = set()
    for chunk in in_chunks(sorted(set(ids))):
        found.update(scope.session.scalars(select(Product.id).where(
            Product.workspace_id == scope.workspace_id, Product.id.in_(chunk))))
    return found
