"""TikTok ads: Ads Manager exports (English and Chinese, total rows) and the report API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from plugins.tiktok_ads import TikTokAds
from studio.contracts import AdStatRow, DataSource, FetchQuery, PluginError, RejectedRow

HEADERS = [
    "Ad name",
    "Ad ID",
    "By Day",
    "Campaign name",
    "Currency",
    "Cost",
    "Impressions",
    "Clicks (destination)",
    "CTR (destination)",
    "Conversions",
    "Complete payment",
    "Complete payment value",
    "Complete payment ROAS",
    "2-second video views",
    "6-second video views",
]


def export_rows() -> list[list[str]]:
    return [
        HEADERS,
        [
            "Mug ST-00A1",
            "1780000000000001",
            "2026-10-01",
            "Q4",
            "USD",
            "1,205.10",
            "98,004",
            "1,204",
            "1.23%",
            "40",
            "38",
            "2,950.00",
            "2.45",
            "20,100",
            "9,000",
        ],
        [
            "Totally new mug",
            "1780000000000002",
            "2026-10-01",
            "Q4",
            "USD",
            "12.00",
            "1,000",
            "10",
            "1.00%",
            "0",
            "-",
            "-",
            "-",
            "200",
            "90",
        ],
        [
            "Total of 2 results",
            "-",
            "-",
            "-",
            "USD",
            "1,217.10",
            "99,004",
            "1,214",
            "1.23%",
            "40",
            "38",
            "2,950.00",
            "2.42",
            "20,300",
            "9,090",
        ],
    ]


def fetch(source, path=None, **kw):
    options = kw.pop("options", {})
    rows = list(source.fetch(FetchQuery(kind="ad_stats", path=path, options=options, **kw)))
    return (
        [r for r in rows if isinstance(r, AdStatRow)],
        [r for r in rows if isinstance(r, RejectedRow)],
    )


def test_tiktok_source_satisfies_the_contract():
    assert isinstance(TikTokAds(), DataSource)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "xlsx", "utf-16"])
def test_ads_manager_export_skips_the_total_row(write_export, encoding):
    name = "Ad report.xlsx" if encoding == "xlsx" else "Ad report.csv"
    ads, rejected = fetch(TikTokAds(), write_export(export_rows(), name, encoding))
    assert rejected == []
    assert [a.ad_name for a in ads] == ["Mug ST-00A1", "Totally new mug"]
    mug = ads[0]
    assert (mug.platform, mug.date, mug.currency) == ("tiktok", dt.date(2026, 10, 1), "USD")
    assert mug.spend == Decimal("1205.10") and mug.revenue == Decimal("2950.00")
    assert (mug.impressions, mug.link_clicks, mug.purchases, mug.plays_2s) == (
        98004,
        1204,
        38,
        20100,
    )
    assert ads[1].purchases is None


def test_chinese_gbk_export(write_export):
    rows = [
        [
            "广告名称",
            "广告ID",
            "日期",
            "花费",
            "展示次数",
            "点击量（目标页面）",
            "完成支付",
            "完成支付价值",
            "2秒视频播放量",
        ],
        [
            "连衣裙 ST-0B2C",
            "1780000000000003",
            "2026-10-02",
            "88.80",
            "5,000",
            "60",
            "3",
            "299.70",
            "1,500",
        ],
        ["总计", "", "", "88.80", "5,000", "60", "3", "299.70", "1,500"],
    ]
    ads, rejected = fetch(
        TikTokAds(), write_export(rows, "报表.csv", "gbk"), options={"currency": "CNY"}
    )
    assert rejected == []
    [row] = ads
    assert (row.ad_name, row.currency, row.spend, row.revenue, row.plays_2s) == (
        "连衣裙 ST-0B2C",
        "CNY",
        Decimal("88.80"),
        Decimal("299.70"),
        1500,
    )


def test_report_api_pages_and_reads_string_values():
    from tests.fakes.tiktok_api import TOKEN, FakeTikTok, report_item

    days = [dt.date(2026, 10, 1) + dt.timedelta(days=i) for i in range(10)]
    with FakeTikTok([report_item(ad, d) for ad in (1, 2, 3) for d in days]) as fake:
        source = TikTokAds()
        source.connect(
            {"access_token": TOKEN, "advertiser_id": "7001", "base_url": fake.url, "page_size": 8}
        )
        ads, rejected = fetch(source, since=days[0], until=days[4])
        assert [r["page"] for r in fake.requests] == ["1", "2"]
    assert rejected == [] and len(ads) == 15
    row = next(a for a in ads if a.ad_id == "1700000002" and a.date == days[2])
    assert (row.spend, row.impressions, row.purchases, row.revenue) == (
        Decimal("7.25"),
        803,
        0,
        Decimal("0.90"),
    )
    assert (row.plays_2s, row.thruplays, row.ad_name) == (202, 42, "Mug ST-0002")


def test_report_api_errors_come_as_http_200_with_a_code():
    from tests.fakes.tiktok_api import TOKEN, FakeTikTok

    with FakeTikTok([]) as fake:
        source = TikTokAds()
        since, until = dt.date(2026, 10, 1), dt.date(2026, 10, 2)
        source.connect({"access_token": "bad", "advertiser_id": "7001", "base_url": fake.url})
        with pytest.raises(PluginError, match="access token is invalid.*code 40105") as info:
            fetch(source, since=since, until=until)
        assert not info.value.transient
        source.connect({"access_token": TOKEN, "advertiser_id": "7001", "base_url": fake.url})
        fake.rate_limit_next = True
        with pytest.raises(PluginError, match="too frequently") as info:
            fetch(source, since=since, until=until)
        assert info.value.transient
