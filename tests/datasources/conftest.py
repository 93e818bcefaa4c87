"""Helpers to write export files exactly as the platforms write them (BOM, UTF-16, GBK, XLSX)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

# the local fake servers live in tests/fakes


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _excel_cell(value: str) -> object:
    """Numbers are numeric cells in a real XLSX export; long ids stay text."""
    plain = value.replace(",", "")
    if re.fullmatch(r"-?\d{1,15}", plain):
        return int(plain)
    if re.fullmatch(r"-?\d+\.\d+", plain):
        return float(plain)
    return value


@pytest.fixture
def write_export(tmp_path: Path) -> Callable[..., Path]:
    """write_export(rows, name, encoding) with encoding utf-8-sig | utf-16 | gbk | utf-8 | xlsx."""

    def write(rows: list[list[str]], name: str = "export.csv", encoding: str = "utf-8-sig") -> Path:
        path = tmp_path / name
        if encoding == "xlsx":
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            for i, row in enumerate(rows):
                sheet.append(row if i == 0 else [_excel_cell(c) for c in row])
            book.save(path)
        elif encoding == "utf-16":
            # Excel "Unicode text": UTF-16 LE with BOM, tab separated
            path.write_bytes(csv_text(rows, "\t").encode("utf-16"))
        else:
            path.write_bytes(csv_text(rows).encode(encoding))
        return path

    return write
