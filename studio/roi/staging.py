"""What an ad import stages, shared by the one-process path (:mod:`studio.roi.store`) and the
parsers of big files (:mod:`studio.roi.import_workers`, :mod:`studio.roi.columnar`).

Kept apart so neither imports the other: the stage's columns, the import's summary, and the
one per-row path from parsed rows to stage rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from studio.contracts import AdStatRow, FetchedRow, RejectedRow
from studio.db import ad_key
from studio.linking import CodeMatcher

BATCH = 20_000
STAGE_COLUMNS = (
    "workspace_id", "platform", "ad_key", "date", "account_id", "ad_id", "ad_name",
    "campaign_name", "currency", "spend", "impressions", "clicks", "link_clicks", "purchases",
    "revenue", "plays_2s", "plays_3s", "thruplays", "utm_content", "raw", "video_id",
    "match_method",
)  # fmt: skip
SUMMED = {
    "spend", "impressions", "clicks", "link_clicks", "purchases", "revenue", "plays_2s",
    "plays_3s", "thruplays",
}  # fmt: skip
KEY = ("workspace_id", "platform", "ad_key", "date")
# a first import's COPY straight into ad_stats: the stage's columns + the import's own
STRAIGHT_COLUMNS = (*STAGE_COLUMNS, "ad_import_id", "created_at", "updated_at")


@dataclass
class ImportSummary:
    import_id: int
    rows_total: int = 0
    stored: int = 0
    matched: int = 0
    unmatched: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    repeated_file_of: int | None = None  # an earlier import of the very same file
    other: int = 0  # products/orders handed to an ad import, ignored
    duplicates: int = 0  # rows for an ad and day already seen in this import (summed)
    changed: int = 0  # ad-days inserted or rewritten (the rest were stored already, unchanged)


def link_of(
    matcher: CodeMatcher, ident: tuple[Any, ...]
) -> tuple[int | None, str | None, str]:
    """(video id, how it matched, ad key) of an ad: ``ident`` is (platform, ad id, ad name,
    utm_content)."""
    found = matcher.match(*ident)
    return found.video_id, found.method, ad_key(ident[1], ident[2])


def stage_tuples(
    rows: Iterable[FetchedRow],
    workspace_id: int,
    matcher: CodeMatcher,
    summary: ImportSummary,
    *,
    sqlite: bool = False,
) -> Iterator[tuple[Any, ...]]:
    """Stage rows, ready for the driver (SQLite gets floats and ISO dates, its stage types).

    The per-row work is a million times over: the link and ad key are looked up once per ad,
    counters are locals until the end.
    """
    # (platform, ad_id, ad_name, utm_content) → (video_id, match method, ad key)
    cache: dict[tuple[Any, ...], tuple[int | None, str | None, str]] = {}
    days: dict[dt.date, str] = {}
    seen: set[int] = set()  # hashes of (platform, ad, day): a collision only costs a GROUP BY
    rejected = summary.rejected
    total = matched = unmatched = other = duplicates = 0
    for row in rows:
        if type(row) is not AdStatRow:
            if isinstance(row, RejectedRow):
                rejected.append(row)
                total += 1
                continue
            if not isinstance(row, AdStatRow):
                other += 1
                continue
        total += 1
        values = row.__dict__  # plain attribute reads, without pydantic's per-attribute hops
        platform, ad_id, ad_name = values["platform"], values["ad_id"], values["ad_name"]
        ident = (platform, ad_id, ad_name, values["utm_content"])
        link = cache.get(ident)
        if link is None:
            link = cache[ident] = link_of(matcher, ident)
        if link[0] is None:
            unmatched += 1
        else:
            matched += 1
        raw = values["raw"]
        notes = json.dumps({k: v for k, v in raw.items() if k.startswith("_")}) if raw else "{}"
        key, date = link[2], values["date"]
        mark = hash((platform, key, date))
        if mark in seen:
            duplicates += 1
        seen.add(mark)
        spend, revenue = values["spend"], values["revenue"] or 0
        if sqlite:
            day = days.get(date)
            if day is None:
                day = days[date] = date.isoformat()
            date, spend, revenue = day, float(spend), float(revenue)
        yield (
            workspace_id, platform, key, date,
            values["account_id"], ad_id, ad_name, values["campaign_name"], values["currency"],
            spend, values["impressions"], values["clicks"] or 0, values["link_clicks"] or 0,
            values["purchases"] or 0, revenue, values["plays_2s"], values["plays_3s"],
            values["thruplays"], values["utm_content"], notes, link[0], link[1],
        )  # fmt: skip
    summary.rows_total += total
    summary.matched += matched
    summary.unmatched += unmatched
    summary.other += other
    summary.duplicates += duplicates


def batches(items: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def upsert_clause(dialect: str) -> str:
    """``ON CONFLICT`` for rows arriving in ad_stats over stored ones.

    A row whose numbers, names and link are unchanged is not rewritten: re-importing the same
    file (or an overlapping date range) would otherwise rewrite every row and every index
    entry. It keeps the import id and updated_at of the import that last changed it — except
    unlinked rows, which every import takes over so its list of unmatched rows is complete."""
    data = [c for c in STAGE_COLUMNS if c not in KEY]
    updates = ", ".join(
        f"{c} = excluded.{c}" for c in (*data, "ad_import_id", "updated_at")
    )
    if dialect == "postgresql":
        changed = (
            f"(ad_stats.{', ad_stats.'.join(data)}) IS DISTINCT FROM "
            f"(excluded.{', excluded.'.join(data)})"
        )
    else:
        changed = " OR ".join(f"ad_stats.{c} IS NOT excluded.{c}" for c in data)
    return (f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates} "
            f"WHERE ad_stats.video_id IS NULL OR {changed}")


def copy_rows(
    session: Session,
    dialect: str,
    table: str,
    batch: list[tuple[Any, ...]] | str | bytes | Callable[[], list[tuple[Any, ...]]],
    columns: tuple[str, ...] = STAGE_COLUMNS,
    *,
    upsert: bool = False,
) -> int:
    """Rows into ``table`` (the stage, or ad_stats): tuples (or a function making them, called
    here), or (PostgreSQL) COPY text (str) or CSV (bytes, ``columnar``). ``upsert`` (SQLite):
    over stored rows, by ``upsert_clause``. Returns the rows written (SQLite; COPY: 0)."""
    if callable(batch):
        batch = batch()
    driver: Any = session.connection().connection.driver_connection
    names = ", ".join(columns)
    if dialect == "postgresql":
        csv = " (FORMAT csv)" if isinstance(batch, bytes) else ""
        with driver.cursor() as cursor, cursor.copy(
            f"COPY {table} ({names}) FROM STDIN{csv}"
        ) as copy:
            if isinstance(batch, str | bytes):
                copy.write(batch)
            else:
                for row in batch:
                    copy.write_row(row)
        return 0
    # the rows are already in SQLite's stage types (see stage_tuples)
    marks = ", ".join("?" for _ in columns)
    tail = f" {upsert_clause(dialect)}" if upsert else ""
    cursor = driver.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}){tail}", batch)
    return int(cursor.rowcount or 0)
