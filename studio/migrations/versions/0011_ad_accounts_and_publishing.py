"""ad accounts, published ads and the autopilot (issue 19)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 04:00:00

``ad_accounts``: a workspace's connected Meta ad accounts and TikTok advertisers, the token
encrypted (never stored in clear). ``published_ads``: one video in one ad set / ad group,
with the platform's ids stored step by step (resume after a lost worker) and its status
with the platform's reason; one row per (video, account, ad set). ``autopilot_settings``:
one per workspace, off by default (with the store it may pull on a schedule, its token
encrypted); its log is the event log.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from studio.db.base import BigId
from studio.db.types import Amount, JSONData, UTCDateTime

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _table(name: str, *columns: sa.Column, unique: tuple[str, ...],
           refs: Sequence[tuple[str, str, str]] = (), indexes: Sequence[str] = ()) -> None:
    """A workspace-owned table: id, workspace_id, ``columns``, timestamps; ``refs`` are
    (column, table, on delete) foreign keys, each indexed."""
    op.create_table(
        name,
        sa.Column("id", BigId, nullable=False),
        sa.Column("workspace_id", BigId, nullable=False),
        *columns,
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"],
                                name=op.f(f"fk_{name}_workspace_id_workspaces"),
                                ondelete="CASCADE"),
        *(sa.ForeignKeyConstraint([column], [f"{table}.id"],
                                  name=op.f(f"fk_{name}_{column}_{table}"), ondelete=ondelete)
          for column, table, ondelete in refs),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint(*unique, name=op.f(f"uq_{name}_{'_'.join(unique)}")),
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        for column in ("workspace_id", *(r[0] for r in refs), *indexes):
            batch_op.create_index(batch_op.f(f"ix_{name}_{column}"), [column], unique=False)


def upgrade() -> None:
    _table(
        "ad_accounts",
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("account_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("identity", JSONData, nullable=False),
        sa.Column("landing_url", sa.String(length=2000), nullable=True),
        sa.Column("token_ciphertext", sa.Text(), nullable=False),
        sa.Column("token_hint", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("checked_at", UTCDateTime(), nullable=True),
        sa.Column("synced_through", sa.Date(), nullable=True),
        sa.Column("synced_at", UTCDateTime(), nullable=True),
        sa.Column("sync_error", sa.Text(), nullable=True),
        unique=("workspace_id", "platform", "account_id"),
    )
    _table(
        "published_ads",
        sa.Column("video_id", BigId, nullable=False),
        sa.Column("ad_account_id", BigId, nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("ad_set_id", sa.String(length=100), nullable=False),
        sa.Column("ad_set_name", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("start_paused", sa.Boolean(), nullable=False),
        sa.Column("requested_by", sa.String(length=16), nullable=False),
        sa.Column("ad_name", sa.String(length=500), nullable=False),
        sa.Column("primary_text", sa.Text(), nullable=False),
        sa.Column("call_to_action", sa.String(length=32), nullable=False),
        sa.Column("landing_url", sa.String(length=2000), nullable=False),
        sa.Column("upload_session_id", sa.String(length=200), nullable=True),
        sa.Column("platform_video_id", sa.String(length=100), nullable=True),
        sa.Column("image_ref", sa.String(length=200), nullable=True),
        sa.Column("creative_id", sa.String(length=100), nullable=True),
        sa.Column("ad_id", sa.String(length=100), nullable=True),
        sa.Column("progress", JSONData, nullable=False),
        sa.Column("job_id", BigId, nullable=True),
        sa.Column("published_at", UTCDateTime(), nullable=True),
        sa.Column("status_checked_at", UTCDateTime(), nullable=True),
        unique=("workspace_id", "video_id", "ad_account_id", "ad_set_id"),
        refs=(("video_id", "videos", "CASCADE"), ("ad_account_id", "ad_accounts", "CASCADE"),
              ("job_id", "jobs", "SET NULL")),
        indexes=("status", "ad_id"),
    )
    _table(
        "autopilot_settings",
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("paused_at", UTCDateTime(), nullable=True),
        sa.Column("pause_reason", sa.String(length=500), nullable=True),
        sa.Column("max_videos_per_day", sa.Integer(), nullable=False),
        sa.Column("max_ai_spend_per_day", Amount(), nullable=False),
        sa.Column("spend_currency", sa.String(length=3), nullable=False),
        sa.Column("templates", JSONData, nullable=False),
        sa.Column("formats", JSONData, nullable=False),
        sa.Column("options", JSONData, nullable=False),
        sa.Column("publish_to", JSONData, nullable=False),
        sa.Column("digest_to", sa.String(length=320), nullable=True),
        sa.Column("last_digest_on", sa.Date(), nullable=True),
        sa.Column("digest_state", JSONData, nullable=False),
        sa.Column("store", JSONData, nullable=False),
        sa.Column("store_token_ciphertext", sa.Text(), nullable=True),
        sa.Column("store_synced_at", UTCDateTime(), nullable=True),
        sa.Column("store_error", sa.Text(), nullable=True),
        unique=("workspace_id",),
    )


def downgrade() -> None:
    op.drop_table("autopilot_settings")
    op.drop_table("published_ads")
    op.drop_table("ad_accounts")
