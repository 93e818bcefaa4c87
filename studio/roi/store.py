"""Import runs into the database: ad stats, rejected rows, orders — fast and idempotent.

An import streams the source's rows into a temporary staging table (``COPY`` on PostgreSQL,
``executemany`` on SQLite — never one ORM object per row), merges them into ``ad_stats`` with
one ``INSERT … SELECT … ON CONFLICT (workspace, platform, ad, day) DO UPDATE`` (rows arrive in
key order, so the indexes fill sequentially), then rebuilds the per-video totals
(:mod:`studio.roi.rollup`):

* the same file twice replaces the same rows — nothing is double counted;
* newer data for an ad and day replaces the older;
* several rows for one ad and day inside one file (exports broken down by placement, age…)
  are summed first.

Accepted rows keep their parsed columns; rejected rows keep the whole source row and reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, insert, select, text
from sqlalchemy.orm import Session

from studio.contracts import FetchedRow, OrderRow, RejectedRow
from studio.db import AdImport, AdImportRejectedRow, Order
from studio.db.types import utcnow
from studio.linking import CodeMatcher, matcher_for
from studio.roi import import_workers, rollup
from studio.roi.staging import (
    BATCH,
    KEY,
    STAGE_COLUMNS,
    STRAIGHT_COLUMNS,
    SUMMED,
    ImportSummary,
    batches,
    stage_tuples,
)

# advisory-lock namespace for "an ad import of this workspace is running" (any int4)
_IMPORT_LOCK = 0x41445354


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_ad_stats(
    session: Session,
    workspace_id: int,
    rows: Iterable[FetchedRow],
    *,
    source: str,
    platform: str,
    file: Path | None = None,
) -> ImportSummary:
    """Store a source's ad rows (and rejected rows) as one import run; commit is the caller's."""
    digest = file_hash(file) if file else None
    earlier = (
        session.scalar(
            select(AdImport.id)
            .where(AdImport.workspace_id == workspace_id, AdImport.file_hash == digest)
            .order_by(AdImport.id)
            .limit(1)
        )
        if digest
        else None
    )
    run = AdImport(
        workspace_id=workspace_id, source=source, platform=platform, status="running",
        file_name=file.name if file else None, file_hash=digest,
    )  # fmt: skip
    session.add(run)
    session.flush()
    summary = ImportSummary(import_id=run.id, repeated_file_of=earlier)
    if session.get_bind().dialect.name == "postgresql":
        # one import per workspace at a time (SQLite has one writer anyway): the merge below
        # relies on no other import adding rows for these days meanwhile
        session.execute(
            text("SELECT pg_advisory_xact_lock(:namespace, :key)"),
            {"namespace": _IMPORT_LOCK, "key": workspace_id % 2_147_483_647},
        )
    matcher = matcher_for(session, workspace_id)
    dialect = session.get_bind().dialect.name
    _tune(session, dialect)
    planned = import_workers.plan(rows)
    outcome = None
    if planned is not None and dialect == "postgresql":
        if _first_of(session, workspace_id, platform):
            outcome = copy_straight(session, planned, workspace_id, matcher, run.id)
    if outcome is not None:
        _take(summary, outcome)
        summary.changed = summary.rows_total - len(summary.rejected)
    else:
        stage = _create_stage(session, dialect)
        if planned is not None:  # a big export file: parsed in worker processes meanwhile
            outcome = import_workers.Outcome()
            for batch in import_workers.staged_batches(
                planned, workspace_id, matcher, outcome, sqlite=dialect == "sqlite"
            ):
                _copy(session, dialect, stage, batch)
            _take(summary, outcome)
        else:
            tuples = stage_tuples(rows, workspace_id, matcher, summary, sqlite=dialect == "sqlite")
            for batch in batches(tuples, BATCH):
                _copy(session, dialect, stage, batch)
        summary.changed = _merge(
            session, dialect, stage, run.id, workspace_id, duplicates=summary.duplicates > 0
        )
        session.execute(text(f"DROP TABLE {stage}"))
    # every ad-day of the file is stored, whether its row was new, changed or already equal
    summary.stored = summary.rows_total - len(summary.rejected) - summary.duplicates
    rollup.rebuild(session, workspace_id)
    if summary.rejected:
        session.execute(
            insert(AdImportRejectedRow),
            [
                {"workspace_id": workspace_id, "ad_import_id": run.id,
                 "row_number": r.row_number or 0, "reason": r.reason, "raw": r.raw}
                for r in summary.rejected
            ],
        )  # fmt: skip
    run.rows_total = summary.rows_total
    run.matched, run.unmatched = summary.matched, summary.unmatched
    run.rejected = len(summary.rejected)
    run.status = "done"
    run.finished_at = utcnow()
    session.flush()
    return summary


def _take(summary: ImportSummary, outcome: import_workers.Outcome) -> None:
    """The counts of a file parsed by the worker processes, into the import's summary."""
    summary.rows_total, summary.rejected = outcome.rows_total, outcome.rejected
    summary.matched, summary.unmatched = outcome.matched, outcome.unmatched
    summary.duplicates = outcome.duplicates


def _tune(session: Session, dialect: str) -> None:
    if dialect == "sqlite":
        # SQLite's default 2 MB page cache thrashes on a big table's seven indexes (the stage
        # itself stays in memory: studio.db.engine sets temp_store on every connection)
        driver = session.connection().connection.driver_connection
        driver.execute("PRAGMA cache_size = -262144")  # type: ignore[union-attr]
        return
    # For this transaction only. The stage is a temporary table: in local buffers (8 MB by
    # default, settable until a session first uses a temporary table) rather than spilled to
    # disk. The import is one transaction that the caller can run again: waiting for its
    # commit record to reach the disk buys nothing (a crash loses at most this import, never
    # consistency).
    session.execute(text("SET LOCAL temp_buffers = '1GB'"))
    session.execute(text("SET LOCAL synchronous_commit = off"))
    session.execute(text("SET LOCAL work_mem = '256MB'"))


def _create_stage(session: Session, dialect: str) -> str:
    name = "ad_stats_stage"
    money = "NUMERIC(18,6)" if dialect == "postgresql" else "REAL"
    types = dict.fromkeys(STAGE_COLUMNS, "TEXT")
    types.update(dict.fromkeys(("workspace_id", "video_id"), "BIGINT"))
    types.update(dict.fromkeys(SUMMED - {"spend", "revenue"}, "BIGINT"))
    types.update({"spend": money, "revenue": money, "date": "DATE"})
    columns = ", ".join(f"{c} {types[c]}" for c in STAGE_COLUMNS)
    session.execute(text(f"DROP TABLE IF EXISTS {name}"))
    session.execute(text(f"CREATE TEMPORARY TABLE {name} ({columns})"))
    return name


def _first_of(session: Session, workspace_id: int, platform: str) -> bool:
    """No ad stats stored yet for this workspace and platform (its first import, a backfill)."""
    found = session.scalar(
        text("SELECT 1 FROM ad_stats WHERE workspace_id = :ws AND platform = :platform LIMIT 1"),
        {"ws": workspace_id, "platform": platform},
    )
    return found is None


def copy_straight(
    session: Session,
    planned: import_workers.Planned,
    workspace_id: int,
    matcher: CodeMatcher,
    import_id: int,
) -> import_workers.Outcome | None:
    """A first import (PostgreSQL): slices copied straight into ``ad_stats`` while workers parse.

    Staging then merging does the database's work — a million rows' indexes and foreign-key
    checks — after the parsing; with nothing stored to merge with, the server inserts each slice
    while the next ones are parsed. That needs every ad-day of the file once: at the first
    repeated ad and day (rows to sum, e.g. a placement breakdown) or any unique-key clash
    (a row for another platform) the copied rows are rolled back and the caller stages the file
    as usual (``None``). Repeats come early in such files, so little is thrown away.
    """
    from psycopg.errors import UniqueViolation

    stamp = utcnow().isoformat()
    outcome = import_workers.Outcome()
    savepoint = session.begin_nested()
    parsed = import_workers.staged_batches(
        planned, workspace_id, matcher, outcome, sqlite=False,
        suffix=f"\t{import_id}\t{stamp}\t{stamp}",
    )  # fmt: skip
    try:
        for batch in parsed:
            if outcome.duplicates:
                savepoint.rollback()
                return None
            _copy(session, "postgresql", "ad_stats", batch, STRAIGHT_COLUMNS)
    except UniqueViolation:
        savepoint.rollback()
        return None
    finally:
        parsed.close()
    savepoint.commit()
    return outcome


def _copy(
    session: Session,
    dialect: str,
    table: str,
    batch: list[tuple[Any, ...]] | str,
    columns: tuple[str, ...] = STAGE_COLUMNS,
) -> None:
    """Rows into ``table`` (the stage, or ad_stats for a straight copy): tuples, or
    (PostgreSQL) text already in COPY format."""
    driver = session.connection().connection.driver_connection
    if dialect == "postgresql":
        with driver.cursor() as cursor:  # type: ignore[union-attr]
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                if isinstance(batch, str):
                    copy.write(batch)
                else:
                    for row in batch:
                        copy.write_row(row)
        return
    # the rows are already in SQLite's stage types (see staging.stage_tuples)
    marks = ", ".join("?" for _ in columns)
    driver.executemany(  # type: ignore[union-attr]
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch
    )


def _merge(
    session: Session, dialect: str, stage: str, import_id: int, workspace_id: int, *,
    duplicates: bool,
) -> int:  # fmt: skip
    now = utcnow()
    # Nothing stored yet for the file's days (a first import, next month's export): a plain
    # INSERT, without ON CONFLICT's check-and-insert per row (PostgreSQL: ~40 % of the merge)
    overlaps = session.scalar(
        text(
            "SELECT 1 FROM ad_stats WHERE workspace_id = :ws AND date >= "
            f"(SELECT MIN(date) FROM {stage}) AND date <= (SELECT MAX(date) FROM {stage}) LIMIT 1"
        ),
        {"ws": workspace_id},
    )
    selects = []
    for c in STAGE_COLUMNS:
        if c in KEY or not duplicates:
            selects.append("CAST(raw AS JSONB)" if c == "raw" and dialect == "postgresql" else c)
        elif c in SUMMED:
            selects.append(f"SUM({c})")
        elif c == "raw":
            selects.append("CAST(MAX(raw) AS JSONB)" if dialect == "postgresql" else "MAX(raw)")
        else:
            selects.append(f"MAX({c})")
    targets = [*STAGE_COLUMNS, "ad_import_id", "created_at", "updated_at"]
    updates = ", ".join(
        f"{c} = excluded.{c}" for c in targets if c not in KEY and c != "created_at"
    )
    # A row whose numbers, names and link are unchanged is not rewritten: re-importing the same
    # file (or an overlapping date range) would otherwise rewrite every row and every index
    # entry. It keeps the import id and updated_at of the import that last changed it — except
    # unlinked rows, which every import takes over so its list of unmatched rows is complete.
    data = [c for c in STAGE_COLUMNS if c not in KEY]
    if dialect == "postgresql":
        changed = (
            f"(ad_stats.{', ad_stats.'.join(data)}) IS DISTINCT FROM "
            f"(excluded.{', excluded.'.join(data)})"
        )
    else:
        changed = " OR ".join(f"ad_stats.{c} IS NOT excluded.{c}" for c in data)
    sql = (
        f"INSERT INTO ad_stats ({', '.join(targets)}) "
        f"SELECT {', '.join(selects)}, :import_id, :now, :now FROM {stage} "
        # summing same-key rows needs a GROUP BY (a sort); most files have none to sum
        + (f"WHERE true GROUP BY {', '.join(KEY)} " if duplicates else "WHERE true ")
        + (
            f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates} "
            f"WHERE ad_stats.video_id IS NULL OR {changed}"
            if overlaps
            else ""
        )
    )
    stamp: Any = now if dialect == "postgresql" else now.replace(tzinfo=None).isoformat(" ")
    params = {"import_id": import_id, "now": stamp}
    if overlaps and dialect == "postgresql":
        # PostgreSQL's ON CONFLICT DO UPDATE locks every conflicting row even when its WHERE
        # then skips it: a re-import would dirty every page of the table. An UPDATE of the
        # changed rows and an INSERT of the new ones touch only those (the workspace's import
        # lock keeps other imports from adding the same rows in between).
        grouped = f" GROUP BY {', '.join(KEY)}" if duplicates else ""
        named = ", ".join(f"{e} AS {c}" for e, c in zip(selects, STAGE_COLUMNS, strict=True))
        source = f"(SELECT {named} FROM {stage}{grouped}) AS s"
        same_key = " AND ".join(f"a.{c} = s.{c}" for c in KEY)
        sets = ", ".join(f"{c} = s.{c}" for c in data)
        updated = _rowcount(
            session.execute(
                text(
                    f"UPDATE ad_stats AS a SET {sets}, ad_import_id = :import_id, "
                    f"updated_at = :now FROM {source} WHERE {same_key} AND (a.video_id IS NULL "
                    f"OR (a.{', a.'.join(data)}) IS DISTINCT FROM (s.{', s.'.join(data)}))"
                ),
                params,
            )
        )
        inserted = _rowcount(
            session.execute(
                text(
                    f"INSERT INTO ad_stats ({', '.join(targets)}) "
                    f"SELECT s.*, :import_id, :now, :now FROM {source} "
                    f"WHERE NOT EXISTS (SELECT 1 FROM ad_stats AS a WHERE {same_key})"
                ),
                params,
            )
        )
        return updated + inserted
    return _rowcount(session.execute(text(sql), params))


def _rowcount(result: Any) -> int:
    # a DML statement's result is a CursorResult: its rowcount is the rows inserted or updated
    return int(cast(CursorResult[Any], result).rowcount or 0)


# --- orders -------------------------------------------------------------------------------


def import_orders(
    session: Session, workspace_id: int, rows: Iterable[FetchedRow], *, source: str
) -> tuple[int, list[RejectedRow]]:
    """Upsert shop orders (optional second revenue source); returns (stored, rejected)."""
    from studio.db.upsert import upsert

    matcher = matcher_for(session, workspace_id)
    batch: list[dict[str, Any]] = []
    rejected: list[RejectedRow] = []
    stored = 0
    for row in rows:
        if isinstance(row, RejectedRow):
            rejected.append(row)
            continue
        if not isinstance(row, OrderRow):
            continue
        found = matcher.match("", None, None, row.utm_content)
        batch.append({
            "workspace_id": workspace_id, "source": source, "external_id": row.order_id,
            "ordered_at": dt.datetime.combine(row.date, dt.time(), dt.UTC),
            "revenue": row.revenue, "currency": row.currency,
            "utm_source": row.raw.get("utm_source"), "utm_medium": row.raw.get("utm_medium"),
            "utm_campaign": row.utm_campaign, "utm_content": row.utm_content,
            "video_id": found.video_id,
            # the variant sold (its SKU): ROI costs the sale at that variant's margin
            "raw": {"sku": row.raw["sku"]} if row.raw.get("sku") else {},
        })  # fmt: skip
    for start in range(0, len(batch), 5000):
        stored += upsert(
            session,
            Order,
            batch[start : start + 5000],
            key=["workspace_id", "source", "external_id"],
        )
    return stored, rejected
