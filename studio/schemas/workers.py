"""Workers, as operators see them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class WorkerPublic(BaseModel):
    name: str
    host: str
    pid: int
    queues: list[str]
    concurrency: int
    started_at: datetime
    last_seen: datetime
    alive: bool = Field(description="Seen within the last minute.")


class WorkersPublic(BaseModel):
    data: list[WorkerPublic]
    count: int
    alive: int = Field(description="How many workers beat within the last minute.")
    running_without_heartbeat: int = Field(
        description="Jobs marked running whose worker stopped beating: they are sent again "
        "by the next worker's housekeeping.")
