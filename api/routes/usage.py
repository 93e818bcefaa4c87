"""Usage: what the workspace's videos cost to make (render time, AI seconds), per kind."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import ScopeDep
from api.errors import Problem

router = APIRouter(prefix="/usage", tags=["usage"])


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


@router.get("", response_model=UsagePublic)
def get_usage(
    scope: ScopeDep,
    since: datetime | None = None,
    until: datetime | None = None,
    video_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
) -> UsagePublic:
    """Totals per kind and currency (currencies are never added together)."""
    from studio.usage import usage_summary

    for value, name in ((since, "since"), (until, "until")):
        if value is not None and value.tzinfo is None:
            raise Problem(422, f"{name} needs a time zone, e.g. 2026-11-01T00:00:00Z",
                          field=f"query.{name}")
    lines = usage_summary(scope.session, scope.workspace_id, since=since, until=until,
                          video_id=video_id)
    data = [UsageLinePublic(**vars(line)) for line in lines]
    return UsagePublic(data=data, count=len(data), since=since, until=until)
