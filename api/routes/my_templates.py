"""Templates saved under a name of your own: a template plus your texts, colours, logo,
music, voice-over and language. Each appears in `GET /templates` (`source: mine`) and is
used in a batch by its `id` like any template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response
from fastapi import Path as PathParam

from api.deps import ScopeDep
from studio.schemas.branding import (
    SavedTemplateCreate,
    SavedTemplatePublic,
    SavedTemplatesPublic,
    SavedTemplateUpdate,
)
from studio.services import my_templates

router = APIRouter(prefix="/my-templates", tags=["my templates"])
SavedId = Annotated[str, PathParam(max_length=64, pattern=r"^my-[a-z0-9-]+$")]


AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]


@router.get("", response_model=SavedTemplatesPublic, operation_id="list_my_templates")
def list_my_templates(scope: ScopeDep,
                      accept_language: AcceptLanguage = None) -> SavedTemplatesPublic:
    """Your saved templates by name; `base_name` in Simplified Chinese when
    `Accept-Language` prefers `zh`."""
    from studio.services.wording import wants_chinese

    return my_templates.list_saved(scope, "zh" if wants_chinese(accept_language) else "en")


@router.post("", response_model=SavedTemplatePublic, status_code=201,
             operation_id="save_my_template")
def save_my_template(body: SavedTemplateCreate, scope: ScopeDep,
                     response: Response) -> SavedTemplatePublic:
    """Save a template with your settings under `name`; its `id` is what videos record."""
    saved = my_templates.save_template(scope, body)
    response.headers["Location"] = f"/api/v1/my-templates/{saved.id}"
    return saved


@router.get("/{template_id}", response_model=SavedTemplatePublic,
            operation_id="get_my_template")
def get_my_template(template_id: SavedId, scope: ScopeDep) -> SavedTemplatePublic:
    return my_templates.public(my_templates.get_saved(scope, template_id))


@router.patch("/{template_id}", response_model=SavedTemplatePublic,
              operation_id="update_my_template")
def update_my_template(template_id: SavedId, body: SavedTemplateUpdate,
                       scope: ScopeDep) -> SavedTemplatePublic:
    """Change what you send; the id stays. New settings are a new version."""
    return my_templates.update_template(scope, template_id, body)


@router.delete("/{template_id}", status_code=204, operation_id="delete_my_template")
def delete_my_template(template_id: SavedId, scope: ScopeDep) -> Response:
    """Gone from the lists; its videos keep its id and version, so ROI still counts them."""
    my_templates.delete_template(scope, template_id)
    return Response(status_code=204)
