"""Reading exports: encodings, delimiters, numbers, headers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from studio.ingest import (
    HeaderMap,
    IngestError,
    decode_export,
    parse_date,
    parse_decimal,
    parse_int,
    read_table,
    split_currency,
)

ROWS = [
    ["Ad name", "Amount spent (USD)", "Impressions"],
    ["春季 连衣裙 ABC123", "1,234.50", "12,000"],
]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "utf-16", "gbk", "xlsx"])
def test_every_export_encoding_reads_the_same(write_export, encoding):
    path = write_export(ROWS, "e.xlsx" if encoding == "xlsx" else "e.csv", encoding)
    table = read_table(path)
    assert table.headers == ROWS[0]
    [(number, row)] = table.rows
    assert number == 2 and row["Ad name"] == "春季 连衣裙 ABC123"
    assert parse_decimal(row["Amount spent (USD)"], field="spend") == Decimal("1234.50")
    assert parse_int(row["Impressions"], field="impressions") == 12000


def test_gbk_text_is_not_mistaken_for_utf8():
    assert decode_export("花费,展示次数".encode("gbk")) == "花费,展示次数"


def test_undecodable_file_names_the_file_and_the_fix():
    with pytest.raises(IngestError, match=r"x\.csv.*CSV UTF-8"):
        decode_export("Caf\u00e9,Cr\u00e8me".encode("latin-1"), source="x.csv")


def test_row_numbers_are_spreadsheet_rows_even_with_multiline_cells(write_export):
    path = write_export([["Title", "Body"], ["A", "line1\nline2"], ["", ""], ["B", "x"]])
    assert [n for n, _ in read_table(path).rows] == [2, 4]


def test_numbers_as_exports_write_them():
    assert parse_decimal("1,234.50", field="spend") == Decimal("1234.50")
    assert parse_decimal("-", field="ranking") is None
    assert parse_decimal("", field="x") is None
    assert parse_decimal("$12.00", field="x") == Decimal("12.00")
    assert parse_decimal("2.5%", field="x") == Decimal("2.5")
    assert parse_decimal(19.99, field="x") == Decimal("19.99")
    assert parse_int("12,000", field="impressions") == 12000
    with pytest.raises(ValueError, match="impressions"):
        parse_int("12.5", field="impressions")
    with pytest.raises(ValueError, match="spend: 'abc'"):
        parse_decimal("abc", field="spend")


def test_dates_iso_only():
    assert parse_date("2026-10-01", field="Day") == dt.date(2026, 10, 1)
    assert parse_date("2026-10-01 00:00:00", field="Day") == dt.date(2026, 10, 1)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("01/02/2026", field="Day")


def test_headers_found_by_name_with_currency_suffix():
    h = HeaderMap(
        ["CPM (cost per 1,000 impressions) (USD)", "Amount spent (EUR)", "Cost per results"]
    )
    assert split_currency("Amount spent (USD)") == ("Amount spent", "USD")
    assert h.find("amount spent") == "Amount spent (EUR)"
    assert h.currency_of(h.find("Amount spent")) == "EUR"
    assert h.find("Cost per result", "Cost per results") == "Cost per results"
    assert h.money_currencies() == {"USD", "EUR"}


def test_decimal_commas_are_refused_not_misread():
    assert parse_decimal("1,234,567.50", field="spend") == Decimal("1234567.50")
    assert parse_int("(1,200)", field="x") == -1200
    for text in ("12,5", "1.234,56", "1,23", "12,3456"):
        with pytest.raises(ValueError, match="comma as the decimal mark"):
            parse_decimal(text, field="Amount spent (EUR)")
