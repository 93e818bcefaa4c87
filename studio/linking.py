"""Link ad rows to the videos they show, by creative code.

Each video has a short creative code (``K7M2Q9XA``) carried in its file name, MP4 metadata,
suggested ad name and ``utm_content``. An ad row is matched, in this order, by:

1. an explicit mapping set by the seller (``studio link AD_ID VIDEO``),
2. the code inside the ad name — ads get copied and renamed ("… - Copy", "Copy of …",
   "v2"), so we look for the code anywhere in the name, never compare whole names,
3. the code inside ``utm_content`` (Meta ``{{ad.name}}`` / TikTok ``__CID_NAME__`` macros
   put the ad name there; ``{{ad.id}}`` puts the ad id, which 1. covers).

Two different codes in one name is ambiguous: the row stays unmatched and is listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, and_, func, select, update
from sqlalchemy.orm import Session

from studio.db import AdLink, AdStat, Order, Video
from studio.roi import rollup

_TOKEN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Match:
    video_id: int | None
    method: str | None  # ad_link | creative_code | utm_content
    note: str = ""


def suggested_ad_name(product_title: str, template: str, creative_code: str) -> str:
    """The ad name we suggest: readable, and ending with the code the import looks for.
    ``template``: its id, or a saved template's name (a ``|`` in it becomes ``/``, so the
    name keeps its three parts)."""
    template = " ".join(template.replace("|", "/").split())[:60]
    return f"{product_title[:60]} | {template} | {creative_code}"


def codes_in(text: str | None, codes: Mapping[str, int], length: int | None = None) -> set[str]:
    """Known creative codes found in ``text`` (whole tokens first, then inside longer tokens)."""
    if not text:
        return set()
    tokens = [t.upper() for t in _TOKEN.findall(text)]
    found = {t for t in tokens if t in codes}
    if found:
        return found
    sizes = {length} if length else {len(c) for c in codes}
    joined = "".join(tokens)
    for size in sizes:
        for start in range(0, max(len(joined) - size + 1, 0)):
            window = joined[start : start + size]
            if window in codes:
                found.add(window)
    return found


class CodeMatcher:
    def __init__(
        self, codes: Mapping[str, int], ad_links: Mapping[tuple[str, str], int] | None = None
    ) -> None:
        self.codes = {c.upper(): v for c, v in codes.items()}
        self.ad_links = dict(ad_links or {})
        self._length = (
            len(next(iter(self.codes))) if len({len(c) for c in self.codes}) == 1 else None
        )

    def match(
        self, platform: str, ad_id: str | None, ad_name: str | None, utm_content: str | None
    ) -> Match:
        if ad_id and (platform, ad_id) in self.ad_links:
            return Match(self.ad_links[(platform, ad_id)], "ad_link")
        for method, text in (("creative_code", ad_name), ("utm_content", utm_content)):
            found = codes_in(text, self.codes, self._length)
            videos = {self.codes[c] for c in found}
            if len(videos) == 1:
                return Match(videos.pop(), method)
            if len(videos) > 1:
                return Match(None, None, f"{method}: several creative codes {sorted(found)}")
        return Match(None, None, "no creative code in the ad name or utm_content")


# --- database ------------------------------------------------------------------------------


def matcher_for(session: Session, workspace_id: int) -> CodeMatcher:
    codes = dict(
        session.execute(
            select(Video.creative_code, Video.id).where(Video.workspace_id == workspace_id)
        ).all()
    )
    links = {
        (p, a): v
        for p, a, v in session.execute(
            select(AdLink.platform, AdLink.ad_id, AdLink.video_id).where(
                AdLink.workspace_id == workspace_id
            )
        )
    }
    return CodeMatcher(codes, links)


def relink(session: Session, workspace_id: int, *, only_unmatched: bool = False) -> dict[str, int]:
    """Re-match every ad row (or only unmatched ones) of a workspace; returns counts by method.

    Works per distinct ad (platform, ad key, utm_content), not per row: a million daily rows
    are a few thousand ads.
    """
    matcher = matcher_for(session, workspace_id)
    where = [AdStat.workspace_id == workspace_id]
    if only_unmatched:
        where.append(AdStat.video_id.is_(None))
    ads = session.execute(
        select(
            AdStat.platform,
            AdStat.ad_key,
            AdStat.ad_id,
            AdStat.ad_name,
            AdStat.utm_content,
            AdStat.video_id,
            AdStat.match_method,
        )
        .where(*where)
        .group_by(
            AdStat.platform,
            AdStat.ad_key,
            AdStat.ad_id,
            AdStat.ad_name,
            AdStat.utm_content,
            AdStat.video_id,
            AdStat.match_method,
        )
    ).all()
    counts = {"ad_link": 0, "creative_code": 0, "utm_content": 0, "unmatched": 0}
    for platform, key, ad_id, ad_name, utm, current, method in ads:
        found = matcher.match(platform, ad_id, ad_name, utm)
        counts[found.method or "unmatched"] += 1
        if (found.video_id, found.method) == (current, method):
            continue
        utm_clause = AdStat.utm_content.is_(None) if utm is None else AdStat.utm_content == utm
        session.execute(
            update(AdStat)
            .where(
                AdStat.workspace_id == workspace_id,
                AdStat.platform == platform,
                AdStat.ad_key == key,
                utm_clause,
            )
            .values(video_id=found.video_id, match_method=found.method)
            .execution_options(synchronize_session=False)
        )
    _link_orders(session, workspace_id, matcher)
    rollup.rebuild(session, workspace_id)
    return counts


def _link_orders(session: Session, workspace_id: int, matcher: CodeMatcher) -> None:
    rows = session.execute(
        select(Order.utm_content)
        .where(Order.workspace_id == workspace_id, Order.utm_content.is_not(None))
        .group_by(Order.utm_content)
    ).scalars()
    for utm in rows:
        found = matcher.match("", None, None, utm)
        session.execute(
            update(Order)
            .where(and_(Order.workspace_id == workspace_id, Order.utm_content == utm))
            .values(video_id=found.video_id)
            .execution_options(synchronize_session=False)
        )


def find_video(session: Session, workspace_id: int, ref: str) -> Video:
    """A video by id or creative code, in this workspace; LookupError says what was tried."""
    query = select(Video).where(Video.workspace_id == workspace_id)
    video = None
    if ref.isdigit():
        video = session.scalar(query.where(Video.id == int(ref)))
    if video is None:
        video = session.scalar(query.where(func.upper(Video.creative_code) == ref.upper()))
    if video is None:
        raise LookupError(f"no video with id or creative code {ref!r} in this workspace")
    return video


def link_ad(
    session: Session, workspace_id: int, platform: str, ad_id: str, video_ref: str
) -> tuple[Video, int]:
    """Map an ad to a video explicitly and re-link its rows; returns the video and rows moved."""
    from studio.db.upsert import upsert

    video = find_video(session, workspace_id, video_ref)
    upsert(
        session,
        AdLink,
        [
            {
                "workspace_id": workspace_id,
                "platform": platform,
                "ad_id": ad_id,
                "video_id": video.id,
            }
        ],
        key=["workspace_id", "platform", "ad_id"],
    )
    moved = cast(
        CursorResult[Any],
        session.execute(
            update(AdStat)
            .where(
                AdStat.workspace_id == workspace_id,
                AdStat.platform == platform,
                AdStat.ad_id == ad_id,
            )
            .values(video_id=video.id, match_method="ad_link")
            .execution_options(synchronize_session=False)
        ),
    ).rowcount
    rollup.rebuild(session, workspace_id)
    return video, int(moved or 0)


def unmatched_ads(session: Session, workspace_id: int, limit: int = 50) -> Iterable[tuple]:
    """Ads whose rows are not linked to any video: platform, ad id, ad name, rows, spend."""
    return session.execute(
        select(
            AdStat.platform,
            AdStat.ad_id,
            AdStat.ad_name,
            AdStat.currency,
            func.count(),
            func.sum(AdStat.spend),
        )
        .where(AdStat.workspace_id == workspace_id, AdStat.video_id.is_(None))
        .group_by(AdStat.platform, AdStat.ad_id, AdStat.ad_name, AdStat.currency)
        .order_by(func.sum(AdStat.spend).desc())
        .limit(limit)
    ).all()
