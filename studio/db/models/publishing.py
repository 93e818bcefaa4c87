"""Closing the loop: a workspace's ad accounts, the ads the studio published, the autopilot.

Tokens are stored encrypted (``studio.token_vault``) and never leave the studio. A published
ad is one video in one ad set / ad group: its row keeps the platform's ids as they come
(upload session, video, cover image, creative, ad), so a worker killed half-way resumes
where the last one stopped and the same video never becomes two ads in one ad set.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studio.db.base import Base, IdMixin, TimestampMixin, WorkspaceOwned, ref
from studio.db.models.production import Video


class AdAccount(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """A connected Meta ad account or TikTok advertiser of one workspace."""

    __tablename__ = "ad_accounts"
    __table_args__ = (UniqueConstraint("workspace_id", "platform", "account_id"),)

    platform: Mapped[str] = mapped_column(String(16))  # meta | tiktok | a plugin's name
    account_id: Mapped[str] = mapped_column(String(100))  # act_… / advertiser id
    name: Mapped[str] = mapped_column(String(200), default="")
    currency: Mapped[str | None] = mapped_column(String(3))
    # Meta: page_id, instagram_user_id; TikTok: identity_id, identity_type
    identity: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # the shop's page ads link to when a product has no address of its own
    landing_url: Mapped[str | None] = mapped_column(String(2000))
    token_ciphertext: Mapped[str] = mapped_column(Text)
    token_hint: Mapped[str] = mapped_column(String(8), default="")  # its last 4 characters
    # connected | needs_reconnecting
    status: Mapped[str] = mapped_column(String(32), default="connected")
    status_reason: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[dt.datetime | None]
    # results are read up to this day; the next pull starts an attribution window before it
    synced_through: Mapped[dt.date | None] = mapped_column(Date)
    synced_at: Mapped[dt.datetime | None]
    sync_error: Mapped[str | None] = mapped_column(Text)


class PublishedAd(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """One video published (or being published) as an ad into one ad set / ad group."""

    __tablename__ = "published_ads"
    __table_args__ = (
        UniqueConstraint("workspace_id", "video_id", "ad_account_id", "ad_set_id"),
    )

    video_id: Mapped[int] = ref("videos.id")
    ad_account_id: Mapped[int] = ref("ad_accounts.id")
    platform: Mapped[str] = mapped_column(String(16))
    ad_set_id: Mapped[str] = mapped_column(String(100))
    ad_set_name: Mapped[str] = mapped_column(String(500), default="")
    # queued | publishing | in_review | paused | active | rejected | failed
    status: Mapped[str] = mapped_column(String(32), default="queued", index=True)
    reason: Mapped[str | None] = mapped_column(Text)  # the platform's words, or what to do
    start_paused: Mapped[bool] = mapped_column(default=True)
    # seller | autopilot
    requested_by: Mapped[str] = mapped_column(String(16), default="seller")
    ad_name: Mapped[str] = mapped_column(String(500), default="")
    primary_text: Mapped[str] = mapped_column(Text, default="")
    call_to_action: Mapped[str] = mapped_column(String(32), default="SHOP_NOW")
    landing_url: Mapped[str] = mapped_column(String(2000), default="")
    # the platform's ids, stored as each step finishes (a restarted worker resumes from them)
    upload_session_id: Mapped[str | None] = mapped_column(String(200))
    platform_video_id: Mapped[str | None] = mapped_column(String(100))
    image_ref: Mapped[str | None] = mapped_column(String(200))  # Meta image hash, TikTok id
    creative_id: Mapped[str | None] = mapped_column(String(100))
    ad_id: Mapped[str | None] = mapped_column(String(100), index=True)
    progress: Mapped[dict[str, Any]] = mapped_column(default=dict)  # offsets, attempts
    job_id: Mapped[int | None] = ref("jobs.id", ondelete="SET NULL", nullable=True)
    published_at: Mapped[dt.datetime | None]
    status_checked_at: Mapped[dt.datetime | None]

    video: Mapped[Video] = relationship()
    account: Mapped[AdAccount] = relationship()


class AutopilotSettings(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """A workspace's autopilot: off until the seller turns it on; pausing stops it at once.

    What it did is the event log (``autopilot.*`` events, each with its reason)."""

    __tablename__ = "autopilot_settings"
    __table_args__ = (UniqueConstraint("workspace_id"),)

    enabled: Mapped[bool] = mapped_column(default=False)
    paused_at: Mapped[dt.datetime | None]
    pause_reason: Mapped[str | None] = mapped_column(String(500))
    max_videos_per_day: Mapped[int] = mapped_column(Integer, default=10)
    max_ai_spend_per_day: Mapped[Decimal] = mapped_column(default=Decimal(0))
    spend_currency: Mapped[str] = mapped_column(String(3), default="USD")
    # templates tried in turn while no template has results yet
    templates: Mapped[list[Any]] = mapped_column(default=list)
    formats: Mapped[list[Any]] = mapped_column(default=list)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)  # each video's options
    # [{"account": <ad_accounts.id>, "ad_set_id": …, "ad_set_name": …}]: published paused
    publish_to: Mapped[list[Any]] = mapped_column(default=list)
    digest_to: Mapped[str | None] = mapped_column(String(320))
    last_digest_on: Mapped[dt.date | None] = mapped_column(Date)
    # what the last digest reported (ROI per template), so the next one says how it moved
    digest_state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # a store pulled on a schedule (new products arrive by themselves): {"source": "shopify",
    # "shop_url", "currency"}; its token encrypted like an ad account's
    store: Mapped[dict[str, Any]] = mapped_column(default=dict)
    store_token_ciphertext: Mapped[str | None] = mapped_column(Text)
    store_synced_at: Mapped[dt.datetime | None]
    store_error: Mapped[str | None] = mapped_column(Text)
