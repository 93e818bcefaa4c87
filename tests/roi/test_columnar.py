"""A big export parsed in columns (pyarrow) imports exactly like one read row by row.

The columnar path casts the common cell shapes in bulk and hands every other row to the row
path; these files put one of each odd shape among ordinary rows, on both databases.
"""

from __future__ import annotations

import csv

import pytest

from plugins.meta_ads import MetaAds
from studio.contracts import FetchQuery
from studio.db import AdStat
from studio.roi import columnar, import_workers
from tests.roi.test_import_workers import imported
from tests.roi.test_store import CODES, shop  # noqa: F401 (a fixture)

HEADERS = [
    "Day", "Campaign name", "Ad name", "Ad ID", "Currency", "Amount spent", "Impressions",
    "Link clicks", "Purchases", "Purchases conversion value",
    "Purchase ROAS (return on ad spend)", "3-second video plays", "ThruPlays",
    "URL parameters", "utm_content",
]  # fmt: skip


def odd_export(path, *, short_row=False):
    flash, life = CODES["flash"], CODES["life"]
    rows = [["", "", "", "", "USD", "9,999.00", "99,999", "", "", "", "", "", "", "", ""]]
    for day in range(1, 8):
        d = f"2026-11-0{day}"
        rows += [
            [d, "Spring", f"Dress | {flash}", "11", "USD", f"{day},234.50", "12,345", "10",
             "2", "99.00", "", "300", "100", "", ""],
            # ROAS only: revenue is estimated by the row path, and said so in raw
            [d, "Spring", "Coat", "12", "usd", "20.00", "1000", "", "", "", "2.5", "", "", "",
             ""],
            # the link comes from the URL parameters, then an explicit utm_content cell
            [d, " Summer ", "Hat", "13", "USD", "1", "7", "0", "0", "0", "", "-", "",
             f"utm_source=fb&utm_content={life}", ""],
            [d, "", "Scarf", "14", "EUR", "3.5", "9", "1", "0", "", "", "", "",
             "utm_source=fb&utm_content=nothing", f" {flash} "],
        ]
        if day == 2:
            rows += [
                [d, "Spring", "Shoe", "15", "USD", "-4.00", "10", "", "", "", "", "", "", "",
                 ""],  # a negative spend: rejected
                [d, "Spring", "Bag", "1.20213e+17", "USD", "4.00", "10", "", "", "", "", "",
                 "", "", ""],  # an id Excel rounded: rejected
                [d, "Spring", "Belt", "16", "US", "4.00", "10", "", "", "", "", "", "", "",
                 ""],  # not a currency code: rejected
                [d, "Spring", "Sock", "17.0", "USD", "$4.00", "1,2345", "n/a", "", "", "", "",
                 "", "", ""],  # "1,2345" is not thousands: rejected
                [d, "Spring", "Tie", "18.0", "USD", "$4.00", "1 000", "—", "", "", "", "",
                 "", "", ""],  # odd but fine: the row path reads these
                ["Total of 30 results", "", "", "", "", "", "", "", "", "", "", "", "", "",
                 ""],
                ["", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
                [d, "Spring", "", "", "USD", "1.00", "5", "", "", "", "", "", "", "", ""],
                [d, "Spring", "Glove", "19", "USD", "2.00", "5", "", "", "", "", "", "", "",
                 ""],
                [d, "Spring", "Cap", "21", "", "2.00", "5", "", "", "", "", "", "", "", ""],
                ["2026-13-01", "Spring", "Cap", "20", "USD", "2.00", "5", "", "", "", "", "",
                 "", "", ""],  # no such day: rejected
            ]
    if short_row:
        rows.append(["2026-11-09", "Spring", "Short"])
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def _one_pass_then_columns(session, ws, path, monkeypatch, *, expect_columns=True):
    monkeypatch.setattr(import_workers, "MIN_TEXT", 10**12)
    one_pass = imported(session, ws, path)
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    planned = import_workers.plan(MetaAds().fetch(FetchQuery(kind="ad_stats", path=path)))
    assert planned is not None and columnar.usable(planned) is expect_columns
    session.execute(AdStat.__table__.delete().where(AdStat.workspace_id == ws))
    session.commit()
    monkeypatch.setattr(columnar, "BLOCK", 1 << 10)  # a block every few rows
    return one_pass, imported(session, ws, path)


def test_odd_cells_import_as_row_by_row(session, shop, tmp_path, monkeypatch):  # noqa: F811
    ws, _ = shop
    one_pass, columns = _one_pass_then_columns(
        session, ws, odd_export(tmp_path / "Ads-Nov.csv"), monkeypatch)
    assert columns == one_pass
    counts, stored, rejected, stats = columns
    reasons = sorted({reason.split(": ", 1)[1][:20] for _, reason, _ in rejected})
    assert reasons == [
        "Ad ID '1.20213e+17' ", "Amount spent is nega", "Day: '2026-13-01' is",
        "Impressions: '1,2345", "currency 'US' is not", "no ad name or ad ID;",
        "the Currency cell is",
    ], reasons
    assert stored == counts[0] - len(rejected)
    assert {s.ad_key for s in stats} >= {"id:11", "id:12", "id:13", "id:14", "id:18"}


def test_again_changes_nothing(session, shop, tmp_path, monkeypatch):  # noqa: F811
    ws, _ = shop
    path = odd_export(tmp_path / "Ads-Nov.csv")
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    monkeypatch.setattr(columnar, "BLOCK", 1 << 10)
    first = imported(session, ws, path)
    again = imported(session, ws, path)
    assert again == first


def test_a_row_with_fewer_cells_is_read_the_ordinary_way(
    session, shop, tmp_path, monkeypatch  # noqa: F811
):  # fmt: skip
    ws, _ = shop
    path = odd_export(tmp_path / "Ads-Nov.csv", short_row=True)
    one_pass, columns = _one_pass_then_columns(session, ws, path, monkeypatch)
    assert columns == one_pass


def test_a_blank_line_keeps_the_file_off_the_columnar_path(
    session, shop, tmp_path, monkeypatch  # noqa: F811
):  # fmt: skip
    ws, _ = shop
    path = odd_export(tmp_path / "Ads-Nov.csv")
    data = path.read_bytes().replace(b"\r\n2026-11-03", b"\r\n\r\n2026-11-03", 1)
    path.write_bytes(data)
    one_pass, other = _one_pass_then_columns(session, ws, path, monkeypatch, expect_columns=False)
    assert other == one_pass


@pytest.mark.parametrize("block", [1 << 10, 1 << 20])
def test_the_same_rows_whatever_the_block_size(
    session, shop, tmp_path, monkeypatch, block  # noqa: F811
):  # fmt: skip
    ws, _ = shop
    path = odd_export(tmp_path / "Ads-Nov.csv")
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    monkeypatch.setattr(columnar, "BLOCK", block)
    counts, stored, rejected, _ = imported(session, ws, path)
    assert [n for n, _, _ in rejected] == sorted(n for n, _, _ in rejected)
    assert stored == counts[0] - len(rejected)
