"""a workspace's brand kit and its saved templates (issue 18)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 04:00:00

``brand_kits``: one per workspace (logo, colours, font, call to action per language, default
language; the store currency is ``workspaces.default_currency``). ``saved_templates``: a
template with a seller's settings under a name of their own; ``slug`` is the template id its
videos record.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from studio.db.base import BigId
from studio.db.types import JSONData, UTCDateTime

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _owned(name: str, *columns: sa.Column, unique: tuple[str, ...]) -> None:
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
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint(*unique, name=op.f(f"uq_{name}_{'_'.join(unique)}")),
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{name}_workspace_id"), ["workspace_id"],
                              unique=False)


def upgrade() -> None:
    _owned(
        "brand_kits",
        sa.Column("logo_key", sa.String(length=500), nullable=True),
        sa.Column("primary_color", sa.String(length=9), nullable=True),
        sa.Column("secondary_color", sa.String(length=9), nullable=True),
        sa.Column("font", sa.String(length=32), nullable=True),
        sa.Column("call_to_action", JSONData, nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        unique=("workspace_id",),
    )
    _owned(
        "saved_templates",
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("base_template", sa.String(length=100), nullable=False),
        sa.Column("settings", JSONData, nullable=False),
        unique=("workspace_id", "slug"),
    )


def downgrade() -> None:
    op.drop_table("saved_templates")
    op.drop_table("brand_kits")
