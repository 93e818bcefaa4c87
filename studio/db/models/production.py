"""What the studio makes: batches of videos and the jobs that make them.

Status columns are only ever changed through :func:`studio.states.transition`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studio.db.base import Base, IdMixin, TimestampMixin, WorkspaceOwned, ref
from studio.db.models.catalog import Product
from studio.db.statuses import BatchStatus, JobStatus, VideoStatus, status_check_sql


class Batch(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """Videos requested together; counts are derived from its videos (``studio.states``)."""

    __tablename__ = "batches"
    # the state machine is the way in; the CHECK stops a stray UPDATE from inventing a status
    __table_args__ = (CheckConstraint(status_check_sql(BatchStatus), name="status"),)

    name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(32), default="pending", index=True)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_by_id: Mapped[int | None] = ref("users.id", ondelete="SET NULL", nullable=True)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    videos: Mapped[list[Video]] = relationship(back_populates="batch", passive_deletes=True)


class Video(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    __tablename__ = "videos"
    # the same request twice makes one video
    __table_args__ = (
        UniqueConstraint("workspace_id", "idempotency_key"),
        CheckConstraint(status_check_sql(VideoStatus), name="status"),
    )

    # short code carried in file name, MP4 metadata, ad name and utm_content: links ads back
    creative_code: Mapped[str] = mapped_column(String(32), unique=True)
    product_id: Mapped[int | None] = ref("products.id", ondelete="SET NULL", nullable=True)
    # template slug + content hash, copied (not a foreign key) so history survives template edits
    template_id: Mapped[str | None] = mapped_column(String(100), index=True)
    template_version: Mapped[str | None] = mapped_column(String(64))
    generator: Mapped[str] = mapped_column(String(100), default="template")
    format: Mapped[str] = mapped_column(String(16), default="9:16")  # aspect ratio
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(32), default="pending", index=True)
    # what the status alone does not say, e.g. "worker lost, re-sent" while queued again
    status_note: Mapped[str | None] = mapped_column(String(200))
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text)
    storage_key: Mapped[str | None] = mapped_column(String(1000))
    poster_key: Mapped[str | None] = mapped_column(String(1000))
    duration: Mapped[float | None] = mapped_column(Float)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    production_cost: Mapped[Decimal | None]
    production_currency: Mapped[str | None] = mapped_column(String(3))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    batch_id: Mapped[int | None] = ref("batches.id", ondelete="SET NULL", nullable=True)
    # AI candidates of one request share a group; the seller selects one of them
    candidate_group: Mapped[str | None] = mapped_column(String(64), index=True)
    selected: Mapped[bool] = mapped_column(default=False)
    render_version: Mapped[int] = mapped_column(Integer, default=1)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    product: Mapped[Product | None] = relationship()
    batch: Mapped[Batch | None] = relationship(back_populates="videos")


class Job(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """One unit of worker work (render, ai, analyze…) with retries and priority."""

    __tablename__ = "jobs"
    __table_args__ = (
        UniqueConstraint("workspace_id", "idempotency_key"),
        CheckConstraint(status_check_sql(JobStatus), name="status"),
    )

    kind: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(32), default="pending", index=True)
    video_id: Mapped[int | None] = ref("videos.id", nullable=True)
    batch_id: Mapped[int | None] = ref("batches.id", ondelete="SET NULL", nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    priority: Mapped[int] = mapped_column(Integer, default=0)  # higher runs first
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text)
    # the send token of the message now carrying the job (studio.jobs.dispatch)
    celery_task_id: Mapped[str | None] = mapped_column(String(200), index=True)
    # written every few seconds while a worker runs it (studio.jobs.maintenance)
    heartbeat_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    video: Mapped[Video | None] = relationship()


class WorkerHeartbeat(IdMixin, Base):
    """A worker process that is (or was) alive: written by its housekeeping every few
    seconds, read by ``/readyz`` and ``/api/v1/workers``. Not a workspace's: workers serve
    every seller."""

    __tablename__ = "worker_heartbeats"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    queues: Mapped[str] = mapped_column(String(200))
    concurrency: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    last_seen: Mapped[datetime]
