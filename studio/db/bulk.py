"""Insert many rows in one statement and get their ids back, on SQLite and PostgreSQL alike.

A 1,000-video batch must not cost a round trip per row. SQLite takes a multi-row
``INSERT … VALUES … RETURNING`` (SQLAlchemy's "insertmanyvalues"). On PostgreSQL the same
statement carries one placeholder per cell, and psycopg re-parses such a long query text on
every call (it only caches short ones); ``INSERT … SELECT FROM unnest(<one array per
column>)`` sends the same rows with one parameter per column instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


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
        return _insert_unnest(session, table, rows, names, returning, skip_conflicts)
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


def _insert_unnest(session: Session, table: Table, rows: Sequence[Mapping[str, Any]],
                   names: list[str], returning: Sequence[str], skip_conflicts: bool
                   ) -> list[tuple[Any, ...]]:
    dialect = session.get_bind().dialect
    defaults = _defaults(table, names)
    columns: list[Column[Any]] = [table.c[name] for name in [*names, *defaults]]
    params: dict[str, list[Any]] = {}
    selects = []
    for index, column in enumerate(columns):
        if column.name in defaults:
            default = defaults[column.name]
            # callables (utcnow, uuid4) are wrapped by SQLAlchemy to take an execution context
            values = [default(None) for _ in rows] if callable(default) else [default] * len(rows)
        else:
            values = [row[column.name] for row in rows]
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            values = [process(value) for value in values]
        params[f"c{index}"] = values
        sql_type = column.type.dialect_impl(dialect).compile(dialect=dialect)
        selects.append(f"CAST(:c{index} AS {sql_type}[])")
    quoted = ", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)
    aliases = ", ".join(f"u{index}" for index in range(len(columns)))
    statement = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({quoted}) "
        f"SELECT {aliases} FROM unnest({', '.join(selects)}) WITH ORDINALITY "
        f"AS u({aliases}, n) ORDER BY n"
    )
    if skip_conflicts:
        statement += " ON CONFLICT DO NOTHING"
    if returning:
        statement += " RETURNING " + ", ".join(
            dialect.identifier_preparer.quote(name) for name in returning
        )
    result = session.execute(text(statement), params)
    return [tuple(row) for row in result] if returning else []
