"""Templates: what a seller can render, with the fields a form is built from."""

from __future__ import annotations

from studio.errors import NotFound
from studio.schemas.templates import TemplateDetail, TemplatePublic, TemplatesPublic


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


def list_templates() -> TemplatesPublic:
    rows = [TemplatePublic(**t.summary()) for t in _registry().list()]
    return TemplatesPublic(data=rows, count=len(rows))


def describe_template(template_id: str) -> TemplateDetail:
    """The template with its fields (type, label, binding, default)."""
    return TemplateDetail(**get_template(template_id).describe())


def template_problems() -> list[str]:
    """Templates that were found but could not be loaded, each with why."""
    return list(_registry().problems)
