"""What happened and what it cost: the domain event log, usage metering, and the spending
that AI steps running now have reserved under the seller's limits."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, UniqueConstraint, Uuid
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


class SpendHold(IdMixin, WorkspaceOwned, Base):
    """What one AI step running now may spend, reserved under one of the seller's limits
    (``against``: ``budget``, the workspace's cloud-AI budget, or ``autopilot_cap``, the
    autopilot's daily AI-spend cap) from its check until its usage is recorded or it ends, so
    steps checking at once never pass a limit together (:mod:`studio.ai.ledger_db`).
    Never a usage record: no report shows it. ``expires_at``: a hold a killed worker left
    behind stops counting then."""

    __tablename__ = "spend_holds"
    __table_args__ = (UniqueConstraint("key", "against"),)  # uq_spend_holds_key_against

    key: Mapped[str] = mapped_column(String(64))  # the step's metered scope
    against: Mapped[str] = mapped_column(String(16))  # which limit
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    video_id: Mapped[int | None] = ref("videos.id", ondelete="CASCADE", nullable=True)
    job_id: Mapped[int | None] = ref("jobs.id", ondelete="CASCADE", nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
