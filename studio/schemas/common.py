"""Shapes shared by several resources."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class RowRejection(BaseModel):
    """A row of an imported file that could not be used, and why."""

    row_number: int | None = None
    reason: str
    raw: dict[str, Any] = {}
