"""Import runs and ROI on the real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from plugins.meta_ads import MetaAds
from studio.contracts import FetchQuery, OrderRow
from studio.db import AdImport, AdImportRejectedRow, AdStat, Product, Video, Workspace
from studio.linking import link_ad, relink, unmatched_ads
from studio.roi.query import roi_from_db
from studio.roi.store import import_ad_stats, import_orders

HEADERS = [
    "Reporting starts",
    "Reporting ends",
    "Day",
    "Ad name",
    "Ad ID",
    "Amount spent (USD)",
    "Impressions",
    "Link clicks",
    "Purchases",
    "Purchases conversion value",
    "3-second video plays",
    "ThruPlays",
    "Quality ranking",
]
CODES = {"flash": "K7M2Q9XA", "flash2": "P3RT8WZC", "life": "H4N6V2BD"}


@pytest.fixture
def shop(session):
    ws = Workspace(name="Shop", slug="shop")
    session.add(ws)
    session.flush()
    dress = Product(
        workspace_id=ws.id,
        title="Dress",
        price=D("50"),
        cost=D("20"),
        category="dresses",
        source="csv",
        external_id="d1",
    )
    session.add(dress)
    session.flush()
    videos = {}
    for key, template in (("flash", "flash-sale"), ("flash2", "flash-sale"), ("life", "lifestyle")):
        videos[key] = Video(
            workspace_id=ws.id,
            creative_code=CODES[key],
            product_id=dress.id,
            template_id=template,
            template_version="v1",
            status="succeeded",
            production_cost=D("2.50"),
            production_currency="USD",
        )
        session.add(videos[key])
    session.commit()
    return ws.id, videos


def write(tmp_path, name, rows):
    path = tmp_path / name
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerow(
            ["2026-10-01", "2026-10-02", "", "", "", "1,000.00", "99,999", "", "", "", "", "", ""]
        )  # summary row
        writer.writerows(rows)
    return path


def row(day, name, ad_id, spend, impressions=1000, clicks=20, buys=1, value="50.00"):
    return [
        "2026-10-01",
        "2026-10-02",
        day,
        name,
        ad_id,
        spend,
        impressions,
        clicks,
        buys,
        value,
        300,
        100,
        "-",
    ]


def run_import(session, ws, path):
    rows = MetaAds().fetch(FetchQuery(kind="ad_stats", path=path))
    summary = import_ad_stats(session, ws, rows, source="meta", platform="meta", file=path)
    session.commit()
    return summary


def totals(session, ws):
    return session.execute(
        select(func.count(), func.sum(AdStat.spend)).where(AdStat.workspace_id == ws)
    ).one()


def test_import_is_idempotent_and_newer_data_replaces_older(session, shop, tmp_path):
    ws, videos = shop
    first = write(
        tmp_path,
        "oct.csv",
        [
            row("2026-10-01", f"Dress | flash-sale | {CODES['flash']}", "1", "10.00"),
            row("2026-10-02", f"Dress | flash-sale | {CODES['flash']} - Copy", "1", "12.50"),
            row("2026-10-01", f"Dress {CODES['life']}", "2", "1,200.25", 5000),
            row("2026-10-01", "Old ad without code", "3", "7.00"),
            row("2026-10-01", "Broken", "4", "lots"),
        ],
    )
    summary = run_import(session, ws, first)
    assert (summary.rows_total, summary.matched, summary.unmatched) == (5, 3, 1)
    assert [r.row_number for r in summary.rejected] == [7]
    stored = session.scalars(select(AdImportRejectedRow)).all()
    assert [(r.row_number, r.raw["Ad name"]) for r in stored] == [(7, "Broken")]
    assert "Amount spent (USD): 'lots' is not a number" in stored[0].reason
    assert totals(session, ws) == (4, D("1229.75"))

    again = run_import(session, ws, first)  # the same file twice
    assert again.repeated_file_of == summary.import_id
    assert totals(session, ws) == (4, D("1229.75"))

    newer = write(
        tmp_path,
        "oct-corrected.csv",
        [
            row("2026-10-02", f"Dress | flash-sale | {CODES['flash']} - Copy", "1", "13.00"),
        ],
    )
    run_import(session, ws, newer)
    assert totals(session, ws) == (4, D("1230.25"))
    assert session.scalar(select(func.count()).select_from(AdImport)) == 3


def test_rows_broken_down_by_placement_are_summed(session, shop, tmp_path):
    ws, _ = shop
    path = write(
        tmp_path,
        "placements.csv",
        [
            row("2026-10-01", f"A {CODES['flash']}", "1", "10.00", 1000, 10, 1),
            row("2026-10-01", f"A {CODES['flash']}", "1", "5.25", 500, 5, 0),
        ],
    )
    run_import(session, ws, path)
    again = run_import(session, ws, path)  # summed again, not added to the first sum
    assert (again.stored, again.duplicates) == (1, 1)
    stat = session.scalars(select(AdStat)).one()
    assert (stat.spend, stat.impressions, stat.link_clicks, stat.purchases) == (
        D("15.250000"),
        1500,
        15,
        1,
    )


def test_roi_from_the_database_and_relinking(session, shop, tmp_path):
    ws, videos = shop
    path = write(
        tmp_path,
        "oct.csv",
        [
            row("2026-10-01", f"Dress {CODES['flash']}", "1", "10.00", 1000, 20, 1, "50.00"),
            row("2026-10-02", f"Dress {CODES['flash2']}", "2", "20.00", 2000, 30, 2, "100.00"),
            row("2026-10-01", f"Dress {CODES['life']}", "3", "40.00", 4000, 10, 1, "50.00"),
            row("2026-10-03", "Unnamed ad", "9", "30.00", 3000, 30, 3, "150.00"),
        ],
    )
    run_import(session, ws, path)
    report = roi_from_db(session, ws)
    flash = next(g for g in report.groups if g.key == "flash-sale")
    # by hand: revenue 150 × margin (50−20)/50 = 90; spend 30; production 2 × 2.50
    assert (flash.spend, flash.revenue, flash.production_cost) == (D("30"), D("150"), D("5"))
    assert flash.profit == D("55") and flash.roi == D("55") / D("35")
    assert flash.videos == 2 and flash.hook_rate == D("600") / D("3000")
    assert report.unlinked_rows == 1 and "not linked" in report.messages[0]
    assert [a[1] for a in unmatched_ads(session, ws)] == ["9"]

    # the per-video totals (no date range) and a scan of the daily rows agree
    scanned = roi_from_db(session, ws, since=dt.date(2000, 1, 1))
    assert [(g.key, g.spend, g.revenue, g.roi) for g in scanned.groups] == [
        (g.key, g.spend, g.revenue, g.roi) for g in report.groups
    ]
    since = roi_from_db(session, ws, since=dt.date(2026, 10, 2))
    assert next(g for g in since.groups if g.key == "flash-sale").spend == D("20")

    # the seller maps the unnamed ad to the first flash-sale video: ROI follows
    video, moved = link_ad(session, ws, "meta", "9", CODES["flash"].lower())
    session.commit()
    assert (video.id, moved) == (videos["flash"].id, 1)
    flash = next(g for g in roi_from_db(session, ws).groups if g.key == "flash-sale")
    assert flash.spend == D("60") and flash.revenue == D("300")
    # a later import keeps the explicit mapping, and a full relink changes nothing
    run_import(session, ws, path)
    assert relink(session, ws)["ad_link"] == 1
    assert roi_from_db(session, ws).unlinked_rows == 0


def test_orders_as_the_revenue_source(session, shop, tmp_path):
    ws, _ = shop
    run_import(
        session,
        ws,
        write(
            tmp_path,
            "a.csv",
            [
                row("2026-10-01", f"Dress {CODES['life']}", "3", "40.00", 4000, 10, 0, "0"),
            ],
        ),
    )
    orders = [
        OrderRow(
            order_id="#1001",
            date=dt.date(2026, 10, 1),
            currency="USD",
            revenue=D("50"),
            utm_content=CODES["life"],
            raw={"utm_source": "facebook"},
        ),
        OrderRow(
            order_id="#1002",
            date=dt.date(2026, 10, 2),
            currency="USD",
            revenue=D("75.50"),
            utm_content=f"Dress {CODES['life']} - Copy",
            raw={"utm_source": "facebook"},
        ),
        OrderRow(
            order_id="#1003",
            date=dt.date(2026, 10, 2),
            currency="USD",
            revenue=D("9"),
            utm_content="newsletter",
        ),
    ]
    stored, _ = import_orders(session, ws, orders, source="shopify")
    import_orders(session, ws, orders, source="shopify")  # idempotent
    session.commit()
    assert stored == 3
    ads = next(g for g in roi_from_db(session, ws).groups if g.key == "lifestyle")
    shop_orders = roi_from_db(session, ws, revenue_source="orders")
    life = next(g for g in shop_orders.groups if g.key == "lifestyle")
    assert ads.revenue == 0 and life.revenue == D("125.50") and life.purchases == 2
    assert life.spend == D("40") and "shop orders" in shop_orders.messages[-1]


def test_tiktok_hook_rate_uses_two_second_views(session, shop, tmp_path):
    from plugins.tiktok_ads import TikTokAds

    ws, _ = shop
    path = tmp_path / "tiktok.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [
                [
                    "Ad name",
                    "Ad ID",
                    "By Day",
                    "Cost",
                    "Impressions",
                    "Clicks (destination)",
                    "Complete payment",
                    "Complete payment value",
                    "2-second video views",
                ],
                [
                    f"Mug {CODES['life']}",
                    "17001",
                    "2026-10-01",
                    "20.00",
                    "4,000",
                    "40",
                    "2",
                    "60.00",
                    "1,000",
                ],
                ["Total of 1 result", "-", "-", "20.00", "4,000", "40", "2", "60.00", "1,000"],
            ]
        )
    rows = TikTokAds().fetch(FetchQuery(kind="ad_stats", path=path, options={"currency": "USD"}))
    import_ad_stats(session, ws, rows, source="tiktok", platform="tiktok", file=path)
    session.commit()
    report = roi_from_db(session, ws, by="platform")
    tiktok = next(g for g in report.groups if g.key == "tiktok")
    assert tiktok.hook_rate == D("0.25") and tiktok.hold_rate is None
    assert (tiktok.spend, tiktok.revenue, tiktok.purchases) == (D("20"), D("60"), 2)


def test_demo_ads_import_links_every_finished_video(session, shop, db_url, monkeypatch, tmp_path):
    from studio.config import get_settings
    from studio.roi import refresh
    from studio.roi.demo import import_demo_ads

    ws, videos = shop
    monkeypatch.setenv("STUDIO_DATABASE_URL", db_url)
    monkeypatch.setenv("STUDIO_HOME", str(tmp_path))
    get_settings.cache_clear()
    try:
        assert import_demo_ads(ws) == 3 * 14
        assert refresh() == {"workspaces": 1}
        report = roi_from_db(session, ws)
    finally:
        get_settings.cache_clear()
    assert {g.key for g in report.groups} == {"flash-sale", "lifestyle"}
    assert sum(g.videos for g in report.groups) == 3 and report.unlinked_rows == 0


def test_a_repeated_import_rewrites_only_changed_and_unlinked_rows(session, shop, tmp_path):
    ws, _ = shop
    rows = [
        row("2026-10-01", f"Dress {CODES['flash']}", "1", "10.00"),
        row("2026-10-02", f"Dress {CODES['flash']}", "1", "11.00"),
        row("2026-10-01", "Old ad without code", "3", "7.00"),
    ]
    first = run_import(session, ws, write(tmp_path, "a.csv", rows))
    assert (first.stored, first.changed) == (3, 3)
    rows[1] = row("2026-10-02", f"Dress {CODES['flash']}", "1", "11.50")  # a corrected day
    again = run_import(session, ws, write(tmp_path, "b.csv", rows))
    # every ad-day is stored; only the corrected one and the unlinked one were written again
    assert (again.stored, again.changed) == (3, 2)
    by_day = {
        (s.ad_id, s.date.day): (s.spend, s.ad_import_id)
        for s in session.scalars(select(AdStat).where(AdStat.workspace_id == ws))
    }
    assert by_day == {
        ("1", 1): (D("10"), first.import_id),  # unchanged: still the import that wrote it
        ("1", 2): (D("11.5"), again.import_id),
        ("3", 1): (D("7"), again.import_id),  # unlinked: listed under the latest import
    }
    assert totals(session, ws) == (3, D("28.50"))
