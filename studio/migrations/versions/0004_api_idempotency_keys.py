"""api_idempotency_keys in the schema

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 08:20:00

``api_idempotency_keys`` (the answers api.idempotency replays for a retried POST) used to be
created by the API on first use. A database that already has that run-time table keeps its rows:
they are copied into the table created here, so a client retrying across the upgrade still gets
the first answer instead of a second effect. Ids are not copied: they were never shown to anyone,
and PostgreSQL's new id sequence would collide with them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
COPIED = "caller, key, request_hash, status_code, headers, body, created_at"


def upgrade() -> None:
    bind = op.get_bind()
    had_runtime_table = sa.inspect(bind).has_table("api_idempotency_keys")
    if had_runtime_table:
        op.rename_table("api_idempotency_keys", "api_idempotency_keys_runtime")
        if bind.dialect.name == "postgresql":
            # PostgreSQL names indexes and sequences per schema, not per table: the renamed
            # table still holds the names ours is about to use
            op.execute(
                "ALTER TABLE api_idempotency_keys_runtime"
                " DROP CONSTRAINT IF EXISTS uq_api_idempotency_keys_caller_key"
            )
            op.execute(
                "ALTER SEQUENCE IF EXISTS api_idempotency_keys_id_seq"
                " RENAME TO api_idempotency_keys_runtime_id_seq"
            )

    op.create_table(
        "api_idempotency_keys",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("caller", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("headers", sa.Text(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_idempotency_keys")),
        sa.UniqueConstraint("caller", "key", name=op.f("uq_api_idempotency_keys_caller_key")),
    )

    if had_runtime_table:
        op.execute(
            f"INSERT INTO api_idempotency_keys ({COPIED})"
            f" SELECT {COPIED} FROM api_idempotency_keys_runtime"
        )
        op.drop_table("api_idempotency_keys_runtime")


def downgrade() -> None:
    # the API code of 0003 creates its own (empty) table on first use: retries after the
    # downgrade run again instead of replaying
    op.drop_table("api_idempotency_keys")
