"""Templates: what a seller can render, with the fields the UI builds its form from.

The list is the registry's templates plus the ones this workspace saved under names of its
own (``source: mine``); names, descriptions and field labels come in the seller's language.
"""

from __future__ import annotations

from studio.db import SavedTemplate, Scope
from studio.errors import InvalidInput, NotFound
from studio.schemas.templates import TemplateDetail, TemplatePublic, TemplatesPublic
from studio.services.my_templates import MAX_SAVED, base_of, find_saved, saved_version


def _registry():  # type: ignore[no-untyped-def]
    from studio.templating import default_registry

    return default_registry()


def get_template(template_id: str):  # type: ignore[no-untyped-def]
    from studio.templating import TemplateNotFound

    try:
        return _registry().get(template_id)
    except TemplateNotFound as exc:
        raise NotFound("template", template_id, code="template.not_found",
                       detail=str(exc).strip("'\"")) from None


def _saved_summary(row: SavedTemplate, language: str) -> dict[str, object]:
    base = base_of(row)
    settings = dict(row.settings or {})
    summary = base.summary(language)
    return {**summary, "id": row.slug, "name": row.name, "source": "mine",
            "base": base.id, "version": saved_version(base.version, settings),
            "voiceover": bool(summary["voiceover"]) and bool(settings.get("voiceover", True))}


def list_templates(scope: Scope | None = None, language: str = "en") -> TemplatesPublic:
    """The templates; with a workspace, its saved ones after them (a saved template whose
    base is gone is left out)."""
    rows = [TemplatePublic(**t.summary(language)) for t in _registry().list()]
    if scope is not None:
        for row in scope.list(SavedTemplate, order_by=SavedTemplate.name, limit=MAX_SAVED):
            try:
                rows.append(TemplatePublic(**_saved_summary(row, language)))
            except InvalidInput:  # its base template is not installed any more
                continue
    return TemplatesPublic(data=rows, count=len(rows))


def describe_template(template_id: str, scope: Scope | None = None,
                      language: str = "en") -> TemplateDetail:
    """The template with its fields (type, label, binding, default), worded in ``language``.
    With a workspace, a field's default is what its videos get: the brand kit's logo and
    colours (``from_brand``), then a saved template's own values."""
    from studio.services.template_settings import brand_of
    from studio.templating import brand_overrides

    saved = find_saved(scope, template_id) if scope is not None else None
    base = get_template(template_id) if saved is None else base_of(saved)
    detail = base.describe(language)
    fields = {name: dict(spec) for name, spec in detail["fields"].items()}  # type: ignore[attr-defined]
    if scope is not None:
        for name, value in brand_overrides(base.spec, brand_of(scope)).items():
            fields[name].update(default=value, from_brand=True)
    if saved is None:
        return TemplateDetail(**{**detail, "fields": fields})
    settings = dict(saved.settings or {})
    for name, value in dict(settings.get("fields") or {}).items():
        if name in fields:
            fields[name].update(default=value, from_brand=False)
    return TemplateDetail(**{**detail, **_saved_summary(saved, language), "fields": fields,
                             "saved": settings})


def template_problems() -> list[str]:
    """Templates that were found but could not be loaded, each with why."""
    return list(_registry().problems)


def gallery_template_id(scope: Scope, template_id: str) -> str:
    """The template whose gallery clip a card shows: a saved template shows its base's (the
    gallery's clips are on the studio's sample product, the same for every workspace)."""
    saved = find_saved(scope, template_id)
    return saved.base_template if saved is not None else template_id
