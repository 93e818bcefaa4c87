"""ad_stats: two indexes fewer (date, utm_content), faster imports

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 19:00:00

Every ``ad_stats`` row written by an import updates each index of the table; a million-row
import spent much of its time there. Two indexes served no query:

* ``ix_ad_stats_date``: every date query is one workspace's, and ``ix_ad_stats_workspace_id_date``
  answers those;
* ``ix_ad_stats_utm_content``: re-linking updates rows by ``(workspace, platform, ad_key)``,
  the unique key's prefix; no query looks ad rows up by ``utm_content`` alone (orders keep their
  own ``utm_content`` index).

``ix_ad_stats_video_id`` and ``ix_ad_stats_ad_import_id`` stay: deleting a video or an import
(ON DELETE SET NULL) and an import's unmatched rows look rows up by them.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ad_stats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ad_stats_utm_content"))
        batch_op.drop_index(batch_op.f("ix_ad_stats_date"))


def downgrade() -> None:
    with op.batch_alter_table("ad_stats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ad_stats_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_ad_stats_utm_content"), ["utm_content"], unique=False)
