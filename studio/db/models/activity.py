"""What happened and what it cost: the domain event log and usage metering."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from studio.db.base import Base, BigId, IdMixin, WorkspaceOwned, ref
from studio.db.types import Amount, utcnow


class Event(WorkspaceOwned, Base):
    """A domain event ("video.succeeded"); written in the same transaction as the change.

    ``seq`` increases with every event, so readers (SSE, webhooks) resume "after seq N".
    ``id`` is the stable public identifier sent to webhooks.
    """

    __tablename__ = "events"
    # SQLite AUTOINCREMENT: a deleted last event's number is never handed out again
    __table_args__ = {"sqlite_autoincrement": True}

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, sort_order=-10)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    type: Mapped[str] = mapped_column(String(100), index=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class UsageRecord(IdMixin, WorkspaceOwned, Base):
    """Metered use: render/output/AI seconds or AI tokens, with what it cost."""

    __tablename__ = "usage_records"

    video_id: Mapped[int | None] = ref("videos.id", ondelete="SET NULL", nullable=True)
    job_id: Mapped[int | None] = ref("jobs.id", ondelete="SET NULL", nullable=True)
    # render_seconds, output_seconds, ai_seconds, ai_tokens
    kind: Mapped[str] = mapped_column(String(32), index=True)
    quantity: Mapped[Decimal] = mapped_column(Amount)
    unit: Mapped[str] = mapped_column(String(16))
    cost: Mapped[Decimal] = mapped_column(default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    provider: Mapped[str] = mapped_column(String(100), default="")  # plugin that did the work
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
