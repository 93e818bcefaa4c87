"""Usage: what the workspace's videos cost to make (render time, AI seconds), per kind."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ScopeDep
from api.query_types import IsoDateTime
from studio.schemas.usage import UsagePublic
from studio.services import usage

router = APIRouter(prefix="/usage", tags=["usage"])


@router.get("", response_model=UsagePublic, operation_id="get_usage")
def get_usage(
    scope: ScopeDep,
    since: IsoDateTime | None = None,
    until: IsoDateTime | None = None,
    video_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
) -> UsagePublic:
    """Totals per kind and currency (currencies are never added together)."""
    return usage.usage(scope, since=since, until=until, video_id=video_id)
