"""ad accounts, published ads and the autopilot (issue 19)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 04:00:00

Reserved in order so work on these features can land in any order; until its tables are
written this revision changes nothing.
"""

from collections.abc import Sequence

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
