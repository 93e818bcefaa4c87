"""ad_stat_totals in the schema; ad_stats indexed for date-range reports

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 08:10:00

``ad_stat_totals`` (the ROI cache of studio.roi.rollup) used to be created by the code on first
use. A database that already has that run-time table keeps its rows: they are copied into the
table created here (it adds an ``id`` key and a workspace foreign key), so ``studio roi`` does not
show empty totals until the next import.

On ``ad_stats``: a ``(workspace_id, date)`` index for "this workspace, these dates" reports. The
single-column ``workspace_id`` index goes: the unique key ``(workspace_id, platform, ad_key,
date)`` and the new index both start with that column, so it only cost writes. The
``ad_import_id`` index stays: no other key starts with ``ad_import_id``, and deleting an import
(ON DELETE SET NULL) looks rows up by it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
COPIED = (
    "workspace_id, video_id, platform, currency, spend, revenue, impressions, link_clicks, "
    "purchases, hook_plays, plays_3s, thruplays, rows"
)


def upgrade() -> None:
    had_runtime_table = sa.inspect(op.get_bind()).has_table("ad_stat_totals")
    if had_runtime_table:
        # same table and index names as ours: move the old ones out of the way first
        op.rename_table("ad_stat_totals", "ad_stat_totals_runtime")
        op.execute("DROP INDEX IF EXISTS ix_ad_stat_totals_workspace_id")

    op.create_table(
        "ad_stat_totals",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("workspace_id", BIG_ID, nullable=False),
        sa.Column("video_id", sa.BigInteger(), nullable=True),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("spend", sa.Numeric(precision=24, scale=6), nullable=False),
        sa.Column("revenue", sa.Numeric(precision=24, scale=6), nullable=False),
        sa.Column("impressions", sa.BigInteger(), nullable=False),
        sa.Column("link_clicks", sa.BigInteger(), nullable=False),
        sa.Column("purchases", sa.BigInteger(), nullable=False),
        sa.Column("hook_plays", sa.BigInteger(), nullable=False),
        sa.Column("plays_3s", sa.BigInteger(), nullable=False),
        sa.Column("thruplays", sa.BigInteger(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_ad_stat_totals_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ad_stat_totals")),
    )
    with op.batch_alter_table("ad_stat_totals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ad_stat_totals_workspace_id"), ["workspace_id"], unique=False
        )

    if had_runtime_table:
        # rows of deleted workspaces would break the new foreign key; they were dead anyway
        op.execute(
            f"INSERT INTO ad_stat_totals ({COPIED}) SELECT {COPIED} FROM ad_stat_totals_runtime"
            " WHERE workspace_id IN (SELECT id FROM workspaces)"
        )
        op.drop_table("ad_stat_totals_runtime")

    with op.batch_alter_table("ad_stats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ad_stats_workspace_id"))
        batch_op.create_index(
            batch_op.f("ix_ad_stats_workspace_id_date"), ["workspace_id", "date"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("ad_stats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ad_stats_workspace_id_date"))
        batch_op.create_index(
            batch_op.f("ix_ad_stats_workspace_id"), ["workspace_id"], unique=False
        )

    # the code of 0002 creates its own (empty) cache table on first use and refills it on import
    with op.batch_alter_table("ad_stat_totals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ad_stat_totals_workspace_id"))
    op.drop_table("ad_stat_totals")
