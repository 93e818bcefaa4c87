"""worker heartbeats; videos.status_note

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 03:30:00

Every worker says it is alive in ``worker_heartbeats`` (``/readyz``, ``/api/v1/workers``);
a video whose worker was lost says so (``status_note``: "worker lost, re-sent") while it
waits to be made again (``studio.jobs.maintenance``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from studio.db.base import BigId
from studio.db.types import UTCDateTime

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
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


def downgrade() -> None:
    op.drop_table("worker_heartbeats")
    with op.batch_alter_table("videos", schema=None) as batch_op:
        batch_op.drop_column("status_note")
