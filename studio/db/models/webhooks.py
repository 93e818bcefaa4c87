"""Signed webhooks: where a seller wants events sent, and every attempt to send them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studio.db.base import Base, IdMixin, TimestampMixin, WorkspaceOwned, ref


class WebhookEndpoint(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    __tablename__ = "webhook_endpoints"

    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(200))  # HMAC key for the signature header
    event_types: Mapped[list[Any]] = mapped_column(default=list)  # empty: every event
    description: Mapped[str] = mapped_column(String(500), default="")
    active: Mapped[bool] = mapped_column(default=True)

    deliveries: Mapped[list[WebhookDelivery]] = relationship(
        back_populates="endpoint", passive_deletes=True
    )


class WebhookDelivery(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """One attempt to deliver one event to one endpoint."""

    __tablename__ = "webhook_deliveries"

    endpoint_id: Mapped[int] = ref("webhook_endpoints.id")
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    # pending (sent after commit) -> sending -> delivered | retrying | failed
    status: Mapped[str] = mapped_column(String(32), default="pending", index=True)
    status_code: Mapped[int | None] = mapped_column(Integer)
    response_excerpt: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    next_retry_at: Mapped[datetime | None] = mapped_column(index=True)
    delivered_at: Mapped[datetime | None]

    endpoint: Mapped[WebhookEndpoint] = relationship(back_populates="deliveries")
