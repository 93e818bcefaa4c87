"""Where the money comes back: ad imports, daily ad stats, ad→video links and orders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from studio.db.base import Base, BigId, IdMixin, TimestampMixin, WorkspaceOwned, ref


class AdImport(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """One import of ad results (an export file or an API sync) and what became of its rows."""

    __tablename__ = "ad_imports"
    # the target of ad_stats' (ad_import_id, workspace_id) foreign key
    __table_args__ = (UniqueConstraint("id", "workspace_id"),)

    source: Mapped[str] = mapped_column(String(100))  # data-source plugin, e.g. "meta_export"
    platform: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str | None] = mapped_column(String(500))
    file_hash: Mapped[str | None] = mapped_column(String(128), index=True)
    status: Mapped[str] = mapped_column(String(32), default="pending")
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    matched: Mapped[int] = mapped_column(Integer, default=0)
    unmatched: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    finished_at: Mapped[dt.datetime | None]

    rejected_rows: Mapped[list[AdImportRejectedRow]] = relationship(
        back_populates="ad_import", passive_deletes=True, order_by="AdImportRejectedRow.row_number"
    )


class AdImportRejectedRow(IdMixin, WorkspaceOwned, Base):
    """A row the import could not use, kept with the reason so the seller can fix the file."""

    __tablename__ = "ad_import_rejected_rows"

    ad_import_id: Mapped[int] = ref("ad_imports.id")
    row_number: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[dict[str, Any]] = mapped_column(default=dict)

    ad_import: Mapped[AdImport] = relationship(back_populates="rejected_rows")


def ad_key(ad_id: str | None, ad_name: str | None) -> str:
    """The identity of an ad within a platform: its id, or its name when the export has no id."""
    if ad_id:
        return f"id:{ad_id}"
    if ad_name:
        return f"name:{ad_name}"
    raise ValueError("ad stat needs an ad_id or an ad_name; add one of the two columns")


def _ad_key_default(context: Any) -> str:
    params = context.get_current_parameters()
    return ad_key(params.get("ad_id"), params.get("ad_name"))


class AdStat(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """One ad's results for one day. Re-importing the same day replaces the row.

    Every row belongs to the import that last wrote it, through one foreign key on
    ``(ad_import_id, workspace_id)``: the import exists and is the same workspace's, and deleting
    a workspace (or an import) deletes its rows. It stands in for separate keys to the workspace
    and the import: foreign keys are checked row by row, and a million-row import spent a third
    of its database time checking the same workspace and import again (migration 0006).
    """

    __tablename__ = "ad_stats"
    __table_args__ = (
        UniqueConstraint("workspace_id", "platform", "ad_key", "date"),
        # date-range reports ("last 7 days") of one workspace
        Index("ix_ad_stats_workspace_id_date", "workspace_id", "date"),
        ForeignKeyConstraint(
            ["ad_import_id", "workspace_id"],
            ["ad_imports.id", "ad_imports.workspace_id"],
            ondelete="CASCADE",
        ),
    )

    # no index of its own: the unique key and ix_ad_stats_workspace_id_date both start with it;
    # no foreign key of its own: the import's key covers it (see above)
    workspace_id: Mapped[int] = mapped_column(BigId, nullable=False, sort_order=-9)
    platform: Mapped[str] = mapped_column(String(32))  # meta, tiktok, ...
    account_id: Mapped[str | None] = mapped_column(String(100))
    ad_id: Mapped[str | None] = mapped_column(String(100))
    ad_name: Mapped[str | None] = mapped_column(String(1000))
    # "id:<ad_id>" or "name:<ad_name>"; kept in step by the hooks below (and the Core default)
    ad_key: Mapped[str] = mapped_column(String(1100), default=_ad_key_default)
    campaign_name: Mapped[str | None] = mapped_column(String(1000))
    # no index of its own: every date query is one workspace's (ix_ad_stats_workspace_id_date)
    date: Mapped[dt.date] = mapped_column(Date)
    spend: Mapped[Decimal] = mapped_column(default=Decimal(0))
    impressions: Mapped[int] = mapped_column(BigInteger, default=0)
    clicks: Mapped[int] = mapped_column(BigInteger, default=0)
    link_clicks: Mapped[int] = mapped_column(BigInteger, default=0)
    purchases: Mapped[int] = mapped_column(BigInteger, default=0)
    revenue: Mapped[Decimal] = mapped_column(default=Decimal(0))
    plays_2s: Mapped[int | None] = mapped_column(BigInteger)  # TikTok
    plays_3s: Mapped[int | None] = mapped_column(BigInteger)  # Meta
    thruplays: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    # not indexed: re-linking finds rows by the unique key's (workspace, platform, ad_key)
    utm_content: Mapped[str | None] = mapped_column(String(500))
    raw: Mapped[dict[str, Any]] = mapped_column(default=dict)
    video_id: Mapped[int | None] = ref("videos.id", ondelete="SET NULL", nullable=True)
    # how the row was linked to its video: "ad_link", "creative_code", "utm_content"
    match_method: Mapped[str | None] = mapped_column(String(32))
    # indexed: deleting an import and an import's unmatched rows look rows up by it
    ad_import_id: Mapped[int] = mapped_column(BigId, nullable=False, index=True)


@event.listens_for(AdStat, "before_insert")
@event.listens_for(AdStat, "before_update")
def _keep_ad_key(mapper: Mapper[Any], connection: Connection, target: AdStat) -> None:
    target.ad_key = ad_key(target.ad_id, target.ad_name)


class AdStatTotal(IdMixin, WorkspaceOwned, Base):
    """All-time totals of one video on one platform in one currency (see studio.roi.rollup).

    A cache rebuilt from ``ad_stats`` after each import or re-link, so ``studio roi`` without a
    date range reads a few thousand lines instead of a million daily rows. ``video_id`` is NULL
    for ads not linked to a video and has no foreign key: the next rebuild drops stale ids.

    studio.roi reads and writes it with Core queries that filter on ``workspace_id``; being
    ``WorkspaceOwned``, it is also limited to the caller's rows in any :class:`studio.db.Scope`
    query that touches it.
    """

    __tablename__ = "ad_stat_totals"

    video_id: Mapped[int | None] = mapped_column(BigInteger)
    platform: Mapped[str] = mapped_column(String(32))
    currency: Mapped[str] = mapped_column(String(3))
    # integer micro-units on SQLite (exact sums of REAL amounts), NUMERIC on PostgreSQL
    spend: Mapped[Decimal] = mapped_column(Numeric(24, 6))
    revenue: Mapped[Decimal] = mapped_column(Numeric(24, 6))
    impressions: Mapped[int] = mapped_column(BigInteger)
    link_clicks: Mapped[int] = mapped_column(BigInteger)
    purchases: Mapped[int] = mapped_column(BigInteger)
    hook_plays: Mapped[int] = mapped_column(BigInteger)
    plays_3s: Mapped[int] = mapped_column(BigInteger)
    thruplays: Mapped[int] = mapped_column(BigInteger)
    rows: Mapped[int] = mapped_column(Integer)  # daily ad_stats rows summed


class AdLink(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """An explicit "this ad shows that video" set by the seller; wins over name matching."""

    __tablename__ = "ad_links"
    __table_args__ = (UniqueConstraint("workspace_id", "platform", "ad_id"),)

    platform: Mapped[str] = mapped_column(String(32))
    ad_id: Mapped[str] = mapped_column(String(100))
    video_id: Mapped[int] = ref("videos.id")


class Order(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """A shop order: an optional revenue source linked to a video through its UTM fields."""

    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("workspace_id", "source", "external_id"),)

    source: Mapped[str] = mapped_column(String(100))  # shopify, csv, ...
    external_id: Mapped[str] = mapped_column(String(200))
    ordered_at: Mapped[dt.datetime] = mapped_column(index=True)
    revenue: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    utm_source: Mapped[str | None] = mapped_column(String(200))
    utm_medium: Mapped[str | None] = mapped_column(String(200))
    utm_campaign: Mapped[str | None] = mapped_column(String(500))
    utm_content: Mapped[str | None] = mapped_column(String(500), index=True)
    video_id: Mapped[int | None] = ref("videos.id", ondelete="SET NULL", nullable=True)
    raw: Mapped[dict[str, Any]] = mapped_column(default=dict)
