"""Templates a seller saved under a name of their own: a base template plus their settings.

A saved template is a template like any other to the seller — in the batch builder, in the
API's template list, in ROI — with its own id (``my-autumn-sale``) and version: a hash of the
base template's version and the saved settings, so changing either is a new version.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.db import SavedTemplate, Scope
from studio.errors import Conflict, InvalidInput, NotFound
from studio.schemas.branding import (
    SavedTemplateCreate,
    SavedTemplatePublic,
    SavedTemplatesPublic,
    SavedTemplateUpdate,
)

MAX_SAVED = 200
PREFIX = "my-"


def _registry():  # type: ignore[no-untyped-def]
    from studio.templating import default_registry

    return default_registry()


def saved_version(base_version: str, settings: dict[str, Any]) -> str:
    material = json.dumps({"base": base_version, "settings": settings}, sort_keys=True,
                          separators=(",", ":"), default=str)
    return hashlib.sha256(material.encode()).hexdigest()[:12]


def find_saved(scope: Scope, template_id: str) -> SavedTemplate | None:
    if not template_id.startswith(PREFIX):
        return None
    return scope.first(SavedTemplate, SavedTemplate.slug == template_id)


def saved_ids(scope: Scope, ids: set[str]) -> set[str]:
    """Which of ``ids`` are templates this workspace saved (one query)."""
    wanted = sorted(i for i in ids if i.startswith(PREFIX))
    if not wanted:
        return set()
    return set(scope.scalars(scope.select(SavedTemplate.slug)
                             .where(SavedTemplate.slug.in_(wanted))))


def saved_names(session: Session, workspace_id: int, ids: Iterable[str | None]) -> dict[str, str]:
    """{saved id: the name the seller gave it} for those of ``ids`` this workspace saved (one
    query). A deleted saved template is not there: its videos keep its id."""
    wanted = sorted({i for i in ids if i and i.startswith(PREFIX)})
    if not wanted:
        return {}
    rows = session.execute(select(SavedTemplate.slug, SavedTemplate.name).where(
        SavedTemplate.workspace_id == workspace_id, SavedTemplate.slug.in_(wanted)))
    return {str(slug): str(name) for slug, name in rows}


def base_of(row: SavedTemplate):  # type: ignore[no-untyped-def]
    """The registry template a saved one is made from."""
    from studio.templating import TemplateNotFound

    try:
        return _registry().get(row.base_template)
    except TemplateNotFound:
        raise InvalidInput("my_template.base_gone", field="template", name=row.name,
                           base=row.base_template) from None


def public(row: SavedTemplate, language: str = "en") -> SavedTemplatePublic:
    """``voiceover``: whether its videos speak (never, when the base template has no
    voice-over); ``base_name`` in ``language``."""
    settings = dict(row.settings or {})
    speaks = bool(settings.get("voiceover", True))
    try:
        base = base_of(row)
        base_name, version = base.said("name", language), saved_version(base.version, settings)
        speaks = speaks and base.spec.voiceover is not None
    except InvalidInput:
        base_name, version = row.base_template, "unavailable"
    return SavedTemplatePublic(
        id=row.slug, name=row.name, base=row.base_template, base_name=base_name,
        version=version, fields=dict(settings.get("fields") or {}), voiceover=speaks,
        language=settings.get("language"), music=settings.get("music"),
        created_at=row.created_at, updated_at=row.updated_at)


def list_saved(scope: Scope, language: str = "en") -> SavedTemplatesPublic:
    rows = scope.list(SavedTemplate, order_by=SavedTemplate.name, limit=MAX_SAVED)
    return SavedTemplatesPublic(data=[public(r, language) for r in rows], count=len(rows))


def get_saved(scope: Scope, template_id: str) -> SavedTemplate:
    row = find_saved(scope, template_id)
    if row is None:
        raise NotFound("saved_template", template_id, code="my_template.not_found")
    return row


def _slug(scope: Scope, name: str, base: str) -> str:
    """The saved template's id: its name in ASCII (``my-autumn-sale``); a name with no ASCII
    letters or digits (``秋季促销``) is named after its base template (``my-price-drop``),
    numbered when taken (``my-price-drop-2``)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    if not stem:
        stem = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:40].strip("-")
    stem = PREFIX + (stem or "template")
    taken = set(scope.scalars(scope.select(SavedTemplate.slug)
                              .where(SavedTemplate.slug.like(f"{stem}%"))))
    taken |= set(_registry().ids())
    slug, n = stem, 1
    while slug in taken:
        n += 1
        slug = f"{stem}-{n}"
    return slug


def _check_name(scope: Scope, name: str, *, other_than: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("my_template.no_name", field="name")
    clash = scope.first(SavedTemplate, SavedTemplate.name == name)
    if clash is not None and clash.id != other_than:
        raise Conflict("my_template.name_taken", field="name", name=name)
    return name


def check_settings(base: Any, fields: dict[str, Any], music: str | None) -> dict[str, Any]:
    """The saved field values, each checked against the base template's field (a colour is a
    colour, a choice one of its options, a picture in the media library or a link)."""
    from studio.product_media import check_image_reference
    from studio.templating.spec import HEX_COLOR

    checked: dict[str, Any] = {}
    for name, value in fields.items():
        spec = base.spec.fields.get(name)
        if spec is None:
            raise InvalidInput("my_template.unknown_field", field=f"fields.{name}", name=name,
                               template=base.spec.name, known=", ".join(base.spec.fields))
        if value in (None, "", []):
            continue  # empty: the product's value or the template's default
        where, label = f"fields.{name}", spec.label or name  # the seller knows the label
        if spec.type in ("clip", "image_list", "money"):
            raise InvalidInput("my_template.field_not_saved", field=where, name=label)
        if spec.type == "color" and not (isinstance(value, str) and HEX_COLOR.match(value)):
            raise InvalidInput("my_template.bad_color", field=where, name=label, value=value)
        if spec.type == "choice" and value not in spec.options:
            raise InvalidInput("my_template.bad_choice", field=where, name=label,
                               options=", ".join(spec.options))
        if spec.type == "text":
            value = str(value)
            limit = spec.max_length or 200
            if len(value) > limit:
                raise InvalidInput("my_template.too_long", field=where, name=label, max=limit)
        if spec.type == "image":  # the media library (a brand logo too) or a link
            value = check_image_reference(str(value))
        checked[name] = value
    if music not in (None, "off"):
        try:
            other = _registry().get(music)
        except LookupError:
            other = None
        if other is None or other.spec.music is None:
            raise InvalidInput("my_template.bad_music", field="music", music=music)
    return checked


def _settings(fields: dict[str, Any], voiceover: bool, language: str | None,
              music: str | None) -> dict[str, Any]:
    settings: dict[str, Any] = {"fields": dict(sorted(fields.items())), "voiceover": voiceover}
    if language:
        settings["language"] = language
    if music:
        settings["music"] = music
    return settings


def save_template(scope: Scope, body: SavedTemplateCreate) -> SavedTemplatePublic:
    """Save ``body.base`` with the seller's settings under ``body.name``."""
    from studio.templating import TemplateNotFound

    if scope.count(SavedTemplate) >= MAX_SAVED:
        raise Conflict("my_template.too_many", max=MAX_SAVED)
    try:
        base = _registry().get(body.base)
    except TemplateNotFound:
        saved = find_saved(scope, body.base)  # saved from a saved one: from its base
        if saved is None:
            raise NotFound("template", body.base, field="base",
                           code="my_template.base_unknown", base=body.base) from None
        base = base_of(saved)
    name = _check_name(scope, body.name)
    fields = check_settings(base, body.fields, body.music)
    row = scope.add(SavedTemplate(
        slug=_slug(scope, name, base.id), name=name, base_template=base.id,
        settings=_settings(fields, body.voiceover, body.language, body.music)))
    scope.session.flush()
    return public(row)


def update_template(scope: Scope, template_id: str,
                    body: SavedTemplateUpdate) -> SavedTemplatePublic:
    row = get_saved(scope, template_id)
    sent = body.model_fields_set
    old = dict(row.settings or {})
    if "name" in sent and body.name is not None:
        row.name = _check_name(scope, body.name, other_than=row.id)
    fields = body.fields if "fields" in sent and body.fields is not None \
        else dict(old.get("fields") or {})
    music = body.music if "music" in sent else old.get("music")
    checked = check_settings(base_of(row), fields, music)
    row.settings = _settings(
        checked,
        bool(body.voiceover) if "voiceover" in sent and body.voiceover is not None
        else bool(old.get("voiceover", True)),
        body.language if "language" in sent else old.get("language"),
        music)
    scope.session.flush()
    return public(row)


def delete_template(scope: Scope, template_id: str) -> None:
    """Gone from the lists; its videos keep its id and version, so ROI still counts them."""
    scope.delete(get_saved(scope, template_id))
    scope.session.flush()
