"""Publish videos as ads: ask for it (a video or a whole batch, into one ad set / ad group of
a connected account), and see each video's ads with their status.

Asking writes one ``published_ads`` row per (video, account, ad set) and a ``publish`` job
for the workers (sent when the caller commits; the API answers 202). Asking again for the
same video and ad set answers the same row — one ad, however often the button is pressed —
and only a failed one is tried again. A video still rendering is published once it is made.
The worker's side is :mod:`studio.services.publish_runs`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from studio import outbox
from studio.db import Batch, Job, Product, PublishedAd, Scope, Video
from studio.errors import Conflict, InvalidInput, NotFound
from studio.linking import suggested_ad_name
from studio.publishing import landing_url
from studio.schemas.publishing import (
    PublishedAdPublic,
    PublishedAdsPublic,
    PublishRequest,
)
from studio.services.connections import get_connection, require_connected
from studio.services.videos import template_label

PUBLISHED = ("in_review", "paused", "active")
UNUSABLE = ("failed", "cancelled", "archived")
PRODUCT_PAGE_KEYS = ("url", "link", "product_url", "online_store_url")
STEPS = (("ad_id", "ad created"), ("creative_id", "creative created"),
         ("image_ref", "cover uploaded"), ("video_ready", "video processed"),
         ("upload_finished", "video uploaded"), ("upload_session_id", "uploading the video"))


def published_public(row: PublishedAd) -> PublishedAdPublic:
    progress = row.progress or {}
    step = None
    if row.status in ("queued", "publishing"):
        step = next((label for key, label in STEPS if progress.get(key)), None)
        if row.status == "queued" and step is None and progress.get("waiting"):
            step = str(progress["waiting"])
    return PublishedAdPublic(
        id=row.id, video_id=row.video_id, account=row.ad_account_id, platform=row.platform,
        ad_set_id=row.ad_set_id, ad_set_name=row.ad_set_name, status=row.status,
        published=row.status in PUBLISHED, reason=row.reason, step=step,
        start_paused=row.start_paused, requested_by=row.requested_by, ad_name=row.ad_name,
        ad_id=row.ad_id if row.status in PUBLISHED else None,
        creative_id=row.creative_id, landing_url=row.landing_url,
        published_at=row.published_at, status_checked_at=row.status_checked_at,
        created_at=row.created_at, updated_at=row.updated_at)


def ad_text(video: Video, product: Product | None) -> str:
    """The ad's text: the video's AI copy when it has some, else the template's words."""
    options = video.options or {}
    for key in ("ad_text", "hook", "caption"):
        if isinstance(options.get(key), str) and options[key].strip():
            return str(options[key]).strip()
    fields = options.get("fields") if isinstance(options.get("fields"), dict) else {}
    cta = str((fields or {}).get("cta") or "Shop now")
    if product is None:
        return cta
    headline = str((fields or {}).get("headline") or product.title)
    return f"{headline} — {product.price.normalize():f} {product.currency}. {cta}"


def _landing(video: Video, product: Product | None, given: str | None,
             account_page: str | None, platform: str) -> str:
    attributes = (product.attributes or {}) if product is not None else {}
    page = given or next((str(attributes[k]) for k in PRODUCT_PAGE_KEYS
                          if isinstance(attributes.get(k), str)
                          and str(attributes[k]).startswith(("http://", "https://"))),
                         None) or account_page
    if not page:
        raise InvalidInput("publish.no_landing_url", field="landing_url", platform=platform)
    return landing_url(page, video.creative_code)


def ask_to_publish(scope: Scope, video_ids: Sequence[int], body: PublishRequest, *,
                   requested_by: str = "seller") -> list[PublishedAd]:
    """One ad per video in ``body.ad_set_id`` (existing rows answered as they are)."""
    account = get_connection(scope, body.account)
    require_connected(account)
    rows: list[PublishedAd] = []
    jobs: list[Job] = []
    videos = []
    for video_id in dict.fromkeys(video_ids):  # every check before anything is written
        video = scope.get(Video, video_id)
        if video is None:
            raise NotFound("video", video_id)
        if video.status in UNUSABLE:
            raise Conflict("publish.video_unusable", id=video.id, status=video.status)
        product = scope.get(Product, video.product_id) if video.product_id else None
        page = _landing(video, product, body.landing_url, account.landing_url,
                        account.platform)
        videos.append((video, product, page))
    for video, product, page in videos:
        row = scope.first(PublishedAd, PublishedAd.video_id == video.id,
                          PublishedAd.ad_account_id == account.id,
                          PublishedAd.ad_set_id == body.ad_set_id)
        if row is not None and row.status != "failed":
            rows.append(row)  # asked before: the same ad
            continue
        title = product.title if product is not None else f"video {video.id}"
        if row is None:
            row = scope.add(PublishedAd(video_id=video.id, ad_account_id=account.id,
                                        platform=account.platform, ad_set_id=body.ad_set_id,
                                        progress={}))
        row.ad_set_name = body.ad_set_name or row.ad_set_name or ""
        row.status, row.reason, row.requested_by = "queued", None, requested_by
        row.start_paused = body.start_paused
        row.ad_name = suggested_ad_name(title, template_label(video), video.creative_code)
        row.primary_text = body.primary_text or ad_text(video, product)
        row.call_to_action = body.call_to_action
        row.landing_url = page
        scope.session.flush()
        job = scope.add(Job(kind="publish", video_id=video.id, max_attempts=5,
                            payload={"published_ad": row.id}))
        scope.session.flush()
        row.job_id = job.id
        rows.append(row)
        jobs.append(job)
    scope.session.flush()
    if jobs:
        outbox.add_jobs(scope.session, [j.id for j in jobs])
    return rows


def publish_video(scope: Scope, video_id: int, body: PublishRequest) -> PublishedAdPublic:
    return published_public(ask_to_publish(scope, [video_id], body)[0])


def publish_videos(scope: Scope, refs: Sequence[str], body: PublishRequest
                   ) -> PublishedAdsPublic:
    """Videos named by id or creative code (the terminal's way), one ad each."""
    ids = []
    for ref in refs:
        text = ref.strip()
        found = scope.get(Video, int(text)) if text.isdigit() else scope.first(
            Video, Video.creative_code == text.upper())
        if found is None:
            raise NotFound("video", text)
        ids.append(found.id)
    rows = ask_to_publish(scope, ids, body)
    return PublishedAdsPublic(data=[published_public(r) for r in rows], count=len(rows))


def publish_batch(scope: Scope, batch_id: int, body: PublishRequest) -> PublishedAdsPublic:
    """Every video of the batch that is made or being made (failed and cancelled ones are
    left out)."""
    if scope.get(Batch, batch_id) is None:
        raise NotFound("batch", batch_id)
    ids = list(scope.scalars(scope.select(Video.id).where(
        Video.batch_id == batch_id, Video.status.not_in(UNUSABLE)).order_by(Video.id)))
    if not ids:
        raise Conflict("publish.batch_empty", id=batch_id)
    rows = ask_to_publish(scope, ids, body)
    return PublishedAdsPublic(data=[published_public(r) for r in rows], count=len(rows))


def get_published(scope: Scope, published_id: int) -> PublishedAd:
    found = scope.get(PublishedAd, published_id)
    if found is None:
        raise NotFound("published_ad", published_id)
    return found


def ads_of_video(scope: Scope, video_id: int) -> PublishedAdsPublic:
    """The video's ads on every platform, with their status and the platform's reason."""
    if scope.get(Video, video_id) is None:
        raise NotFound("video", video_id)
    rows = scope.list(PublishedAd, PublishedAd.video_id == video_id, order_by=PublishedAd.id)
    return PublishedAdsPublic(data=[published_public(r) for r in rows], count=len(rows))


def list_published(scope: Scope, *, status: str | None = None, account: int | None = None,
                   batch_id: int | None = None, ids: Sequence[int] | None = None,
                   limit: int = 50, offset: int = 0) -> PublishedAdsPublic:
    filters: list[Any] = []
    if ids is not None:
        filters.append(PublishedAd.id.in_(list(ids)))
    if status:
        filters.append(PublishedAd.status == status)
    if account:
        filters.append(PublishedAd.ad_account_id == account)
    if batch_id:
        filters.append(PublishedAd.video_id.in_(
            select(Video.id).where(Video.batch_id == batch_id)))
    rows = scope.list(PublishedAd, *filters, order_by=PublishedAd.id.desc(), limit=limit,
                      offset=offset)
    return PublishedAdsPublic(data=[published_public(r) for r in rows],
                              count=scope.count(PublishedAd, *filters))
