"""status CHECK constraints on videos, jobs and batches

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 07:35:00

The lists are written out here (not imported from studio.db.statuses) so this migration keeps
meaning what it meant when a later version adds a status; that version adds its own migration.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = {
    "videos": ("pending", "queued", "running", "succeeded", "failed", "cancelled", "archived"),
    "jobs": ("pending", "running", "succeeded", "failed", "cancelled"),
    "batches": (
        "pending",
        "running",
        "completed",
        "completed_with_failures",
        "failed",
        "cancelled",
    ),
}


def upgrade() -> None:
    for table, statuses in STATUSES.items():
        listed = ", ".join(f"'{s}'" for s in statuses)
        # batch mode: SQLite can only add a CHECK by copying the table
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_check_constraint(op.f(f"ck_{table}_status"), f"status IN ({listed})")


def downgrade() -> None:
    for table in STATUSES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_status"), type_="check")
