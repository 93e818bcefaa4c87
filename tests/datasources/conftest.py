"""Helpers to write export files exactly as the platforms write them (BOM, UTF-16, GBK, XLSX)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.datasources import exports

# the local fake servers live in tests/fakes


@pytest.fixture
def write_export(tmp_path: Path) -> Callable[..., Path]:
    """write_export(rows, name, encoding) with encoding utf-8-sig | utf-16 | gbk | utf-8 | xlsx."""

    def write(rows: list[list[str]], name: str = "export.csv", encoding: str = "utf-8-sig") -> Path:
        path = tmp_path / name
        if encoding in ("xlsx", "utf-16"):  # Excel "Unicode text": UTF-16 LE, tab separated
            return exports.write(path, rows, "xlsx" if encoding == "xlsx" else "tsv")
        path.write_bytes(exports.csv_text(rows).encode(encoding))
        return path

    return write
