"""The creatives leaderboard: every video with ad results, with its poster, spend, revenue,
ROAS, ROI and hook rate — the ROI report's own per-group figures, grouped per video — sorted
and filtered by template, product and platform; and the finished videos an unlinked ad can be
linked to, for picking one by its poster."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select

from studio.db import AdStatTotal, Product, Scope, Video
from studio.db.bulk import in_chunks
from studio.errors import InvalidInput
from studio.schemas.creatives import (
    CreativeFacets,
    CreativePublic,
    CreativesPublic,
    CreativeVideo,
    CreativeVideosPublic,
    ProductChoice,
)
from studio.services.analytics import RoiQuery, checked_rates

SORTS = ("roi", "roas", "spend", "revenue", "hook_rate")
ORDERS = ("desc", "asc")
MAX_LIMIT = 500
# the figures a leaderboard row shows, as the ROI report states them
SHOWN_FORMULAS = ("roas", "roi", "profit", "production_cost", "gross_margin", "hook_rate")


@dataclass(frozen=True)
class CreativesQuery:
    """The ROI report's range, revenue source and currency (``roi``; its ``by`` and
    ``category`` are not used), then the leaderboard's sort, filters and page."""

    roi: RoiQuery = field(default_factory=RoiQuery)
    sort: str = "roi"
    order: str = "desc"
    template: str | None = None
    product: int | None = None
    platform: str | None = None
    limit: int = 50
    offset: int = 0


def _check(query: CreativesQuery) -> None:
    if query.sort not in SORTS:
        raise InvalidInput("creatives.bad_sort", field="sort", sort=query.sort,
                           allowed=", ".join(SORTS))
    if query.order not in ORDERS:
        raise InvalidInput("creatives.bad_order", field="order", order=query.order)
    if not 1 <= query.limit <= MAX_LIMIT or query.offset < 0:
        raise InvalidInput("creatives.bad_page", field="limit", max=MAX_LIMIT)


def _video_query(scope: Scope) -> Any:
    return (select(Video.id, Video.creative_code, Video.product_id, Product.title,
                   Video.template_id, Video.generator, Video.format, Video.poster_key,
                   Video.storage_key, Video.status)
            .outerjoin(Product, Product.id == Video.product_id)
            .where(Video.workspace_id == scope.workspace_id))


def _video(row: Any) -> CreativeVideo:
    vid, code, product_id, title, template, generator, fmt, poster, stored, status = row
    generator = generator or "template"
    return CreativeVideo(
        video_id=vid, creative_code=code, product_id=product_id, product_title=title,
        # another generator's video used no template, as the ROI report counts it
        template_id=template if generator == "template" else None, generator=generator,
        format=fmt, poster_url=f"/api/v1/videos/{vid}/poster" if poster else None,
        video_url=f"/api/v1/videos/{vid}/download"
        if stored and status == "succeeded" else None)


def _videos(scope: Scope, ids: Iterable[int]) -> dict[int, CreativeVideo]:
    found: dict[int, CreativeVideo] = {}
    for chunk in in_chunks(sorted(ids)):
        rows = scope.session.execute(_video_query(scope).where(Video.id.in_(chunk)))
        found.update((row[0], _video(row)) for row in rows)
    return found


def _platforms(scope: Scope) -> list[str]:
    """Platforms with results linked to a video (from the per-video totals: a small table)."""
    rows = scope.session.scalars(
        select(AdStatTotal.platform).where(AdStatTotal.workspace_id == scope.workspace_id,
                                           AdStatTotal.video_id.is_not(None)).distinct())
    return sorted(set(rows))


def _row(group: Any, video: CreativeVideo) -> CreativePublic:
    missing = None
    if group.production_cost_other:
        missing = "exchange_rate"
    elif group.gross_profit is None:
        missing = "product_cost"
    figures = {name: getattr(group, name) for name in CreativePublic.model_fields
               if name not in CreativeVideo.model_fields and name not in ("roi_missing",
                                                                          "notices")}
    # one video never reaches the report's "enough data" (three videos): saying so is noise
    notices = [asdict(n) for n in group.notices if n.code != "not_enough_data"]
    return CreativePublic(**video.model_dump(), **figures, roi_missing=missing, notices=notices)


def _sorted(rows: list[CreativePublic], sort: str, order: str) -> list[CreativePublic]:
    """Best first (or last with ``asc``); a row without the figure (no spend, no cost) always
    comes after the rows that have it."""
    sign = -1 if order == "desc" else 1

    def key(row: CreativePublic) -> tuple[bool, Decimal, str, int]:
        value: Decimal | None = getattr(row, sort)
        return (value is None, sign * (value or Decimal(0)), row.currency, row.video_id)

    return sorted(rows, key=key)


def _facets(scope: Scope, rows: list[CreativePublic]) -> CreativeFacets:
    products = {r.product_id: r.product_title or "" for r in rows if r.product_id is not None}
    return CreativeFacets(
        templates=sorted({r.template_id for r in rows if r.template_id}),
        products=[ProductChoice(id=i, title=t)
                  for i, t in sorted(products.items(), key=lambda p: (p[1].lower(), p[0]))],
        platforms=_platforms(scope))


def creatives(scope: Scope, query: CreativesQuery) -> CreativesPublic:
    """Each video's spend, revenue, ROAS, ROI and hook rate, in one row per video and
    currency — the ROI report's per-group figures with one group per video — sorted by
    ``sort`` (ROI, ROAS, spend, revenue or hook rate) and filtered by template, product and
    platform. A platform filter keeps each video's share of its production cost on that
    platform (by spend, as ROI by platform does)."""
    from studio.roi import FORMULAS
    from studio.roi.query import roi_from_db

    _check(query)
    rates = checked_rates(query.roi)
    report = roi_from_db(scope.session, scope.workspace_id, by="video", since=query.roi.since,
                         until=query.roi.until, rates=rates, revenue_source=query.roi.revenue,
                         platform=query.platform)
    videos = _videos(scope, {int(g.key) for g in report.groups})
    everyone = [_row(g, videos[int(g.key)]) for g in report.groups if int(g.key) in videos]
    chosen = [r for r in everyone
              if (query.template is None or r.template_id == query.template)
              and (query.product is None or r.product_id == query.product)]
    ranked = _sorted(chosen, query.sort, query.order)
    return CreativesPublic(
        since=query.roi.since, until=query.roi.until, sort=query.sort,  # type: ignore[arg-type]
        order=query.order,  # type: ignore[arg-type]
        data=ranked[query.offset:query.offset + query.limit], count=len(ranked),
        facets=_facets(scope, everyone), unlinked_rows=report.unlinked_rows,
        unlinked_spend=report.unlinked_spend,
        formulas={k: FORMULAS[k] for k in SHOWN_FORMULAS})


def link_choices(scope: Scope, *, template: str | None = None, product: int | None = None,
                 search: str | None = None, limit: int = 60,
                 offset: int = 0) -> CreativeVideosPublic:
    """Finished videos with a poster, newest first: what a seller picks from to link an ad.
    ``search`` matches the product's title or the creative code."""
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise InvalidInput("creatives.bad_page", field="limit", max=MAX_LIMIT)
    query = _video_query(scope).where(Video.status == "succeeded",
                                      Video.poster_key.is_not(None))
    if template:
        query = query.where(Video.template_id == template, Video.generator == "template")
    if product is not None:
        query = query.where(Video.product_id == product)
    if search and search.strip():
        words = search.strip().lower()
        query = query.where(or_(func.lower(Product.title).contains(words, autoescape=True),
                                func.lower(Video.creative_code).contains(words, autoescape=True)))
    total = scope.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = scope.session.execute(
        query.order_by(Video.created_at.desc(), Video.id.desc()).limit(limit).offset(offset))
    return CreativeVideosPublic(data=[_video(row) for row in rows], count=int(total))
