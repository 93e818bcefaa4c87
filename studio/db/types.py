"""Column types that behave the same on SQLite and PostgreSQL.

SQLite has no decimal and no time zone; these types make both databases hand back the same
Python values (``Decimal`` amounts, timezone-aware UTC datetimes), so code written against one
database does not surprise on the other.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, Numeric
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator, TypeEngine

MONEY_PRECISION = 18
MONEY_SCALE = 6
_QUANTUM = Decimal(1).scaleb(-MONEY_SCALE)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Amount(TypeDecorator[Decimal]):
    """``NUMERIC(18, 6)`` read back as ``Decimal`` with 6 places on every database.

    SQLite stores NUMERIC as a float; we read it back through ``repr`` (the shortest exact
    decimal of that float) so ``19.99`` comes back as ``19.990000``, not ``19.989999…``. That is
    exact for amounts up to 15 significant digits (a billion with 6 places), which covers ad
    spend; PostgreSQL is exact to the full 18 digits.
    """

    impl = Numeric(MONEY_PRECISION, MONEY_SCALE)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            # floats in, our own conversion out: avoids SQLAlchemy's lossy float->Decimal path
            return dialect.type_descriptor(Numeric(MONEY_PRECISION, MONEY_SCALE, asdecimal=False))
        return dialect.type_descriptor(Numeric(MONEY_PRECISION, MONEY_SCALE))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, float):
            value = Decimal(repr(value))
        amount = Decimal(value)
        if not amount.is_finite():
            raise ValueError(f"amount {value!r} is not a finite number")
        if dialect.name == "sqlite":
            return float(amount)
        return amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, float):
            value = repr(value)
        return Decimal(value).quantize(_QUANTUM)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp, always returned in UTC.

    Naive datetimes are refused: a naive value is ambiguous and the bug it hides (local time
    stored as UTC) only shows up months later in a report.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None:
            raise ValueError(
                f"naive datetime {value.isoformat()} given; use datetime.now(UTC) or attach tzinfo"
            )
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            # SQLite keeps text; without the offset, string order equals time order
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# JSONB on PostgreSQL (comparable, indexable); plain JSON text elsewhere
JSONData = JSON().with_variant(JSONB(), "postgresql")
