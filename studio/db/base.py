"""Declarative base and the column mixins every table shares."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from studio.db.types import Amount, JSONData, UTCDateTime, utcnow

# Named constraints: Alembic's SQLite batch mode can only drop or alter what has a name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# INTEGER PRIMARY KEY is SQLite's only auto-increment column; BIGINT elsewhere
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(),
        Decimal: Amount(),
        dict[str, Any]: JSONData,
        list[Any]: JSONData,
    }


class IdMixin:
    id: Mapped[int] = mapped_column(BigId, primary_key=True, sort_order=-10)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow, sort_order=100)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, sort_order=101)


class WorkspaceOwned:
    """A row that belongs to one seller; only reachable through :class:`studio.db.Scope`."""

    @declared_attr
    def workspace_id(cls) -> Mapped[int]:
        return mapped_column(
            BigId,
            ForeignKey("workspaces.id", ondelete="CASCADE"),
            index=True,
            nullable=False,
            sort_order=-9,
        )


def ref(
    target: str, *, ondelete: str = "CASCADE", nullable: bool = False, index: bool = True
) -> Any:
    """A foreign key column to ``target`` ("table.id") with the id type used across the schema."""
    return mapped_column(
        BigId, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index
    )
