"""Installed plugins: what each provides, its status, and why a failed one failed."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CurrentWorkspace
from studio.schemas.plugins import PluginsPublic
from studio.services import plugins

router = APIRouter(prefix="/plugins", tags=["plugins"])


@router.get("", response_model=PluginsPublic, operation_id="list_plugins")
def list_plugins(caller: CurrentWorkspace) -> PluginsPublic:
    """Every plugin the studio found, loaded or not (the same rows as `studio plugins --all`)."""
    return plugins.list_plugins()
