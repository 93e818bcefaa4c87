"""Analytics: ROI per template / version / category / platform / product over a date range,
and which templates to render next. Every figure comes with its formula."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api.deps import ScopeDep
from api.errors import Problem
from api.schemas.ads import RecommendationPublic, RecommendationsPublic, RoiReportPublic
from api.services import service

router = APIRouter(prefix="/analytics", tags=["analytics"])

REPORTERS = (("studio.roi.store", "workspace_report"), ("studio.roi.store", "report"),
             ("studio.roi", "workspace_report"))
GroupBy = Literal["template", "version", "product", "category", "platform"]


def _report(scope: ScopeDep, by: str, since: dt.date | None, until: dt.date | None,
            category: str | None, platform: str | None) -> Any:
    if since and until and since > until:
        raise Problem(422, "since is after until; swap them", field="query.since")
    build = service(*REPORTERS)
    try:
        return build(scope.session, scope.workspace_id, by=by, since=since, until=until,
                     category=category, platform=platform)
    except ValueError as exc:
        raise Problem(422, str(exc), field="query") from None


@router.get("/roi", response_model=RoiReportPublic)
def roi(
    scope: ScopeDep,
    by: GroupBy = "template",
    since: dt.date | None = None,
    until: dt.date | None = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    platform: Annotated[str | None, Query(max_length=32)] = None,
) -> RoiReportPublic:
    """ROI per group with totals, ratios, a 90% interval, P(best) and "not enough data"."""
    report = _report(scope, by, since, until, category, platform)
    return RoiReportPublic.model_validate(asdict(report))


@router.get("/recommendation", response_model=RecommendationsPublic)
def recommendation(
    scope: ScopeDep,
    slots: Annotated[int, Query(ge=1, le=1000, description="How many videos to plan.")] = 10,
    since: dt.date | None = None,
    until: dt.date | None = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    platform: Annotated[str | None, Query(max_length=32)] = None,
) -> RecommendationsPublic:
    """Which templates to render next (Thompson sampling over ROI), in plain words."""
    from studio.roi import FORMULAS, recommend

    report = _report(scope, "template", since, until, category, platform)
    data = [RecommendationPublic.model_validate(asdict(r))
            for r in recommend(report, slots=slots, category=category)]
    return RecommendationsPublic(data=data, count=len(data), formulas=dict(FORMULAS))
