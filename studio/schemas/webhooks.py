"""Webhook endpoints and their deliveries."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=8, max_length=2000, description="https://… that accepts POST.")
    event_types: list[str] = Field(
        default_factory=list, max_length=20,
        description="Event types (see the API guide); empty: all of them.",
    )
    description: str = Field("", max_length=500)


class WebhookUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(None, min_length=8, max_length=2000)
    event_types: list[str] | None = Field(None, max_length=20)
    description: str | None = Field(None, max_length=500)
    active: bool | None = None


class WebhookPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    event_types: list[str]
    description: str
    active: bool
    created_at: datetime


class WebhookCreated(WebhookPublic):
    secret: str = Field(description="Verify `Studio-Signature` with it. Keep it private.")


class WebhooksPublic(BaseModel):
    data: list[WebhookPublic]
    count: int


class DeliveryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    endpoint_id: int
    event_id: uuid.UUID
    attempt: int
    status: str
    status_code: int | None
    response_excerpt: str | None
    error: str | None
    next_retry_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime


class DeliveriesPublic(BaseModel):
    data: list[DeliveryPublic]
    count: int


class RedeliveryPublic(BaseModel):
    queued: bool
    endpoint_id: int
    event_id: uuid.UUID
