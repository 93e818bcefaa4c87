"""a workspace's brand kit and its saved templates (issue 18)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 04:00:00

Reserved in order so work on these features can land in any order; until its tables are
written this revision changes nothing.
"""

from collections.abc import Sequence

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
