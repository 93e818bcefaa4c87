"""Usage: what making the videos cost, per kind."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel


class UsageLinePublic(BaseModel):
    kind: str
    unit: str
    currency: str
    quantity: Decimal
    cost: Decimal
    records: int


class UsagePublic(BaseModel):
    data: list[UsageLinePublic]
    count: int
    since: datetime | None
    until: datetime | None
