"""A quote that opens a cell and is never closed (issue 18: "an unclosed CSV quote reported
as 'price is empty'"): the csv module then reads the rest of the file as that one cell, so
the seller was told "1 rows have a title but no price". Now every door refuses the file,
naming it, the row where the quote opens and what to do; a quote inside a cell, or doubled,
is still read as text. Notes about one row say "1 row", in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studio.config import Settings
from studio.errors import InvalidInput
from studio.ingest.table import IngestError, read_head, read_table, stream_table
from studio.services.catalog import CatalogFile
from studio.services.detect import DetectOptions, detect_file
from tests.datasources.exports import export_file

I18N = Path(__file__).resolve().parents[2] / "ui" / "i18n"
# the seller's file from the issue: the quote before "Blue mug" never closes
OPEN = 'sku,title,price\nA1,"Blue mug,12.50\nB2,Lamp,30\n'
SAID = ('mugs.csv: row 2: a quote (") opens here and is never closed — close it or remove '
        "it, then import again")


def _file(tmp_path: Path, text: str, name: str = "mugs.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, row", [
    (OPEN, 2),
    ('sku,title,price\nA1,Blue mug,12.50\nB2,Lamp,"30\nC3,Vase,9\n', 3),  # in the last column
    ('sku,title,price\nA1,Blue mug,12.50\nB2,Lamp,"30', 3),  # at the end, no line break
    ('sku,"title,price\nA1,Blue mug,12.50\n', 1),  # in the header
    ('sku,title,price\r\n"A1,Blue mug,12.50\r\n', 2),  # CRLF, the first cell
    ("sku,title,price\nA1,\"Blue mug," + "x" * 200_000 + "\n", 2),  # past csv's cell limit
])
def test_a_quote_never_closed_names_its_row(tmp_path, text, row):
    path = _file(tmp_path, text)
    for read in (read_table, lambda p: list(stream_table(p).rows)):
        with pytest.raises(IngestError) as caught:
            read(path)
        assert f"row {row}: a quote (\") opens here and is never closed" in str(caught.value)
        assert getattr(caught.value, "row", None) == row
    with pytest.raises(IngestError, match="never closed"):
        read_head(path, source="mugs.csv")


def test_quotes_that_close_or_sit_inside_a_cell_are_read_as_before(tmp_path):
    path = _file(tmp_path, 'sku,title,price\nA1,5" plate,12.50\nB2,"Lamp, ""big""",30\n'
                           'C3,"two\nlines",9\n\n')
    rows = [(n, r["title"], r["price"]) for n, r in read_table(path).rows]
    assert rows == [(2, '5" plate', "12.50"), (3, 'Lamp, "big"', "30"), (4, "two\nlines", "9")]


def test_the_import_box_preview_refuses_it_naming_the_file_and_row(tmp_path):
    path = _file(tmp_path, OPEN, name="studio-upload-x1.csv")
    with pytest.raises(InvalidInput) as caught:
        detect_file(CatalogFile(path, "mugs.csv"), DetectOptions(page="catalog"))
    assert caught.value.code == "import.unclosed_quote"
    assert caught.value.params == {"file": "mugs.csv", "row": 2}
    assert caught.value.message == SAID
    assert "no price" not in caught.value.message


def studio(*args: object):
    from studio.cli import get_app

    return CliRunner().invoke(get_app(), [str(a) for a in args])


def test_studio_import_refuses_it_and_imports_nothing(studio_home: Settings, tmp_path):
    path = _file(tmp_path, OPEN)
    for args in (("import", path, "--currency", "USD"),
                 ("import", "catalog", path, "--source", "csv", "--currency", "USD")):
        done = studio(*args)
        said = " ".join(done.output.split())
        assert done.exit_code == 2, done.output
        assert SAID in said, said
        assert "no price" not in said
    from studio.db import Product, session_scope

    with session_scope() as session:
        assert session.query(Product).count() == 0


def test_the_message_is_in_english_and_chinese():
    english = json.loads((I18N / "en.json").read_text(encoding="utf-8"))
    chinese = json.loads((I18N / "zh-CN.json").read_text(encoding="utf-8"))
    assert english["errors.import.unclosed_quote"].format(file="mugs.csv", row=2) == (
        "mugs.csv: row 2: a quote (\") opens here and is never closed — close it or remove "
        "it, then import again.")
    assert chinese["errors.import.unclosed_quote"].format(file="mugs.csv", row=2).startswith(
        "mugs.csv 第 2 行：")


def test_a_note_about_one_row_says_one_row(tmp_path):
    # the generic catalog export has one row with a title and no price
    found = detect_file(CatalogFile(export_file(tmp_path, "catalog"), "catalog.csv"))
    note = next(n for n in found.notes if n.code == "rows_without_price")
    assert note.params == {"n": 1}
    assert note.message == ("1 row has a title but no price; it will be listed as not "
                            "imported")
    english = json.loads((I18N / "en.json").read_text(encoding="utf-8"))
    chinese = json.loads((I18N / "zh-CN.json").read_text(encoding="utf-8"))
    for code in ("rows_without_price", "rows_without_product", "summary_rows",
                 "without_photo"):
        one = english[f"imports.note.{code}.one"]
        assert one.startswith("1 ") and " rows " not in one and "products " not in one, one
        assert "{n}" in english[f"imports.note.{code}"]
        assert chinese[f"imports.note.{code}.one"].count("1") == 1
    # the import box picks the one-row words when n is 1
    box = (I18N.parent / "importbox.js").read_text(encoding="utf-8")
    assert "Number(params.n) === 1 && hasText(`${base}.one`)" in box
