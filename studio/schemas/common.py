"""Shapes shared by several resources."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class RejectedRowPublic(BaseModel):
    row_number: int | None = None
    reason: str
    raw: dict[str, Any] = {}
