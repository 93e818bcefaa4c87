"""Linking ads to videos by hand, when an ad's name carries no creative code, and the ads
that are not linked yet."""

from __future__ import annotations

from pydantic import BaseModel, Field

from studio.db import Scope
from studio.errors import NotFound


class AdLinkPublic(BaseModel):
    platform: str
    ad_id: str
    video_id: int
    creative_code: str
    rows_linked: int = Field(description="Ad rows moved to the video (ROI updates with them).")


class UnlinkedAdPublic(BaseModel):
    platform: str
    ad_id: str | None
    ad_name: str | None
    currency: str
    days: int
    spend: str


class UnlinkedAdsPublic(BaseModel):
    data: list[UnlinkedAdPublic]
    count: int


def link_ad(scope: Scope, *, platform: str, ad_id: str, video: str) -> AdLinkPublic:
    """Link an ad to a video (its id or creative code); its past and future rows count for
    that video's template."""
    from studio.linking import link_ad as link

    try:
        found, moved = link(scope.session, scope.workspace_id, platform, ad_id, video)
    except LookupError as exc:
        raise NotFound("video", video, code="ads.link_unknown", field="video",
                       detail=str(exc).strip("'\"")) from None
    return AdLinkPublic(platform=platform, ad_id=ad_id, video_id=found.id,
                        creative_code=found.creative_code, rows_linked=moved)


def unlinked_ads(scope: Scope, *, limit: int = 50) -> UnlinkedAdsPublic:
    """Ads whose rows no video claims, largest spend first."""
    from studio.linking import unmatched_ads

    rows = [UnlinkedAdPublic(platform=p, ad_id=a, ad_name=n, currency=c, days=int(d),
                             spend=f"{s:.2f}")
            for p, a, n, c, d, s in unmatched_ads(scope.session, scope.workspace_id, limit)]
    return UnlinkedAdsPublic(data=rows, count=len(rows))


def relink(scope: Scope) -> dict[str, int]:
    """Match every ad row again (after videos or links changed): how many by each method."""
    from studio.linking import relink as again

    return again(scope.session, scope.workspace_id)
