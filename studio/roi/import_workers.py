"""A big CSV ad export parsed, linked and staged in worker processes while the database writes.

Parsing a million rows is seconds of pure Python; one process would parse, then wait for the
database, then parse again. Here the decoded text is cut into slices at record boundaries
(see :func:`studio.ingest.table.next_record`); forked workers turn each slice into stage rows
(the same :func:`studio.ingest.adstats.ExportReader` and staging code as the one-process path)
and the importing process writes slice after slice, in file order, while the next ones are
parsed.

Everything that depends on the whole file stays in the importing process, so the outcome is
the same as reading the file in one pass:

* row numbers: a worker counts records within its slice; the importer adds the records of
  the slices before it and makes the rejected rows (reasons name the spreadsheet row) itself;
* summary rows: a row without ad name or id is skipped only when it is the first or the last
  data row of the file, and rejected anywhere else;
* duplicates (several rows for one ad and day) are counted across slices.

Only for text exports (not XLSX) with quotes written the way spreadsheets write them, and only
when the file is big enough to be worth the processes; anything else takes the ordinary path.
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
import multiprocessing
import os
import re
import threading
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from studio.contracts import PluginError, RejectedRow
from studio.ingest import IngestError
from studio.ingest.ad_source import ExportRows
from studio.ingest.adstats import NO_NAME, SKIP, ExportReader
from studio.ingest.table import (
    UnclosedQuote,
    export_text,
    next_record,
    open_quote,
    text_headers,
)
from studio.linking import CodeMatcher
from studio.roi.rollup import Summed
from studio.roi.staging import ImportSummary, stage_tuples

# below this much text one process is as fast (starting workers costs ~50 ms)
MIN_TEXT = 8_000_000
SLICE = 4_000_000  # characters per slice: ~16,000 Meta rows
# what plan() found: the decoded text, its delimiter, the reader, where the data starts
Planned = tuple[str, str, ExportReader, int]


@dataclass
class _Job:
    text: str
    delimiter: str
    reader: ExportReader
    workspace_id: int
    matcher: CodeMatcher
    sqlite: bool
    suffix: str  # COPY cells appended to every row (see staged_batches)


@dataclass
class Slice:
    """What a worker makes of one slice of the file."""

    records: int = 0  # CSV records, blank ones included (they still take a row number)
    # data rows other than "Total" rows: where the file's first and last data rows are
    first_kind: int | None = None
    last_kind: int | None = None
    no_names: list[tuple[int, list[Any]]] = field(default_factory=list)  # (record, cells)
    bad: list[tuple[int, list[Any]]] = field(default_factory=list)  # rows _row rejected
    rows: Any = None  # stage tuples (SQLite) or COPY text (PostgreSQL)
    staged: int = 0
    marks: set[int] = field(default_factory=set)  # hash of (platform, ad key, day) per row
    matched: int = 0
    unmatched: int = 0
    error: tuple[int, str] | None = None  # (records read before it, csv's message)


# set in the importing process right before the workers fork; they inherit it
_JOB: _Job | None = None


def slices_of(text: str, start: int, size: int = SLICE) -> list[tuple[int, int]]:
    """Cut text[start:] into (start, end) slices of about ``size`` at record boundaries."""
    out = []
    while start < len(text):
        end = next_record(text, start, min(start + size, len(text)))
        out.append((start, end))
        start = end
    return out


def big_export(rows: object) -> bool:
    """Whether ``rows`` is an export file not read yet and big enough for :func:`plan` to look
    at (its size on disk only: the doors hand such rows over unread, see
    ``studio.services.sources.fetch_export``)."""
    if not isinstance(rows, ExportRows) or rows.started:
        return False
    try:
        return rows.path.stat().st_size >= MIN_TEXT
    except OSError:
        return False


def may_fork() -> bool:
    """Whether this process may start the worker processes now. Only from a main thread: a
    process forked while another of its threads holds a lock (a server's request threads, an
    embedded worker beside them) can deadlock; the columnar path needs no process."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    if multiprocessing.current_process().daemon:  # a pool's worker may not start processes
        return False
    return threading.current_thread() is threading.main_thread()


def plan(rows: object) -> Planned | None:
    """(text, delimiter, reader, where data starts) when ``rows`` is a big text export that a
    parallel path can take (``columnar``, or these workers if ``sliceable`` and
    :func:`may_fork`)."""
    if not isinstance(rows, ExportRows) or rows.started:
        return None
    source = str(rows.path)
    try:
        text = _text(rows.path)
        if text is None or len(text) < MIN_TEXT:
            return None
        headers, delimiter, data_start = text_headers(text, source)
        # a quote never closed: pyarrow would take the rest of the file as one cell (rows
        # lost without a word), the csv module too; an odd count of quotes is the cheap sign,
        # then the exact reading says whether and where (a quote inside a cell is text)
        if text.count('"') % 2:
            found = open_quote(text, 0, delimiter)
            if found is not None:
                raise UnclosedQuote(source, found[0] + 1)
    except IngestError as exc:
        raise PluginError(str(exc)) from None
    reader = ExportReader.of(source, headers, rows.spec, rows.currency)
    return text, delimiter, reader, data_start


def _text(path: Path) -> str | None:
    """``export_text``, decoded straight from the file mapped when it is UTF-8 with a BOM (as
    Ads Manager writes it): a 245 MB export is then one new string in memory, not three (the
    bytes read, the bytes after the BOM, the text); fresh memory that size costs 0.3-1.5 s to
    fault in next to a big heap."""
    try:
        with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0,
                                                   access=mmap.ACCESS_READ) as mapped:
            if mapped[: len(codecs.BOM_UTF8)] == codecs.BOM_UTF8:
                with memoryview(mapped) as view, view[len(codecs.BOM_UTF8):] as data:
                    return codecs.utf_8_decode(data, "strict", True)[0]
    except (OSError, ValueError):  # no such file, an empty one, bad UTF-8: export_text says
        pass
    return export_text(path)


def sliceable(planned: Planned) -> bool:
    """Whether the text can be cut at record ends by counting quotes: a quote inside an
    unquoted cell (5" screen) would throw the count off — a quote with neither a delimiter,
    a line break nor another quote on either side (starting the pattern with the quote itself
    lets the search skip ahead quickly). ~1 s on a 245 MB export: only asked when the file
    takes this path (``columnar`` reads such cells as the csv module does)."""
    text, delimiter, _, _ = planned
    other = f'[^{re.escape(delimiter)}\\r\\n"]'
    return re.search(f'"(?<={other}")(?={other})', text) is None


@dataclass
class Outcome:
    """Totals over all slices, for the import summary."""

    rows_total: int = 0
    matched: int = 0
    unmatched: int = 0
    duplicates: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    summed: Summed | None = None  # the rows' totals, when asked for (``columnar``)


def staged_batches(
    planned: Planned,
    workspace_id: int,
    matcher: CodeMatcher,
    outcome: Outcome,
    *,
    sqlite: bool,
    suffix: str = "",
    workers: int | None = None,
    size: int = SLICE,
) -> Generator[Any, None, None]:
    """Stage-ready batches in file order (tuples on SQLite, COPY text on PostgreSQL).

    ``suffix`` (PostgreSQL): text added to every COPY line, for columns that are the same on
    every row of the import. ``outcome.duplicates`` counts the rows repeated so far, up to and
    including the batch just yielded; the rest of ``outcome`` is complete once the iterator is
    exhausted.
    """
    global _JOB
    text, delimiter, reader, data_start = planned
    parts = slices_of(text, data_start, size)
    workers = workers or min(os.cpu_count() or 2, 4)
    _JOB = _Job(text, delimiter, reader, workspace_id, matcher, sqlite, suffix)
    pool = multiprocessing.get_context("fork").Pool(workers)
    _JOB = None  # the workers have their copy; the importer does not need it
    seen: set[int] = set()
    number = 1  # records before the current slice, the header row included
    staged = 0
    no_names: list[tuple[int, list[Any]]] = []  # (spreadsheet row, cells)
    # kinds of the file's first and last data rows ("Total" rows aside)
    first_kind: int | None = None
    last_kind: int | None = None
    try:
        pending: deque[Any] = deque()
        todo = iter(parts)
        for _ in range(workers * 2):  # a few slices ahead of the writer, not the whole file
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.apply_async(_work, nxt))
        while pending:
            part: Slice = pending.popleft().get()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.apply_async(_work, nxt))
            if part.error is not None:
                records, message = part.error
                raise PluginError(f"{reader.source}: row {number + records + 1}: {message}")
            if part.first_kind is not None:
                first_kind = part.first_kind if first_kind is None else first_kind
                last_kind = part.last_kind
            for record, cells in part.no_names:
                no_names.append((number + record, cells))
            for record, cells in part.bad:
                rejected = reader.row(number + record, cells)  # same cells, same verdict
                if isinstance(rejected, RejectedRow):
                    outcome.rejected.append(rejected)
            outcome.matched += part.matched
            outcome.unmatched += part.unmatched
            staged += part.staged
            seen |= part.marks
            outcome.duplicates = staged - len(seen)
            number += part.records
            if part.staged:
                yield part.rows
    finally:
        pool.terminate()
        pool.join()
    # the file's first data row and its last one may be summary rows without a name
    keep = no_names
    if first_kind == NO_NAME:
        keep = keep[1:]
    if last_kind == NO_NAME:
        keep = keep[:-1]
    outcome.rejected += [reader.no_name(n, cells) for n, cells in keep]
    outcome.rejected.sort(key=lambda r: r.row_number or 0)
    outcome.rows_total = staged + len(outcome.rejected)


def _work(start: int, end: int) -> Slice:
    job = _JOB
    assert job is not None, "workers run only inside staged_batches"
    out = Slice()
    reader = job.reader
    width = reader.width
    parsed: list[Any] = []
    names: dict[str, str] = {}  # one string object per ad name: pickled once per slice
    records = csv.reader(io.StringIO(job.text[start:end], newline=""), delimiter=job.delimiter)
    while True:
        cells: list[Any]
        try:
            cells = next(records)
        except StopIteration:
            break
        except csv.Error as exc:
            out.error = (out.records, str(exc))
            return out
        out.records += 1
        if not any(cells):
            continue
        if len(cells) < width:
            cells = cells + [None] * (width - len(cells))
        kind = reader.kind(cells)
        if kind == SKIP:
            continue
        if out.first_kind is None:
            out.first_kind = kind
        out.last_kind = kind
        if kind == NO_NAME:
            out.no_names.append((out.records, cells))
            continue
        row = reader.row(out.records, cells)
        if isinstance(row, RejectedRow):
            out.bad.append((out.records, cells))
            continue
        values = row.__dict__
        name = values["ad_name"]
        if name is not None:
            values["ad_name"] = names.setdefault(name, name)
        parsed.append(row)
    summary = ImportSummary(import_id=0)
    tuples = list(stage_tuples(parsed, job.workspace_id, job.matcher, summary, sqlite=job.sqlite))
    out.staged, out.matched, out.unmatched = len(tuples), summary.matched, summary.unmatched
    out.marks = {hash((t[1], t[2], t[3])) for t in tuples}
    out.rows = tuples if job.sqlite else copy_text(tuples, job.suffix)
    return out


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(rows: list[tuple[Any, ...]], suffix: str = "") -> str:
    """Rows in PostgreSQL's COPY text format (tab separated, ``\\N`` for NULL), each + suffix."""
    done: dict[Any, str] = {}  # texts and days repeat on every row of an ad: convert once
    lines = []
    for row in rows:
        cells = []
        for value in row:
            kind = type(value)
            if value is None:
                cells.append("\\N")
            elif kind is int or kind is Decimal:
                cells.append(str(value))
            else:  # str or date
                cell = done.get(value)
                if cell is None:
                    cell = str(value).translate(_ESCAPES)
                    if len(done) < 200_000:
                        done[value] = cell
                cells.append(cell)
        lines.append("\t".join(cells) + suffix)
    lines.append("")
    return "\n".join(lines)
