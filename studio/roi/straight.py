"""A big export written while it is parsed: straight into ``ad_stats`` when it can be, else
into the stage (:mod:`studio.roi.store` merges it).

Staging then merging does the database's work — a million rows' indexes and foreign-key
checks — after the parsing. Written straight, each batch is stored while the next ones are
parsed (``columnar``: a helper thread; ``import_workers``: processes), so an import takes
about as long as the database's own bulk load of the rows:

* PostgreSQL, a platform's first import (nothing stored to merge with): ``COPY`` into
  ``ad_stats``;
* SQLite, any import: a plain ``INSERT`` into ``ad_stats`` for a first import, else
  ``INSERT … ON CONFLICT DO UPDATE``, which leaves unchanged rows alone (a re-import of the
  same file writes nothing) — the merge's own rule (``staging.upsert_clause``).

Both need every ad-day of the file once: at the first repeated ad and day (rows to sum, e.g.
a placement breakdown) or any unique-key clash (a row for another platform, on PostgreSQL)
what was written is rolled back to a savepoint and the caller stages the file as usual
(``None``). Repeats come early in such files, so little is thrown away.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from studio.db.types import utcnow
from studio.linking import CodeMatcher
from studio.roi import columnar, import_workers
from studio.roi.staging import STRAIGHT_COLUMNS, copy_rows


def first_of(session: Session, workspace_id: int, platform: str | None) -> bool:
    """No ad stats stored yet for this workspace and platform (its first import, a backfill);
    ``platform=None``: none for any platform — what a first import writes is then all the
    workspace's rows (``rollup.Summed``)."""
    query = "SELECT 1 FROM ad_stats WHERE workspace_id = :ws"
    params: dict[str, Any] = {"ws": workspace_id}
    if platform is not None:
        query += " AND platform = :platform"
        params["platform"] = platform
    return session.scalar(text(query + " LIMIT 1"), params) is None


def _parsed(
    planned: import_workers.Planned, workspace_id: int, matcher: CodeMatcher,
    outcome: import_workers.Outcome, *, sqlite: bool, columns: bool, extra: tuple[Any, ...],
    totals: bool = False,
) -> Generator[Any, None, None]:  # fmt: skip
    if columns:
        return columnar.staged_batches(planned, workspace_id, matcher, outcome, sqlite=sqlite,
                                       extra=extra, totals=totals)
    assert not sqlite, "the workers' SQLite rows carry no import columns"
    suffix = "".join(f"\t{v}" for v in extra)
    return import_workers.staged_batches(planned, workspace_id, matcher, outcome,
                                         sqlite=False, suffix=suffix)


def copy_straight(
    session: Session, planned: import_workers.Planned, workspace_id: int,
    matcher: CodeMatcher, import_id: int, *, columns: bool,
) -> import_workers.Outcome | None:  # fmt: skip
    """PostgreSQL, a platform's first import: batches copied straight into ``ad_stats``."""
    from psycopg.errors import UniqueViolation

    stamp = utcnow().isoformat()
    outcome = import_workers.Outcome()
    savepoint = session.begin_nested()
    batches = _parsed(planned, workspace_id, matcher, outcome, sqlite=False, columns=columns,
                      extra=(import_id, stamp, stamp))
    try:
        for batch in batches:
            if outcome.duplicates:
                savepoint.rollback()
                return None
            copy_rows(session, "postgresql", "ad_stats", batch, STRAIGHT_COLUMNS)
    except (UniqueViolation, columnar.Unsupported):
        savepoint.rollback()
        return None
    finally:
        batches.close()
    savepoint.commit()
    return outcome


def upsert(
    session: Session, planned: import_workers.Planned, workspace_id: int,
    matcher: CodeMatcher, import_id: int, *, first: bool, totals: bool = False,
) -> tuple[import_workers.Outcome, int] | None:  # fmt: skip
    """SQLite, parsed in columns: batches upserted straight into ``ad_stats``; (outcome, rows
    inserted or changed). ``first``: nothing stored for the platform yet, so a plain INSERT
    (a clash rolls back to the stage, as on PostgreSQL). ``totals``: the rows' totals summed
    meanwhile, in ``outcome.summed`` (where the conversion runs in a child process)."""
    import sqlite3

    stamp = utcnow().replace(tzinfo=None).isoformat(" ")
    outcome = import_workers.Outcome()
    savepoint = session.begin_nested()
    batches = _parsed(planned, workspace_id, matcher, outcome, sqlite=True, columns=True,
                      extra=(import_id, stamp, stamp), totals=totals)
    changed = 0
    try:
        for batch in batches:
            if outcome.duplicates:
                savepoint.rollback()
                return None
            changed += copy_rows(session, "sqlite", "ad_stats", batch, STRAIGHT_COLUMNS,
                                 upsert=not first)
    except (sqlite3.IntegrityError, columnar.Unsupported):
        savepoint.rollback()
        return None
    finally:
        batches.close()
    savepoint.commit()
    return outcome, changed


def stage_file(
    session: Session, dialect: str, stage: str, planned: import_workers.Planned,
    workspace_id: int, matcher: CodeMatcher, *, columns: bool,
) -> import_workers.Outcome | None:  # fmt: skip
    """The whole file into the stage, parsed in columns, or by the workers when the columnar
    path cannot take the file; None when neither can (one pass then reads it)."""
    sqlite = dialect == "sqlite"
    if columns:
        outcome = import_workers.Outcome()
        savepoint = session.begin_nested()
        try:
            for batch in columnar.staged_batches(planned, workspace_id, matcher, outcome,
                                                 sqlite=sqlite):
                copy_rows(session, dialect, stage, batch)
        except columnar.Unsupported:
            savepoint.rollback()
        else:
            savepoint.commit()
            return outcome
    if not (import_workers.may_fork() and import_workers.sliceable(planned)):
        return None
    outcome = import_workers.Outcome()
    for batch in import_workers.staged_batches(planned, workspace_id, matcher, outcome,
                                               sqlite=sqlite):
        copy_rows(session, dialect, stage, batch)
    return outcome
