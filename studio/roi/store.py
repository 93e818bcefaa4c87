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
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, insert, select, text
from sqlalchemy.orm import Session

from studio.contracts import FetchedRow, OrderRow, RejectedRow
from studio.db import AdImport, AdImportRejectedRow, Order
from studio.db.types import utcnow
from studio.linking import matcher_for
from studio.roi import columnar, import_workers, rollup, straight
from studio.roi.staging import (
    BATCH,
    KEY,
    STAGE_COLUMNS,
    SUMMED,
    ImportSummary,
    batches,
    copy_rows,
    stage_tuples,
    upsert_clause,
)

# advisory-lock namespace for "an ad import of this workspace is running" (any int4)
_IMPORT_LOCK = 0x41445354


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _hashing(path: Path) -> Future[str]:
    pool = ThreadPoolExecutor(1, thread_name_prefix="import-hash")
    try:
        return pool.submit(file_hash, path)
    finally:
        pool.shutdown(wait=False)


def import_ad_stats(
    session: Session,
    workspace_id: int,
    rows: Iterable[FetchedRow],
    *,
    source: str,
    platform: str,
    file: Path | None = None,
    shown: Callable[[str], str] | None = None,
) -> ImportSummary:
    """Store a source's ad rows (and rejected rows) as one import run; commit is the caller's.

    ``shown``: a rejected row's reason as the seller may read it (the file named as they
    named it, not the studio's copy), for rows read here from an export file."""
    # the file's hash on a thread meanwhile (hashlib lets go of the GIL on big chunks): the
    # second core's spare time, not 0.2 s (245 MB) before anything else; stored at the end
    digest = _hashing(file) if file else None
    run = AdImport(
        workspace_id=workspace_id, source=source, platform=platform, status="running",
        file_name=file.name if file else None,
    )  # fmt: skip
    session.add(run)
    session.flush()
    summary = ImportSummary(import_id=run.id)
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
    columns = planned is not None and columnar.usable(planned)
    if planned is not None and not columns and not (
            import_workers.may_fork() and import_workers.sliceable(planned)):
        planned = None  # one pass reads it
    outcome = changed = None
    summed = None  # the totals, summed while the rows were written
    if planned is not None and dialect == "sqlite" and columns:
        # the workspace's first rows are all its totals: summed as they are written (the
        # rows a plain INSERT wrote, or none: a clash or a repeat rolls back to the stage)
        alone = straight.first_of(session, workspace_id, None)
        first = alone or straight.first_of(session, workspace_id, platform)
        done = straight.upsert(session, planned, workspace_id, matcher, run.id, first=first,
                               totals=alone)
        if done is not None:
            outcome, changed = done
            if alone and outcome.summed is not None:
                summed = outcome.summed.rows(workspace_id)
    elif planned is not None and dialect == "postgresql" and straight.first_of(
        session, workspace_id, platform
    ):
        outcome = straight.copy_straight(session, planned, workspace_id, matcher, run.id,
                                         columns=columns)
        changed = None if outcome is None else outcome.rows_total - len(outcome.rejected)
    if outcome is not None and changed is not None:
        _take(summary, outcome)
        summary.changed = changed
    else:
        stage = _create_stage(session, dialect)
        staged = None
        if planned is not None:  # a big export file: parsed meanwhile (columns or workers)
            staged = straight.stage_file(session, dialect, stage, planned, workspace_id,
                                         matcher, columns=columns)
        if staged is not None:
            _take(summary, staged)
        else:
            tuples = stage_tuples(rows, workspace_id, matcher, summary, sqlite=dialect == "sqlite")
            for batch in batches(tuples, BATCH):
                copy_rows(session, dialect, stage, batch)
        summary.changed = _merge(
            session, dialect, stage, run.id, workspace_id, duplicates=summary.duplicates > 0
        )
        session.execute(text(f"DROP TABLE {stage}"))
    # every ad-day of the file is stored, whether its row was new, changed or already equal
    summary.stored = summary.rows_total - len(summary.rejected) - summary.duplicates
    # nothing written (the same file twice): the totals stand, unless the cache was emptied
    totals = text("SELECT 1 FROM ad_stat_totals WHERE workspace_id = :ws LIMIT 1")
    if summed is not None:
        rollup.write(session, workspace_id, summed)
    elif summary.changed or session.scalar(totals, {"ws": workspace_id}) is None:
        rollup.rebuild(session, workspace_id)
    if shown is not None:
        for row in summary.rejected:
            row.reason = shown(row.reason)
    if summary.rejected:
        session.execute(
            insert(AdImportRejectedRow),
            [
                {"workspace_id": workspace_id, "ad_import_id": run.id,
                 "row_number": r.row_number or 0, "reason": r.reason, "raw": r.raw}
                for r in summary.rejected
            ],
        )  # fmt: skip
    if digest is not None:
        run.file_hash = digest.result()
        summary.repeated_file_of = session.scalar(
            select(AdImport.id)
            .where(AdImport.workspace_id == workspace_id, AdImport.file_hash == run.file_hash,
                   AdImport.id != run.id)
            .order_by(AdImport.id)
            .limit(1)
        )  # fmt: skip
    run.rows_total = summary.rows_total
    run.matched, run.unmatched = summary.matched, summary.unmatched
    run.rejected = len(summary.rejected)
    run.status = "done"
    run.finished_at = utcnow()
    session.flush()
    return summary


def _take(summary: ImportSummary, outcome: import_workers.Outcome) -> None:
    """The counts of a big file parsed meanwhile, into the import's summary."""
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
    data = [c for c in STAGE_COLUMNS if c not in KEY]
    sql = (
        f"INSERT INTO ad_stats ({', '.join(targets)}) "
        f"SELECT {', '.join(selects)}, :import_id, :now, :now FROM {stage} "
        # summing same-key rows needs a GROUP BY (a sort); most files have none to sum
        + (f"WHERE true GROUP BY {', '.join(KEY)} " if duplicates else "WHERE true ")
        + (upsert_clause(dialect) if overlaps else "")
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
