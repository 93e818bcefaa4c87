"""A big CSV ad export parsed column by column (pyarrow), for the database to load at its pace.

Cell-by-cell Python (``ExportReader.row``: ~15 CPU-s per million Meta rows, in worker
processes) was most of an import. Here pyarrow's CSV reader cuts the file into blocks of
string columns on its own threads, and each block becomes stage rows (``columnar_rows``):
numbers in their common shapes cast in bulk, text, days, currencies and links worked out once
per distinct value with the row path's own functions, and any row with a cell in another
shape (a negative number, ``-`` in a number column, a revenue to estimate from ROAS, an
Excel-rounded ad id, ...) handed to ``ExportReader.row`` with its cells, so its value or its
rejection reason is the row path's own.

Row numbers, summary rows and duplicates come out as in one pass, by the same rules as
``import_workers``. Blocks are converted while the importing thread writes the previous one:
for SQLite in a forked child (``columnar_process``) where forking is allowed, else on a helper
thread (sqlite3 and psycopg let go of the GIL while the database works).
"""

from __future__ import annotations

import codecs
import contextlib
import queue
import re
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice, repeat
from pathlib import Path
from typing import Any

import numpy as np

from studio.contracts import AdStatRow, RejectedRow
from studio.ingest.adstats import NO_NAME, ROW, ExportReader, blank_cell
from studio.linking import CodeMatcher
from studio.roi import columnar_process
from studio.roi.columnar_rows import ERROR, Block, columns, fields, per_value
from studio.roi.import_workers import Outcome, Planned, may_fork
from studio.roi.rollup import Summed
from studio.roi.staging import STAGE_COLUMNS, ImportSummary, link_of, stage_tuples

# bytes of CSV per block (~8,000 Meta rows): small enough that the database starts writing
# soon, big enough that per-block work (distinct values, a queue hand-over) stays small
BLOCK = 2 << 20
BLANK_LINE = re.compile(r"\n\r?\n")  # searched from the data's start: no copy of the text


class Unsupported(Exception):
    """A shape this path does not take (a row with more or fewer cells than the header):
    the caller rolls back and imports the file the ordinary way."""


def usable(planned: Planned) -> bool:
    """pyarrow is there, the spec has a date column (not per-row date logic), and there are
    no blank lines (pyarrow skips them; they still take a row number)."""
    try:
        import pyarrow.csv  # noqa: F401
    except ImportError:
        return False
    text, _, reader, start = planned
    return reader.plan.date is not None and BLANK_LINE.search(text, start) is None


@dataclass
class _Made:
    """One block's stage rows and counts, applied when the importer takes them."""

    rows: Any  # CSV bytes, or a partial making the tuples (see _rows)
    staged: int
    duplicates: int
    matched: int
    unmatched: int
    rejected: list[RejectedRow]


@dataclass
class _State:
    """What spans blocks: row numbers, the file's first and last data rows, links, marks."""

    number: int = 1  # records before the block, the header included
    first_kind: int | None = None
    last_kind: int | None = None
    no_names: list[tuple[int, list[Any]]] = field(default_factory=list)
    links: dict[tuple[Any, ...], tuple[int | None, str | None, str]] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)
    summed: Summed | None = None  # the rows' totals (in the child process)


def staged_batches(
    planned: Planned, workspace_id: int, matcher: CodeMatcher, outcome: Outcome, *,
    sqlite: bool, extra: tuple[Any, ...] = (), totals: bool = False,
) -> Generator[list[tuple[Any, ...]] | bytes, None, None]:  # fmt: skip
    """Stage rows in file order: tuples (SQLite) or CSV for ``COPY … (FORMAT csv)``
    (PostgreSQL), each followed by the ``extra`` values. The contract of
    ``import_workers.staged_batches``; raises :class:`Unsupported` for a file it cannot take.
    ``totals``: the rows' per-video totals in ``outcome.summed`` too, when the child process
    converts (it has the time; the importing thread has not).
    """
    text, delimiter, reader, start = planned
    convert = _Converter(reader, workspace_id, matcher, sqlite, extra)
    source = (partial(_data, reader.source, text, start), delimiter, reader.width, convert)
    # SQLite's writing holds the GIL between rows: the conversion goes to a child process
    # when one may be forked (PostgreSQL's COPY of CSV bytes hardly needs it)
    if sqlite and may_fork():
        convert.state.summed = Summed(STAGE_COLUMNS) if totals else None
        made = _forked(*source)
    else:
        made = _threaded(*source)
    staged = 0
    try:
        for item in made:
            if isinstance(item, BaseException):
                raise item
            staged += item.staged
            outcome.duplicates += item.duplicates
            outcome.matched += item.matched
            outcome.unmatched += item.unmatched
            outcome.rejected += item.rejected
            if item.staged:
                yield item.rows
    finally:
        made.close()
    state = convert.state
    outcome.summed = state.summed
    keep = state.no_names
    if state.first_kind == NO_NAME:
        keep = keep[1:]
    if state.last_kind == NO_NAME:
        keep = keep[:-1]
    outcome.rejected += [reader.no_name(n, cells) for n, cells in keep]
    outcome.rejected.sort(key=lambda r: r.row_number or 0)
    outcome.rows_total = staged + len(outcome.rejected)


def _data(source: str, text: str, start: int) -> Any:
    """The data records as UTF-8, a stream for pyarrow: the file itself, mapped, when it is
    ASCII (ASCII bytes decode to themselves whatever the decoder; nothing read into memory
    ahead, nor copied), else the text encoded."""
    import pyarrow as pa

    path = Path(source)
    with open(path, "rb") as handle:
        skip = len(codecs.BOM_UTF8) if handle.read(3) == codecs.BOM_UTF8 else 0
    if text.isascii() and path.stat().st_size - skip == len(text):
        mapped = pa.memory_map(source)
        mapped.seek(skip + start)
        return mapped
    return pa.BufferReader(pa.py_buffer(text[start:].encode("utf-8")))


def _threaded(data: Callable[[], Any], delimiter: str, width: int,
              convert: _Converter) -> Generator[Any, None, None]:  # fmt: skip
    """The blocks converted on a helper thread, while the importing thread writes."""
    made: queue.Queue[Any] = queue.Queue(maxsize=4)
    stop = threading.Event()
    helper = threading.Thread(target=_produce, name="import-columns", daemon=True,
                              args=(data, delimiter, width, convert, made.put, stop))
    helper.start()
    try:
        while (item := made.get()) is not None:
            yield item
    finally:
        stop.set()
        while helper.is_alive():  # it may be waiting to hand over a block
            with contextlib.suppress(queue.Empty):
                made.get_nowait()
            helper.join(timeout=0.05)


@dataclass
class _End:
    """The child's last message: what spans blocks, for the rows without a name."""

    first_kind: int | None
    last_kind: int | None
    no_names: list[tuple[int, list[Any]]]
    summed: Summed | None


def _forked(data: Callable[[], Any], delimiter: str, width: int,
            convert: _Converter) -> Generator[Any, None, None]:  # fmt: skip
    """The blocks converted in a forked child, each one's rows sent ready for executemany."""

    def produce(send: columnar_process.Send) -> None:
        def put(item: Any) -> None:
            if isinstance(item, _Made):
                rows = item.rows()
                if convert.state.summed is not None:
                    convert.state.summed.add(rows)
                send(replace(item, rows=None), rows)
            elif item is None:
                state = convert.state
                send(_End(state.first_kind, state.last_kind, state.no_names, state.summed),
                     None)
            else:
                send(item, None)

        _produce(data, delimiter, width, convert, put, threading.Event())

    for header, rows in columnar_process.run(produce):
        if isinstance(header, _End):
            state = convert.state
            state.first_kind, state.last_kind = header.first_kind, header.last_kind
            state.no_names, state.summed = header.no_names, header.summed
        elif isinstance(header, _Made):
            header.rows = rows
            yield header
        else:
            yield header  # an exception, raised by the importing thread


def _produce(data: Callable[[], Any], delimiter: str, width: int, convert: _Converter,
             put: Callable[[Any], None], stop: threading.Event) -> None:  # fmt: skip
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"c{i}" for i in range(width)]
    try:
        blocks: Iterator[Any] = pacsv.open_csv(
            data(),
            read_options=pacsv.ReadOptions(column_names=names, block_size=BLOCK),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )  # fmt: skip
        for batch in blocks:
            if stop.is_set():
                return
            put(convert(batch))
        put(None)
    except pa.ArrowInvalid as exc:
        put(Unsupported(str(exc)))
    except BaseException as exc:  # raised again in the importing thread
        put(exc)


class _Converter:
    def __init__(self, reader: ExportReader, workspace_id: int, matcher: CodeMatcher,
                 sqlite: bool, extra: tuple[Any, ...]) -> None:  # fmt: skip
        self.reader, self.workspace_id, self.matcher = reader, workspace_id, matcher
        self.sqlite, self.extra = sqlite, extra
        self.state = _State()
        code = (reader.currency or "").upper()
        self.file_currency = code if len(code) == 3 and code.isalpha() else ERROR

    def __call__(self, batch: Any) -> _Made:
        import pyarrow as pa
        import pyarrow.compute as pc

        state, reader = self.state, self.reader
        n = batch.num_rows
        numbers = np.arange(n) + state.number + 1
        state.number += n
        cols = batch.columns
        no_id = np.ones(n, bool)
        if reader.id_i is not None:
            idx, blank = per_value(cols[reader.id_i], blank_cell)
            no_id = np.array(blank, bool)[idx]
        # a record of empty cells is skipped (it still has a number); only rows without an id
        # can be one, so only those are looked at
        empty = np.zeros(n, bool)
        candidates = np.flatnonzero(no_id)
        if len(candidates):
            some = pa.array(candidates)
            empty[candidates] = np.logical_and.reduce([
                pc.equal(pc.utf8_length(col.take(some)), 0).to_numpy(zero_copy_only=False)
                for col in cols])
        labels = reader.spec.total_labels
        idx, total = per_value(cols[0], lambda v: v.strip().lower().startswith(labels))
        skip = no_id & np.array(total, bool)[idx] & ~empty  # "Total of 25 results"
        no_name = no_id & ~skip & ~empty
        if reader.name_i is not None:
            idx, blank = per_value(cols[reader.name_i], blank_cell)
            no_name &= np.array(blank, bool)[idx]
        rows = ~empty & ~skip & ~no_name
        kinds = np.where(rows, ROW, NO_NAME)[~empty & ~skip]
        if len(kinds):
            state.first_kind = int(kinds[0]) if state.first_kind is None else state.first_kind
            state.last_kind = int(kinds[-1])
        for i in np.flatnonzero(no_name).tolist():
            state.no_names.append((int(numbers[i]), _cells(batch, i)))
        return self._stage(batch, rows, numbers)

    def _link(self, ident: tuple[Any, ...]) -> tuple[int | None, str | None, str]:
        link = self.state.links.get(ident)
        if link is None:
            link = self.state.links[ident] = link_of(self.matcher, ident)
        return link

    def _stage(self, batch: Any, rows: np.ndarray, numbers: np.ndarray) -> _Made:
        out = fields(self.reader, batch, self.file_currency)
        slow = out.slow & rows
        parsed: list[AdStatRow] = []
        rejected: list[RejectedRow] = []
        for i in np.flatnonzero(slow).tolist():
            row = self.reader.row(int(numbers[i]), _cells(batch, i))
            if isinstance(row, RejectedRow):
                rejected.append(row)
            else:
                parsed.append(row)  # type: ignore[arg-type]
        summary = ImportSummary(import_id=0)
        odd = list(stage_tuples(parsed, self.workspace_id, self.matcher, summary,
                                sqlite=self.sqlite))
        fast = np.flatnonzero(rows & ~slow)
        block = columns(out, fast, self.reader.spec.platform, self.file_currency, self._link,
                        self._key_id, self.sqlite)
        marks = np.concatenate([block.marks, np.array(
            [self._key_id(t[2]) * 1_000_000 + _ordinal(t[3]) for t in odd], np.int64)])
        made = _rows(block, len(fast), odd, self.workspace_id, self.reader.spec.platform,
                     self.sqlite, self.extra)
        return _Made(made, len(fast) + len(odd), self._repeated(marks),
                     len(fast) - block.unmatched + summary.matched,
                     block.unmatched + summary.unmatched, rejected)

    def _key_id(self, key: str) -> int:
        ids = self.state.keys
        return ids.setdefault(key, len(ids))

    def _repeated(self, marks: np.ndarray) -> int:
        """Rows whose ad and day were staged before (in this block or an earlier one)."""
        seen = self.state.seen
        before = len(seen)
        seen.update(np.unique(marks).tolist())
        return len(marks) - (len(seen) - before)


def _cells(batch: Any, i: int) -> list[Any]:
    return [col[i].as_py() for col in batch.columns]


def _ordinal(day: Any) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(day) if isinstance(day, str) else day).toordinal()


def _rows(block: Block, count: int, odd: list[tuple[Any, ...]], workspace_id: int,
          platform: str, sqlite: bool, extra: tuple[Any, ...]) -> Any:
    """CSV for PostgreSQL's COPY, or (sqlite3) a ``partial`` that makes the tuples for
    executemany in the writing thread."""
    cols = {**block.columns, "workspace_id": repeat(workspace_id), "platform": repeat(platform)}
    ordered = [cols[c] for c in STAGE_COLUMNS] + [repeat(v) for v in extra]
    if sqlite:
        return partial(_tuples, ordered, count, [(*t, *extra) for t in odd])
    import io

    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [*STAGE_COLUMNS, *(f"extra{i}" for i in range(len(extra)))]
    table = pa.table({name: pa.array(list(islice(values, count))) if isinstance(values, repeat)
                      else values for name, values in zip(names, ordered, strict=True)})
    buffer = io.BytesIO()
    pacsv.write_csv(table, buffer, pacsv.WriteOptions(include_header=False))
    return buffer.getvalue() + b"".join(_csv_line((*t, *extra)) for t in odd)


def _tuples(ordered: list[Any], count: int, odd: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    columns_ = [c() if isinstance(c, partial) else c for c in ordered]
    # the constants are endless: the block's own columns have ``count`` values
    return list(islice(zip(*columns_, strict=False), count)) + odd


def _csv_line(row: tuple[Any, ...]) -> bytes:
    """One row as PostgreSQL's CSV: an unquoted empty cell is NULL, a quoted one is ''."""
    cells = ("" if v is None else '"' + str(v).replace('"', '""') + '"' for v in row)
    return (",".join(cells) + "\n").encode("utf-8")
