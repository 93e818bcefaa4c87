"""jobs.heartbeat_at, videos.status_note, worker heartbeats; deliveries looked up by status

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 03:00:00

A running job's worker writes ``heartbeat_at`` every few seconds, so every other worker can
tell a long render from a lost one (``studio.jobs.maintenance``); a video whose worker was lost
says so (``status_note``) while it waits to be made again; every worker says it is alive in
``worker_heartbeats`` (``/readyz``, ``/api/v1/workers``). Webhook deliveries are now written
*pending* with the event they announce and sent after the commit; the sweep that sends the
ones left behind looks them up by status.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from studio.db.base import BigId
from studio.db.types import UTCDateTime

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("heartbeat_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("videos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status_note", sa.String(length=200), nullable=True))
    op.create_table(
        "worker_heartbeats",
        sa.Column("id", BigId, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("host", sa.String(length=200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("queues", sa.String(length=200), nullable=False),
        sa.Column("concurrency", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("last_seen", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker_heartbeats")),
        sa.UniqueConstraint("name", name=op.f("uq_worker_heartbeats_name")),
    )
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_webhook_deliveries_status"), ["status"],
                              unique=False)


def downgrade() -> None:
    op.drop_table("worker_heartbeats")
    with op.batch_alter_table("videos", schema=None) as batch_op:
        batch_op.drop_column("status_note")
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_deliveries_status"))
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("heartbeat_at")
