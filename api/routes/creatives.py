"""The creatives leaderboard: each video (creative) with its poster, spend, revenue, ROAS, ROI
and hook rate, sorted and filtered; and the videos an unlinked ad can be linked to (the link
itself is `POST /ad-imports/links`, the unlinked ads `GET /ad-imports/unlinked`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ScopeDep
from api.pagination import PageDep
from api.query_types import IsoDate
from api.routes.analytics import Currency, Rate, Revenue
from studio.schemas.creatives import (
    CreativeSort,
    CreativesPublic,
    CreativeVideosPublic,
    SortOrder,
)
from studio.services import creatives
from studio.services.analytics import RoiQuery

router = APIRouter(prefix="/analytics/roi/creatives", tags=["analytics"])

Template = Annotated[str | None, Query(max_length=100, description="Only this template's "
                                       "videos (its id).")]
ProductId = Annotated[int | None, Query(ge=1, le=2**63 - 1, description="Only this "
                                        "product's videos (its id).")]
Platform = Annotated[str | None, Query(min_length=1, max_length=32, description="Only results "
                                       "on this platform (meta, tiktok…).")]


def _formulas_text() -> str:
    from studio.roi import FORMULAS

    lines = "\n".join(f"- {FORMULAS[k]}" for k in creatives.SHOWN_FORMULAS)
    return (
        "Every video with linked ad results, one row per video (and currency): its poster and "
        "MP4, spend, revenue, ROAS, ROI and hook rate. These are the ROI report's per-group "
        "figures with one group per video; `roi` is empty when the product's cost is not in "
        "the catalog (`roi_missing` says why). Rows without the sorted figure come last. "
        "`facets` lists the templates, products and platforms to filter by. Computed as:\n\n"
        + lines
    )


@router.get("", response_model=CreativesPublic, description=_formulas_text(),
            operation_id="list_roi_creatives")
def list_roi_creatives(
    scope: ScopeDep,
    page: PageDep,
    sort: CreativeSort = "roi",
    order: SortOrder = "desc",
    template: Template = None,
    product: ProductId = None,
    platform: Platform = None,
    since: IsoDate | None = None,
    until: IsoDate | None = None,
    revenue: Revenue = "ads",
    currency: Currency = None,
    rate: Rate = None,
) -> CreativesPublic:
    """The creatives leaderboard."""
    roi = RoiQuery(since=since, until=until, revenue=revenue, currency=currency,
                   rates=tuple(rate or ()))
    return creatives.creatives(scope, creatives.CreativesQuery(
        roi=roi, sort=sort, order=order, template=template, product=product,
        platform=platform, limit=page.limit, offset=page.offset))


@router.get("/choices", response_model=CreativeVideosPublic,
            operation_id="list_videos_to_link")
def list_videos_to_link(
    scope: ScopeDep,
    page: PageDep,
    template: Template = None,
    product: ProductId = None,
    q: Annotated[str | None, Query(max_length=200, description="Words of the product's "
                                   "title, or a creative code.")] = None,
) -> CreativeVideosPublic:
    """Finished videos with their posters, newest first, to pick the one an unlinked ad
    shows; `q` matches the product's title or the creative code. Link with
    `POST /ad-imports/links` (`video` = the chosen `creative_code`)."""
    return creatives.link_choices(scope, template=template, product=product, search=q,
                                  limit=page.limit, offset=page.offset)
