"""jobs.heartbeat_at; webhook deliveries looked up by status

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 03:00:00

A running job's worker writes ``heartbeat_at`` every few seconds, so every other worker can
tell a long render from a lost one (``studio.jobs.maintenance``). Webhook deliveries are now
written *pending* with the event they announce and sent after the commit; the sweep that
sends the ones left behind looks them up by status.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from studio.db.types import UTCDateTime

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("heartbeat_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_webhook_deliveries_status"), ["status"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_deliveries_status"))
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("heartbeat_at")
