"""spend holds: AI steps' reservations under the seller's spending limits

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 18:00:00

``spend_holds``: what an AI step running now may spend, reserved under the workspace's
cloud-AI budget or the autopilot's daily AI-spend cap when its check passes, and dropped
when its usage is recorded or it ends; two steps checking at once in two workers can no
longer both pass a limit that fits one of them (:mod:`studio.ai.ledger_db`).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from studio.db.base import BigId
from studio.db.types import Amount, UTCDateTime

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "spend_holds",
        sa.Column("id", BigId, nullable=False),
        sa.Column("workspace_id", BigId, nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("against", sa.String(length=16), nullable=False),
        sa.Column("amount", Amount(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("video_id", BigId, nullable=True),
        sa.Column("job_id", BigId, nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"],
                                name=op.f("fk_spend_holds_workspace_id_workspaces"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["video_id"], ["videos.id"],
                                name=op.f("fk_spend_holds_video_id_videos"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"],
                                name=op.f("fk_spend_holds_job_id_jobs"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spend_holds")),
        sa.UniqueConstraint("key", "against", name=op.f("uq_spend_holds_key_against")),
    )
    with op.batch_alter_table("spend_holds", schema=None) as batch_op:
        for column in ("workspace_id", "video_id", "job_id"):
            batch_op.create_index(batch_op.f(f"ix_spend_holds_{column}"), [column], unique=False)


def downgrade() -> None:
    op.drop_table("spend_holds")
