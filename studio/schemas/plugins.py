"""Installed plugins: what each provides, and why one failed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


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
