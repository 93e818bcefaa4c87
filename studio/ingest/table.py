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


@dataclass
class Table:
    source: str
    headers: list[str]
    # (row number as shown in a spreadsheet, {header: cell})
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


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


def _parse_text(text: str, source: str) -> Table:
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header_row = next(reader)
    except StopIteration:
        raise IngestError(f"{source}: the file is empty; export it again with data") from None
    headers = [_clean_header(h) for h in header_row]
    table = Table(source=source, headers=headers)
    # records, not physical lines: a quoted cell with a line break is still one spreadsheet row
    number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise IngestError(f"{source}: row {number + 1}: {exc}") from None
        number += 1
        if not any(c.strip() for c in cells):
            continue
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


def _parse_xlsx(data: bytes, source: str, sheet: str | None) -> Table:
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
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        headers = [_clean_header(h) for h in next(reader)]
    except StopIteration:
        raise IngestError(f"{source}: the file is empty; export it again with data") from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        number = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise IngestError(f"{source}: row {number + 1}: {exc}") from None
            number += 1
            if any(cells):
                yield number, cells

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
    if data.startswith(XLSX_MAGIC):
        table = _parse_xlsx(data, str(path), sheet)
        return RowStream(
            table.source,
            table.headers,
            ((n, [row.get(h) for h in table.headers]) for n, row in table.rows),
        )
    return _stream_text(decode_export(data, source=str(path)), str(path))


def read_table_bytes(data: bytes, *, source: str, sheet: str | None = None) -> Table:
    if data.startswith(XLSX_MAGIC):
        return _parse_xlsx(data, source, sheet)
    return _parse_text(decode_export(data, source=source), source)


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found") from None
    return read_table_bytes(data, source=str(path), sheet=sheet)
