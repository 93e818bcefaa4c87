"""Events of the event log, as the API, the stream and ``studio events --json`` show them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class EventSubject(BaseModel):
    type: str
    id: str


class EventPublic(BaseModel):
    id: str
    seq: int = Field(description="Increases with every event; resume with `after=<seq>`.")
    type: str
    subject: EventSubject
    payload: dict[str, Any]
    created_at: datetime


class EventsPublic(BaseModel):
    data: list[EventPublic]
    count: int
    next_after: int = Field(description="Pass as `after` to get the following page.")
