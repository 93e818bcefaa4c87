"""Turn an export file (CSV, TSV, XLSX) into rows keyed by header name.

Row numbers are the ones a seller sees when opening the file in a spreadsheet (header = row 1),
so a rejection message can say "row 7" and be found.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

XLSX_MAGIC = b"PK\x03\x04"


class IngestError(ValueError):
    """The whole file cannot be read; the message names the file and what to do."""


# how files that are not spreadsheets begin: the seller picked the wrong file
_NOT_TABLES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "jpeg"), (0, b"\x89PNG", "png"), (0, b"GIF8", "gif"),
    (8, b"WEBP", "webp"), (0, b"%PDF", "pdf"), (4, b"ftyp", "video"),
    (0, b"\xd0\xcf\x11\xe0", "xls"),
)
NOT_TABLE_NAMES = {
    "jpeg": "a JPEG photo", "png": "a PNG image", "gif": "a GIF image", "webp": "a WebP image",
    "pdf": "a PDF document", "video": "a video", "xls": "an old-style Excel workbook (.xls)",
}


class NotATable(IngestError):
    """The file is a photo, a PDF, an old .xls…: ``what`` says which (a key of
    :data:`NOT_TABLE_NAMES`)."""

    def __init__(self, source: str, what: str) -> None:
        self.source, self.what = source, what
        todo = ("save it as an Excel Workbook (.xlsx) or CSV and choose that file"
                if what == "xls" else "choose the CSV, TSV or Excel (.xlsx) export instead")
        super().__init__(f"{source} is {NOT_TABLE_NAMES[what]}, not a spreadsheet; {todo}")


class UnclosedQuote(IngestError):
    """A quote opens a cell at spreadsheet row ``row`` and is never closed: the csv reader
    would take the rest of the file as that one cell (rows lost, a price read as empty)."""

    def __init__(self, source: str, row: int) -> None:
        self.source, self.row = source, row
        super().__init__(f'{source}: row {row}: a quote (") opens here and is never closed '
                         "— close it or remove it, then import again")


def open_quote(text: str, start: int, delimiter: str) -> tuple[int, int] | None:
    """Where a quote opens a cell of ``text[start:]`` and is never closed, read as the csv
    module reads (a quote opens a cell only at its start, ``""`` inside is a quote, any other
    quote is text): (records before that cell's record, the quote's index); None when every
    quoted cell closes. ``start`` must be the start of a record. Only quotes are visited."""
    records = 0
    at = start
    while True:
        quote = text.find('"', at)
        if quote < 0:
            return None
        if quote > start and text[quote - 1] not in (delimiter, "\n", "\r"):
            at = quote + 1  # a quote inside an unquoted cell is text
            continue
        records += text.count("\n", at, quote)
        end = quote
        while True:
            end = text.find('"', end + 1)
            if end < 0:
                return records, quote
            if text.startswith('"', end + 1):
                end += 1  # a doubled quote inside the cell
                continue
            break
        at = end + 1


def refuse_non_table(data: bytes, source: str) -> None:
    """Raise :class:`NotATable` when ``data`` begins like a photo, PDF, video or .xls."""
    for offset, magic, what in _NOT_TABLES:
        if data[offset:offset + len(magic)] == magic:
            raise NotATable(source, what)


@dataclass
class Table:
    source: str
    headers: list[str]
    # (row number as shown in a spreadsheet, {header: cell})
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    # False when only the first rows were read (:func:`read_head`)
    complete: bool = True


def decode_export(data: bytes, *, source: str = "file") -> str:
    """Decode export bytes: UTF-8 (with or without BOM), UTF-16 (Excel "Unicode text"), GBK.

    GBK is decoded as GB18030, its superset, so rare characters in product names survive.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    # UTF-16 without a BOM: ASCII text has a zero in every other byte
    head = data[:200]
    if head and head.count(b"\x00") * 3 >= len(head):
        return data.decode("utf-16-le" if head[1:2] == b"\x00" else "utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise IngestError(
            f"{source}: the text is neither UTF-8, UTF-16 nor GBK; "
            "re-export it as CSV UTF-8 (Excel: Save As > CSV UTF-8)"
        ) from None


def _delimiter(first_line: str) -> str:
    # Excel's "Unicode text" and TikTok's TSV exports are tab separated
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _clean_header(value: Any) -> str:
    return " ".join(str(value if value is not None else "").replace("\ufeff", "").split())


class _Records:
    """The csv records of an export's text, numbered as a spreadsheet numbers rows (header =
    row 1; records, not physical lines: a quoted cell with a line break is one row). A quote
    never closed makes the csv module take the rest of the file as one cell: the last record
    is checked, and :class:`UnclosedQuote` names its row instead."""

    def __init__(self, text: str, source: str) -> None:
        self.text, self.source = text, source
        self.delimiter = _delimiter(text.split("\n", 1)[0])
        self._buffer = io.StringIO(text, newline="")
        self._reader = csv.reader(self._buffer, delimiter=self.delimiter)
        self.number = 0  # the row of the record read last
        self._start = 0  # where it starts

    def __iter__(self) -> _Records:
        return self

    def __next__(self) -> list[str]:
        start = self._buffer.tell()
        try:
            cells = next(self._reader)
        except StopIteration:
            if self.number and self._left_open(self._start):
                raise UnclosedQuote(self.source, self.number) from None
            raise
        except csv.Error as exc:  # e.g. "field larger than field limit": the rest of the file
            if self._left_open(start):
                raise UnclosedQuote(self.source, self.number + 1) from None
            raise IngestError(f"{self.source}: row {self.number + 1}: {exc}") from None
        self.number += 1
        self._start = start
        return cells

    def _left_open(self, start: int) -> bool:
        """Whether the record starting at ``start`` has a quote that is never closed."""
        found = open_quote(self.text, start, self.delimiter)
        return found is not None and found[0] == 0


def _parse_text(text: str, source: str, limit: int | None = None) -> Table:
    reader = _Records(text, source)
    try:
        header_row = next(reader)
    except StopIteration:
        raise IngestError(f"{source}: the file is empty; export it again with data") from None
    headers = [_clean_header(h) for h in header_row]
    table = Table(source=source, headers=headers)
    number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        number += 1
        if not any(c.strip() for c in cells):
            continue
        if limit is not None and len(table.rows) >= limit:
            table.complete = False
            break
        table.rows.append((number, _row(headers, cells)))
    return table


def _row(headers: list[str], cells: list[Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for i, header in enumerate(headers):
        if not header:
            continue
        value = cells[i] if i < len(cells) else None
        # the first occurrence of a duplicated header wins: exports repeat e.g. "Ends"
        row.setdefault(header, value)
    return row


def _parse_xlsx(data: bytes, source: str, sheet: str | None, limit: int | None = None) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise IngestError(f"{source}: not a readable XLSX workbook ({exc})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise IngestError(f"{source}: no sheet named {sheet!r}; sheets: {book.sheetnames}")
        ws = book[sheet] if sheet else book.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header_row = next(rows, None)
        if header_row is None:
            raise IngestError(f"{source}: the first sheet is empty")
        headers = [_clean_header(h) for h in header_row]
        table = Table(source=source, headers=headers)
        for number, cells in enumerate(rows, start=2):
            if all(c is None or str(c).strip() == "" for c in cells):
                continue
            if limit is not None and len(table.rows) >= limit:
                table.complete = False
                break
            table.rows.append((number, _row(headers, list(cells))))
        return table
    finally:
        book.close()


@dataclass
class RowStream:
    """Rows as cell lists, read lazily: a million-row export is never held in memory."""

    source: str
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]


def _stream_text(text: str, source: str) -> RowStream:
    reader = _Records(text, source)
    try:
        headers = [_clean_header(h) for h in next(reader)]
    except StopIteration:
        raise IngestError(f"{source}: the file is empty; export it again with data") from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for cells in reader:
            if any(cells):
                yield reader.number, cells

    return RowStream(source, headers, rows())


def export_text(path: Path) -> str | None:
    """The decoded text of a CSV/TSV export (header line included); None for an XLSX workbook."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found") from None
    if data.startswith(XLSX_MAGIC):
        return None
    return decode_export(data, source=str(path))


def text_headers(text: str, source: str) -> tuple[list[str], str, int]:
    """(headers, delimiter, where the first data record starts) of an export's text."""
    line = text.find("\n")
    delimiter = _delimiter(text if line < 0 else text[:line])
    start = next_record(text, 0, 0)
    # only the header record is copied, not the whole text
    reader = csv.reader(io.StringIO(text[:start], newline=""), delimiter=delimiter)
    try:
        headers = [_clean_header(h) for h in next(reader)]
    except StopIteration:
        raise IngestError(f"{source}: the file is empty; export it again with data") from None
    return headers, delimiter, start


def next_record(text: str, start: int, at: int) -> int:
    """Where the first record beginning after ``at`` starts (``len(text)`` if none does).

    ``start`` (≤ ``at``) must be the start of a record. Counting quotes is exact for CSV as
    spreadsheets write it (every quote inside a cell doubled, so a quoted cell holds an even
    number of them): a line break with an even number of quotes before it ends a record.
    """
    quotes = text.count('"', start, at)
    while True:
        end = text.find("\n", at)
        if end < 0:
            return len(text)
        quotes += text.count('"', at, end)
        if quotes % 2 == 0:
            return end + 1
        at = end + 1


def stream_table(path: Path, *, sheet: str | None = None) -> RowStream:
    """Like :func:`read_table` but lazy and with cell lists, for big ad exports."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found") from None
    refuse_non_table(data[:16], str(path))
    if data.startswith(XLSX_MAGIC):
        table = _parse_xlsx(data, str(path), sheet)
        return RowStream(
            table.source,
            table.headers,
            ((n, [row.get(h) for h in table.headers]) for n, row in table.rows),
        )
    return _stream_text(decode_export(data, source=str(path)), str(path))


def read_table_bytes(data: bytes, *, source: str, sheet: str | None = None) -> Table:
    refuse_non_table(data[:16], source)
    if data.startswith(XLSX_MAGIC):
        return _parse_xlsx(data, source, sheet)
    return _parse_text(decode_export(data, source=source), source)


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found") from None
    return read_table_bytes(data, source=str(path), sheet=sheet)


HEAD_ROWS = 2000
HEAD_BYTES = 2 * 1024 * 1024


def read_head(path: Path, *, source: str, max_rows: int = HEAD_ROWS,
              max_bytes: int = HEAD_BYTES, size: int | None = None) -> Table:
    """The header and first rows of an export, quickly whatever its size: at most
    ``max_rows`` rows and, for CSV/TSV, ``max_bytes`` bytes (cut at a whole record).
    ``complete`` says whether that was the whole file; ``size`` is the whole file's size when
    ``path`` holds only its beginning (a browser sends a slice of a big file)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise IngestError(f"{source}: file not found") from None
    refuse_non_table(data[:16], source)
    if data.startswith(XLSX_MAGIC):
        return _parse_xlsx(path.read_bytes(), source, None, limit=max_rows)
    cut = len(data) > max_bytes or (size or 0) > len(data)
    if cut:
        data = _whole_lines(data[:max_bytes], source)
    text = decode_export(data, source=source)
    if cut and text.count('"') % 2:
        text = text[:_last_record_start(text)]
    table = _parse_text(text, source, limit=max_rows)
    table.complete = table.complete and not cut
    return table


def _whole_lines(data: bytes, source: str) -> bytes:
    """``data`` up to its last line break (in UTF-16, a whole code unit)."""
    head = data[:200]
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        head and head.count(b"\x00") * 3 >= len(head))
    if utf16:
        little = data.startswith(codecs.BOM_UTF16_LE) or (
            not data.startswith(codecs.BOM_UTF16_BE) and head[1:2] == b"\x00")
        newline = b"\n\x00" if little else b"\x00\n"
        at = data.rfind(newline, 0, len(data) - len(data) % 2)
        while at > 0 and at % 2:
            at = data.rfind(newline, 0, at)
        end = at + 2 if at >= 0 else -1
    else:
        end = data.rfind(b"\n") + 1 or -1
    if end <= 0:
        raise IngestError(f"{source}: its first line is longer than {len(data)} bytes; this is "
                          "not a spreadsheet export (choose a CSV, TSV or Excel file)")
    return data[:end]


def _last_record_start(text: str) -> int:
    """Where the last record of ``text`` starts (it is cut inside a quoted cell)."""
    start = 0
    while True:
        following = next_record(text, start, start)
        if following >= len(text):
            return start
        start = following
