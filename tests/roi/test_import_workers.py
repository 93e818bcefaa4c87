"""A big export parsed in worker processes, or in columns (pyarrow), imports exactly like one
read in a single pass."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from plugins.meta_ads import MetaAds
from studio.contracts import FetchQuery
from studio.db import AdStat
from studio.roi import columnar, import_workers
from studio.roi import straight as straight_module
from studio.roi.store import import_ad_stats
from tests.roi.test_store import CODES, HEADERS, row, shop  # noqa: F401 (a fixture)


def tricky_export(path, *, repeats=True):
    """Every case that depends on the whole file, spread over many small slices."""
    flash, life = CODES["flash"], CODES["life"]
    summary = ["2026-10-01", "2026-10-09", "", "", "", "9,999.00", "99,999"] + [""] * 6
    rows = [summary]
    for day in range(1, 10):
        d = f"2026-10-0{day}"
        rows.append(row(d, f"Dress | flash-sale | {flash}", "1", f"{day},000.25"))
        rows.append(row(d, f'Dress 5" screen\nsecond line {life}', "2", "3.50"))
        rows.append(row(d, "Old ad without code", "3", "7.00"))
        if day == 3:
            rows.append(["Total of 27 results"] + [""] * 12)  # skipped, not rejected
            rows.append(row(d, "", "", "1.00"))  # no ad name or id inside the file: rejected
            rows.append(row(d, "Broken", "4", "lots"))  # rejected, naming its row
            rows.append([""] * 13)  # blank: skipped but still a spreadsheet row
        if day == 5 and repeats:
            rows.append(row("2026-10-02", f"Dress | flash-sale | {flash}", "1", "0.75"))  # summed
    rows.append(summary)  # a summary row last too
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


@pytest.fixture(params=["columns", "workers"])
def parser(request, monkeypatch):
    """Each big-file test runs with the columnar parser and with the worker processes."""
    if request.param == "workers":
        monkeypatch.setattr(columnar, "usable", lambda planned: False)
    return request.param


def imported(session, ws, path):
    return imported_as(session, ws, path, platform="meta")


def imported_as(session, ws, path, *, platform):
    rows = MetaAds().fetch(FetchQuery(kind="ad_stats", path=path))
    summary = import_ad_stats(session, ws, rows, source="meta", platform=platform, file=path)
    session.commit()
    stats = session.execute(
        select(
            AdStat.ad_key, AdStat.date, AdStat.ad_name, AdStat.spend, AdStat.impressions,
            AdStat.video_id, AdStat.match_method,
        ).where(AdStat.workspace_id == ws)
    ).all()  # fmt: skip
    rejected = [(r.row_number, r.reason, r.raw) for r in summary.rejected]
    counts = (summary.rows_total, summary.matched, summary.unmatched, summary.duplicates)
    return counts, summary.stored, rejected, sorted(stats)


def test_workers_and_one_pass_give_the_same_import(
    session, shop, tmp_path, monkeypatch, parser  # noqa: F811
):  # fmt: skip
    ws, _ = shop
    path = tricky_export(tmp_path / "Ads-Oct.csv")
    monkeypatch.setattr(import_workers, "MIN_TEXT", 10**12)
    assert import_workers.plan(MetaAds().fetch(FetchQuery(kind="ad_stats", path=path))) is None
    one_pass = imported(session, ws, path)

    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    monkeypatch.setattr(import_workers, "SLICE", 300)  # a slice every two or three rows
    assert import_workers.plan(MetaAds().fetch(FetchQuery(kind="ad_stats", path=path)))
    session.execute(AdStat.__table__.delete().where(AdStat.workspace_id == ws))
    session.commit()
    parallel = imported(session, ws, path)

    assert parallel == one_pass
    counts, stored, rejected, stats = parallel
    assert counts == (30, 19, 9, 1)  # 27 + 1 summed + 2 rejected; the 2 summary rows skipped
    assert stored == 27
    assert [(n, reason.split(": ", 1)[1][:20]) for n, reason, _ in rejected] == [
        (13, "no ad name or ad ID;"),
        (14, "Amount spent (USD): "),
    ]
    assert rejected[1][2]["Ad name"] == "Broken"
    assert {s.ad_name for s in stats if s.ad_key == "id:2"} == {
        f'Dress 5" screen\nsecond line {CODES["life"]}'
    }


@pytest.fixture
def straight(monkeypatch):
    """What each first import's straight COPY into ad_stats came to: True, or False (staged)."""
    outcomes = []
    copy_straight = straight_module.copy_straight

    def spy(*args, **kwargs):
        outcome = copy_straight(*args, **kwargs)
        outcomes.append(outcome is not None)
        return outcome

    monkeypatch.setattr(straight_module, "copy_straight", spy)
    return outcomes


ON_POSTGRES = pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)


@ON_POSTGRES
@pytest.mark.parametrize("repeats", [False, True], ids=["each-ad-day-once", "a-repeated-ad-day"])
def test_a_first_import_straight_into_ad_stats_is_the_same_import(
    session, shop, tmp_path, monkeypatch, straight, repeats, parser  # noqa: F811
):  # fmt: skip
    # PostgreSQL copies a platform's first import straight into ad_stats while workers parse;
    # a repeated ad and day (rows to sum) rolls that back and stages the file as usual
    ws, _ = shop
    path = tricky_export(tmp_path / "Ads-Oct.csv", repeats=repeats)
    monkeypatch.setattr(import_workers, "MIN_TEXT", 10**12)
    one_pass = imported(session, ws, path)
    assert straight == []  # one process: nothing to overlap, staged as before

    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    monkeypatch.setattr(import_workers, "SLICE", 300)
    session.execute(AdStat.__table__.delete().where(AdStat.workspace_id == ws))
    session.commit()
    assert imported(session, ws, path) == one_pass
    assert straight == [not repeats]
    assert one_pass[0][3] == (1 if repeats else 0)  # rows summed


@ON_POSTGRES
def test_a_clash_with_stored_rows_falls_back_to_staging(
    session, shop, tmp_path, monkeypatch, straight, parser  # noqa: F811
):  # fmt: skip
    # the straight path trusts "nothing stored for this platform"; rows that still clash with
    # stored ones (here: a Meta file imported as another platform) roll back and are staged
    ws, _ = shop
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    monkeypatch.setattr(import_workers, "SLICE", 300)
    path = tricky_export(tmp_path / "Ads-Oct.csv", repeats=False)
    first = imported(session, ws, path)
    again = imported_as(session, ws, path, platform="tiktok")
    assert straight == [True, False]
    assert first[1] == again[1] == 27  # stored
    assert again[3] == first[3]  # the same 27 rows: staged and merged, nothing doubled


def test_a_stray_quote_keeps_the_file_from_the_workers_a_small_file_from_both(
    session, shop, tmp_path, monkeypatch, parser  # noqa: F811
):  # fmt: skip
    ws, _ = shop
    path = tricky_export(tmp_path / "Ads-Oct.csv", repeats=False)
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    planned = import_workers.plan(MetaAds().fetch(FetchQuery(kind="ad_stats", path=path)))
    assert planned and import_workers.sliceable(planned)
    text = path.read_text(encoding="utf-8-sig").replace("Old ad without", 'Old 5" ad without')
    path.write_text(text, encoding="utf-8-sig")
    # the quote count no longer finds record ends: not for the workers (the columnar reader
    # reads such a cell as the csv module does)
    planned = import_workers.plan(MetaAds().fetch(FetchQuery(kind="ad_stats", path=path)))
    assert planned and not import_workers.sliceable(planned)
    parallel = imported(session, ws, path)
    assert [s.ad_name for s in parallel[3] if s.ad_key == "id:3"][0] == 'Old 5" ad without code'
    monkeypatch.setattr(import_workers, "MIN_TEXT", 10**12)
    session.execute(AdStat.__table__.delete().where(AdStat.workspace_id == ws))
    session.commit()
    assert imported(session, ws, path) == parallel  # one pass
    monkeypatch.setattr(import_workers, "MIN_TEXT", 10**9)
    fine = tricky_export(tmp_path / "Ads-Oct-2.csv")
    assert import_workers.plan(MetaAds().fetch(FetchQuery(kind="ad_stats", path=fine))) is None


@pytest.mark.parametrize("size", [1, 50, 10**6])
def test_slices_end_at_record_ends_never_inside_a_quoted_cell(size):
    text = 'a,b\n1,"x\ny"\n2,"z""\n"\n\n3,w\n'
    parts = import_workers.slices_of(text, 4, size)
    assert "".join(text[s:e] for s, e in parts) == text[4:]
    records = [list(csv.reader(io.StringIO(text[s:e], newline=""))) for s, e in parts]
    assert [r for part in records for r in part] == [["1", "x\ny"], ["2", 'z"\n'], [], ["3", "w"]]
