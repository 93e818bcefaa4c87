"""Insert-or-update many rows in one statement, on SQLite and PostgreSQL alike.

Re-importing an ad export or a catalog must replace yesterday's numbers, not duplicate them;
both databases support ``INSERT … ON CONFLICT (…) DO UPDATE``, only the import differs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from studio.db.types import utcnow

# set once on insert, never overwritten by a re-import
_KEEP = {"id", "created_at"}


def upsert(
    session: Session,
    model: type[Any],
    rows: Sequence[Mapping[str, Any]],
    *,
    key: Sequence[str],
) -> int:
    """Insert ``rows``; where ``key`` (a unique constraint's columns) matches, update instead.

    Every row must have the same keys. Columns missing from the rows keep their stored value on
    update. Returns the number of rows sent. ORM hooks do not run: column defaults do.
    """
    if not rows:
        return 0
    columns = set(rows[0])
    for number, row in enumerate(rows, start=1):
        if set(row) != columns:
            raise ValueError(
                f"row {number} has columns {sorted(set(row) ^ columns)} that row 1 "
                "does not (or the other way round); every row needs the same columns"
            )
    table: Table = model.__table__
    # a key column may be left out when its default computes it (AdStat.ad_key)
    missing = [n for n in key if n not in columns and table.c[n].default is None]
    if missing:
        raise ValueError(f"every row needs the key column(s) {', '.join(missing)}")
    dialect = session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert is None:
        raise NotImplementedError(f"upsert is not written for {dialect}")
    statement: Any = insert(table)
    updates = {
        name: statement.excluded[name] for name in columns if name not in key and name not in _KEEP
    }
    if "updated_at" in table.c and "updated_at" not in columns:
        updates["updated_at"] = utcnow()
    if updates:
        statement = statement.on_conflict_do_update(index_elements=list(key), set_=updates)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(key))
    session.execute(statement, [dict(row) for row in rows])
    return len(rows)
