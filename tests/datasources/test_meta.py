"""Meta ads: Ads Manager exports built like real ones, and the Insights API via the real SDK."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from plugins.meta_ads import MetaAds
from studio.contracts import AdStatRow, DataSource, FetchQuery, PluginError, RejectedRow

HEADERS = [
    "Day",
    "Reporting starts",
    "Reporting ends",
    "Campaign name",
    "Ad set name",
    "Ad name",
    "Ad ID",
    "Ad delivery",
    "Results",
    "Result indicator",
    "Cost per results",
    "Ad set budget",
    "Ad set budget type",
    "Amount spent (USD)",
    "Impressions",
    "Reach",
    "Frequency",
    "CPM (cost per 1,000 impressions) (USD)",
    "Link clicks",
    "CTR (link click-through rate)",
    "Purchases",
    "Purchases conversion value",
    "3-second video plays",
    "ThruPlays",
    "Ends",
    "Attribution setting",
    "Quality ranking",
    "Engagement rate ranking",
    "Conversion rate ranking",
    "Purchase ROAS (return on ad spend)",
    "URL parameters",
]


def meta_row(**cells: str) -> list[str]:
    row = dict.fromkeys(HEADERS, "")
    row.update(
        {
            "Ad delivery": "active",
            "Ad set budget": "Using campaign budget",
            "Ad set budget type": "Using campaign budget",
            "Ends": "Ongoing",
            "Attribution setting": "7-day click or 1-day view",
            "Quality ranking": "-",
            "Engagement rate ranking": "-",
            "Conversion rate ranking": "-",
            "Result indicator": "actions:offsite_conversion.fb_pixel_purchase",
        }
    )
    row.update(cells)
    return [row[h] for h in HEADERS]


def export_rows() -> list[list[str]]:
    day = {"Reporting starts": "2026-10-01", "Reporting ends": "2026-10-31"}
    return [
        HEADERS,
        # the summary row Ads Manager puts first: no names, totals of everything
        meta_row(
            **day,
            **{
                "Amount spent (USD)": "1,336.50",
                "Impressions": "130,000",
                "Ad delivery": "",
                "Results": "12",
            },
        ),
        meta_row(
            **day,
            Day="2026-10-01",
            **{
                "Campaign name": "Spring",
                "Ad set name": "Broad",
                "Ad name": "Dress ST-7K2Q",
                "Ad ID": "120210000000000001",
                "Results": "12",
                "Cost per results": "102.21",
                "Amount spent (USD)": "1,226.50",
                "Impressions": "120,000",
                "Reach": "90,000",
                "Frequency": "1.333",
                "Link clicks": "2,400",
                "Purchases": "12",
                "Purchases conversion value": "3,020.45",
                "3-second video plays": "36,000",
                "ThruPlays": "9,000",
                "Purchase ROAS (return on ad spend)": "2.46",
                "Quality ranking": "Above average",
                "URL parameters": "utm_source=facebook&utm_content=ST-7K2Q&utm_campaign=Spring",
            },
        ),
        meta_row(
            **day,
            Day="2026-10-02",
            **{
                "Campaign name": "Spring",
                "Ad name": "Dress ST-7K2Q - Copy",
                "Ad ID": "120210000000000002",
                "Results": "",
                "Amount spent (USD)": "110",
                "Impressions": "10,000",
                "Link clicks": "150",
                "Purchases": "-",
                "3-second video plays": "2,000",
                "ThruPlays": "600",
            },
        ),
    ]


def fetch(source, path=None, **kw):
    options = kw.pop("options", {})
    rows = list(source.fetch(FetchQuery(kind="ad_stats", path=path, options=options, **kw)))
    return (
        [r for r in rows if isinstance(r, AdStatRow)],
        [r for r in rows if isinstance(r, RejectedRow)],
    )


def test_meta_source_satisfies_the_contract():
    assert isinstance(MetaAds(), DataSource)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "xlsx"])
def test_ads_manager_export(write_export, encoding):
    name = "Spring-Ads-Oct-1-2026-Oct-31-2026." + ("xlsx" if encoding == "xlsx" else "csv")
    ads, rejected = fetch(MetaAds(), write_export(export_rows(), name, encoding))
    assert rejected == []
    first, second = ads
    assert (first.date, first.ad_id, first.ad_name) == (
        dt.date(2026, 10, 1),
        "120210000000000001",
        "Dress ST-7K2Q",
    )
    assert first.currency == "USD"
    assert first.spend == Decimal("1226.50") and first.revenue == Decimal("3020.45")
    assert (first.impressions, first.link_clicks, first.purchases) == (120000, 2400, 12)
    assert (first.plays_3s, first.thruplays) == (36000, 9000)
    assert first.utm_content == "ST-7K2Q" and first.campaign_name == "Spring"
    # '-' is Ads Manager's blank: unknown, not zero
    assert second.purchases is None and second.revenue is None
    assert second.spend == Decimal("110")


def test_export_without_day_column_uses_one_day_reporting_ranges(write_export):
    keep = [h for h in HEADERS if h not in ("Day", "Purchases conversion value")]
    rows = [[c for h, c in zip(HEADERS, r, strict=True) if h in keep] for r in export_rows()]
    rows[2][0] = rows[2][1] = "2026-10-05"  # this row is one day
    ads, rejected = fetch(MetaAds(), write_export(rows))
    assert [a.date for a in ads] == [dt.date(2026, 10, 5)]
    # only ROAS was exported: revenue = ROAS × spend, flagged as an estimate
    assert ads[0].revenue == Decimal("3017.19") and ads[0].raw["_revenue_estimated_from_roas"]
    assert [r.row_number for r in rejected] == [4]
    assert "2026-10-01 to 2026-10-31" in rejected[0].reason
    assert "By time > Day" in rejected[0].reason


def test_bad_cells_are_rejected_with_row_and_fix(write_export):
    rows = export_rows()
    rows[2][HEADERS.index("Impressions")] = "lots"
    rows[3][HEADERS.index("Ad ID")] = "1.20210000000000E+17"
    ads, rejected = fetch(MetaAds(), write_export(rows))
    assert ads == []
    assert [r.row_number for r in rejected] == [3, 4]
    assert "row 3: Impressions: 'lots' is not a number" in rejected[0].reason
    assert "rounded by Excel" in rejected[1].reason
    assert rejected[0].raw["Ad name"] == "Dress ST-7K2Q"


def test_currency_is_required_when_headers_do_not_say_it(write_export):
    rows = export_rows()
    rows[0] = [h.replace(" (USD)", "") for h in rows[0]]
    with pytest.raises(PluginError, match="no currency.*--currency"):
        fetch(MetaAds(), write_export(rows))
    ads, _ = fetch(MetaAds(), write_export(rows, "b.csv"), options={"currency": "eur"})
    assert {a.currency for a in ads} == {"EUR"}


def test_a_campaign_level_export_is_refused_with_advice(write_export):
    with pytest.raises(PluginError, match="ad name or ad ID column.*Ads tab"):
        fetch(MetaAds(), write_export([["Campaign name", "Amount spent (USD)"], ["x", "1"]]))


def test_insights_api_through_the_sdk_pages_and_parses_strings():
    from tests.fakes.meta_api import TOKEN, FakeGraph, insights_record

    days = [dt.date(2026, 10, 1) + dt.timedelta(days=i) for i in range(30)]
    records = [insights_record(ad, day) for ad in (1, 2, 3) for day in days]
    with FakeGraph(records) as fake:
        source = MetaAds()
        source.connect(
            {"access_token": TOKEN, "account_id": "123456", "base_url": fake.url, "page_size": 25}
        )
        ads, rejected = fetch(source, since=days[0], until=days[9])
        pages = [r for r in fake.requests if r["path"] == "/v26.0/act_123456/insights"]
    assert rejected == [] and len(ads) == 30
    assert len(pages) == 2 and pages[1]["after"] == "25"
    row = next(a for a in ads if a.ad_id == "2385000002" and a.date == dt.date(2026, 10, 3))
    assert row.spend == Decimal("12.03") and row.impressions == 2003
    # "purchase" and "offsite_conversion.fb_pixel_purchase" report the same purchases
    assert row.purchases == 2 and row.revenue == Decimal("50.50")
    assert (row.plays_3s, row.thruplays, row.link_clicks) == (302, 92, 22)
    assert row.currency == "USD"


def test_insights_api_errors_are_clear():
    from tests.fakes.meta_api import FakeGraph

    with FakeGraph([]) as fake:
        source = MetaAds()
        source.connect({"access_token": "bad", "account_id": "act_1", "base_url": fake.url})
        with pytest.raises(PluginError, match="Invalid OAuth access token.*code 190"):
            fetch(source, since=dt.date(2026, 10, 1), until=dt.date(2026, 10, 2))
        with pytest.raises(PluginError, match="date range"):
            fetch(source)
