"""Insert many rows in one statement and get their ids back, on SQLite and PostgreSQL alike.

A 1,000-video batch must not cost a round trip per row. SQLite takes a multi-row
``INSERT … VALUES … RETURNING`` (SQLAlchemy's "insertmanyvalues"). On PostgreSQL the same
statement carries one placeholder per cell, and psycopg re-parses such a long query text on
every call (it only caches short ones) and adapts every cell in Python; here the rows go as
ONE JSON parameter (``json.dumps`` is C) and the server unpacks them:
``INSERT … SELECT CAST(doc ->> 'col' AS type), … FROM jsonb_array_elements(:rows)``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import Column, Table, TypeDecorator, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

# values per `IN (…)`: well under SQLite's bound-parameter limit, short texts for PostgreSQL
IN_LIST = 500
T = TypeVar("T")


def in_chunks(values: Sequence[T], size: int = IN_LIST) -> Iterator[Sequence[T]]:
    """``values`` in slices small enough for one ``IN (…)`` each."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def insert_rows(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    returning: Sequence[str] = (),
    skip_conflicts: bool = False,
) -> list[tuple[Any, ...]]:
    """Insert ``rows`` (every row with the same keys) in list order; returns the
    ``returning`` columns of the rows inserted (in no promised order: return a key with them).

    Python-side column defaults are filled in as the ORM would. ``skip_conflicts`` adds
    ``ON CONFLICT DO NOTHING`` (any unique constraint): rows that clash are not inserted and
    not returned. ORM hooks do not run. Nothing is committed.
    """
    if not rows:
        return []
    names = list(rows[0])
    for number, row in enumerate(rows, start=1):
        if set(row) != set(names):
            raise ValueError(f"row {number} has other columns than row 1; every row needs "
                             "the same columns")
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return _insert_json(session, table, rows, names, returning, skip_conflicts)
    insert = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}.get(dialect)
    if insert is None:
        raise NotImplementedError(f"bulk insert is not written for {dialect}")
    statement: Any = insert(table)
    if skip_conflicts:
        statement = statement.on_conflict_do_nothing()
    if not returning:
        session.execute(statement, [dict(row) for row in rows])
        return []
    statement = statement.returning(*(table.c[name] for name in returning))
    return [tuple(row) for row in session.execute(statement, [dict(row) for row in rows])]


def _defaults(table: Table, given: Sequence[str]) -> dict[str, Any]:
    """The Python-side defaults (scalars and callables) of the columns not given."""
    found: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.name in given or default is None:
            continue
        if getattr(default, "is_scalar", False):
            found[column.name] = default.arg  # type: ignore[attr-defined]
        elif getattr(default, "is_callable", False):
            found[column.name] = default.arg  # type: ignore[attr-defined]
    return found


def _json_value(value: Any) -> Any:
    """What ``json.dumps`` cannot write itself, as the text PostgreSQL casts back."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} cannot go into a bulk insert")


def _insert_json(session: Session, table: Table, rows: Sequence[Mapping[str, Any]],
                 names: list[str], returning: Sequence[str], skip_conflicts: bool
                 ) -> list[tuple[Any, ...]]:
    dialect = session.get_bind().dialect
    defaults = _defaults(table, names)
    columns: list[Column[Any]] = [table.c[name] for name in [*names, *defaults]]
    # the studio's own types check and normalise values (UTC datetimes, 6-place amounts)
    convert = {
        column.name: column.type.process_bind_param
        for column in columns if isinstance(column.type, TypeDecorator)
    }
    documents = []
    for row in rows:
        document = dict(row)
        for name, default in defaults.items():
            # callables (utcnow, uuid4) are wrapped by SQLAlchemy to take a context
            document[name] = default(None) if callable(default) else default
        for name, process in convert.items():
            document[name] = process(document[name], dialect)
        documents.append(document)
    quote = dialect.identifier_preparer.quote
    values = []
    for column in columns:
        sql_type = column.type.dialect_impl(dialect).compile(dialect=dialect)
        field = column.name.replace("'", "''")
        if sql_type in ("JSON", "JSONB"):
            values.append(f"CAST(e.doc -> '{field}' AS {sql_type})")
        else:
            values.append(f"CAST(e.doc ->> '{field}' AS {sql_type})")
    statement = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(c.name) for c in columns)}) "
        f"SELECT {', '.join(values)} "
        "FROM jsonb_array_elements(CAST(:rows AS JSONB)) WITH ORDINALITY AS e(doc, n) "
        "ORDER BY e.n"
    )
    if skip_conflicts:
        statement += " ON CONFLICT DO NOTHING"
    if returning:
        statement += " RETURNING " + ", ".join(quote(name) for name in returning)
    result = session.execute(text(statement), {"rows": json.dumps(documents,
                                                                   default=_json_value)})
    return [tuple(row) for row in result] if returning else []
