"""Installed plugins: what each provides, its status, and why a failed one failed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import CurrentWorkspace
from studio.plugins import get_host

router = APIRouter(prefix="/plugins", tags=["plugins"])


class PluginPublic(BaseModel):
    name: str
    version: str
    kind: str
    source: str
    status: str
    error: str | None = None
    hooks: list[str]
    provides: list[dict[str, Any]]
    warnings: list[str]


class PluginsPublic(BaseModel):
    data: list[PluginPublic]
    count: int


@router.get("", response_model=PluginsPublic)
def list_plugins(caller: CurrentWorkspace) -> PluginsPublic:
    """Every plugin the studio found, loaded or not (the same rows as `studio plugins --all`)."""
    host = get_host()
    rows = [PluginPublic(**host.describe(record)) for record in host.records.values()]
    return PluginsPublic(data=rows, count=len(rows))
