"""ROI engine on a hand-computed fixture: 3 templates × 10 videos × 30 days.

Every daily figure follows a closed form in (template, video v, day d), so the expected totals
are sums of arithmetic series written out below, not anything the engine computes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from studio.roi import AdResult, Rates, VideoInfo, recommend, roi_report

CENT, BP = D("0.01"), D("0.0001")
START = dt.date(2026, 10, 1)

# template: spend/day base, impressions base, link clicks base, purchases base, revenue per
# purchase, 3-s plays base, thruplays/day, production cost base, product price, product cost
TABLE = {
    "flash-sale": (
        D("10.25"),
        2000,
        40,
        2,
        D("24.50"),
        600,
        150,
        D("3.20"),
        D("49.00"),
        D("19.60"),
    ),
    "lifestyle": (D("8.10"), 2500, 30, 1, D("39.90"), 500, 100, D("1.75"), D("39.90"), D("11.97")),
    "unboxing": (D("12.40"), 1800, 55, 3, D("19.99"), 900, 300, D("0.80"), D("19.99"), D("9.99")),
}


def fixture(days: int = 30):
    videos, rows = {}, []
    for t, (name, (s, i, c, p, r, h, u, k, price, cost)) in enumerate(TABLE.items()):
        for v in range(10):
            vid = t * 100 + v
            videos[vid] = VideoInfo(
                video_id=vid,
                template_id=name,
                template_version="v1",
                product_id=name,
                category="dresses",
                gross_margin=(price - cost) / price,
                production_cost=k + D(v) / 10,
                production_currency="USD",
            )
            for d in range(days):
                purchases = p + v % 2
                rows.append(
                    AdResult(
                        video_id=vid,
                        platform="meta",
                        currency="USD",
                        date=START + dt.timedelta(d),
                        spend=s + v + D(d) / 100,
                        revenue=purchases * r,
                        impressions=i + 10 * v + d,
                        link_clicks=c + v,
                        purchases=purchases,
                        hook_plays=h + v,
                        plays_3s=h + v,
                        thruplays=u,
                    )
                )
    return rows, videos


def expected(name: str, days: int = 30) -> dict[str, D]:
    """Closed-form totals: Σv (v=0..9) = 45, Σd (d=0..days-1) = days(days-1)/2."""
    s, i, c, p, r, h, u, k, price, cost = TABLE[name]
    n, sum_v, sum_d = 10 * days, 45, days * (days - 1) // 2
    spend = n * s + days * sum_v + D(10 * sum_d) / 100
    impressions = n * i + days * 10 * sum_v + 10 * sum_d
    clicks = n * c + days * sum_v
    purchases = n * p + days * 5  # v % 2 is 1 for five of the ten videos
    revenue = purchases * r
    plays = n * h + days * sum_v
    production = 10 * k + D(sum_v) / 10
    profit = revenue * (price - cost) / price - spend - production
    return {
        "spend": spend,
        "revenue": revenue,
        "production_cost": production,
        "profit": profit,
        "roas": revenue / spend,
        "roi": profit / (spend + production),
        "ctr": D(clicks) / impressions,
        "cvr": D(purchases) / clicks,
        "cpa": spend / purchases,
        "cpm": spend / impressions * 1000,
        "hook_rate": D(plays) / impressions,
        "hold_rate": D(n * u) / plays,
    }


@pytest.mark.parametrize("days", [30, 10])
def test_totals_and_ratios_match_the_hand_computed_figures(days):
    rows, videos = fixture()
    until = START + dt.timedelta(days - 1)
    report = roi_report(rows, videos, by="template", until=until)
    assert {g.key for g in report.groups} == set(TABLE)
    for g in report.groups:
        want = expected(g.key, days)
        assert g.currency == "USD" and g.videos == 10 and g.enough_data
        for money in ("spend", "revenue", "production_cost", "profit", "cpa", "cpm"):
            assert getattr(g, money).quantize(CENT) == want[money].quantize(CENT), money
        for share in ("roas", "roi", "ctr", "cvr", "hook_rate", "hold_rate"):
            assert getattr(g, share).quantize(BP) == want[share].quantize(BP), share


def test_spot_check_one_template_by_hand():
    # lifestyle, 30 days: spend = 300×8.10 + 30×45 + 10×435/100 = 2430 + 1350 + 43.50
    g = next(g for g in roi_report(*fixture()).groups if g.key == "lifestyle")
    assert g.spend == D("3823.50")
    assert g.revenue == D("17955.00")  # (300 + 150) purchases × 39.90
    assert g.profit.quantize(CENT) == D("8723.00")  # 17955 × 0.7 − 3823.50 − 22.00


def test_interval_probability_best_and_recommendation():
    rows, videos = fixture()
    report = roi_report(rows, videos)
    again = roi_report(rows, videos)
    assert [g.roi_interval for g in report.groups] == [g.roi_interval for g in again.groups]
    for g in report.groups:
        low, high = g.roi_interval
        assert low <= float(g.roi) <= high
    best = max(report.groups, key=lambda g: g.roi)
    assert best.key == "lifestyle" and best.p_best > 0.9
    assert sum(g.p_best for g in report.groups) == pytest.approx(1.0)
    [rec] = recommend(report, slots=10, category="dresses")
    assert sum(rec.slots.values()) == 10 and rec.slots["lifestyle"] >= 9
    assert "'lifestyle'" in rec.summary and "for dresses" in rec.summary
    assert "probability of being the best" in rec.explanation


def test_few_videos_are_flagged_and_still_get_a_chance():
    rows, videos = fixture(days=5)
    videos[900] = VideoInfo(900, "new-look", gross_margin=D("0.6"))
    rows.append(
        AdResult(
            900,
            "meta",
            "USD",
            START,
            spend=D("5"),
            revenue=D("60"),
            impressions=400,
            link_clicks=9,
            purchases=2,
        )
    )
    report = roi_report(rows, videos)
    new = next(g for g in report.groups if g.key == "new-look")
    assert not new.enough_data and "not enough data: 1 video(s)" in new.notes[0]
    assert 0 < new.p_best < 1  # uncertain: neither ignored nor crowned
    [rec] = recommend(report, slots=20)
    assert "'new-look' (not enough data yet" in rec.summary


def test_currencies_are_reported_apart_or_converted():
    rows, videos = fixture(days=2)
    eur = [
        AdResult(v, "meta", "EUR", START, spend=D("10"), revenue=D("30"), impressions=1000)
        for v in (0, 1, 2)
    ]
    report = roi_report(rows + eur, videos)
    keys = {(g.key, g.currency) for g in report.groups}
    assert ("flash-sale", "USD") in keys and ("flash-sale", "EUR") in keys
    assert any("reported apart, never added up" in m for m in report.messages)
    eur_group = next(g for g in report.groups if g.currency == "EUR")
    assert eur_group.spend == D("30")

    converted = roi_report(rows + eur, videos, rates=Rates("USD", {"EUR": D("1.10")}))
    assert {g.currency for g in converted.groups} == {"USD"}
    base = next(g for g in report.groups if (g.key, g.currency) == ("flash-sale", "USD"))
    merged = next(g for g in converted.groups if g.key == "flash-sale")
    assert merged.spend == base.spend + D("33.00")
    assert not any("apart" in m for m in converted.messages)


def test_production_cost_in_another_currency_is_not_silently_added():
    rows, videos = fixture(days=1)
    videos[0] = VideoInfo(
        0, "flash-sale", gross_margin=D("0.6"), production_cost=D("50"), production_currency="CNY"
    )
    report = roi_report(rows, videos)
    assert any("production cost of 1 video(s) is in CNY" in m for m in report.messages)
    g = next(g for g in report.groups if g.key == "flash-sale")
    assert g.production_cost == expected("flash-sale", 1)["production_cost"] - D("3.20")
    # the CNY cost is on its own line, and no profit is claimed without it
    assert g.production_cost_other == {"CNY": D("50")}
    assert g.profit is None and g.roi is None and g.p_best is None


def test_unlinked_rows_are_counted_and_missing_cost_explained():
    rows, videos = fixture(days=1)
    rows.append(AdResult(None, "meta", "USD", START, spend=D("99.99"), impressions=5))
    videos[5] = VideoInfo(5, "flash-sale")  # product without a cost
    report = roi_report(rows, videos)
    assert report.unlinked_rows == 1
    assert any("1 ad rows (99.99 USD) are not linked" in m for m in report.messages)
    g = next(g for g in report.groups if g.key == "flash-sale")
    assert g.profit is None and g.roi is None and any("product cost" in n for n in g.notes)
    assert g.spend > 0


def test_by_platform_splits_production_cost_by_spend():
    videos = {
        1: VideoInfo(
            1, "a", gross_margin=D("0.5"), production_cost=D("4"), production_currency="USD"
        )
    }
    rows = [
        AdResult(1, "meta", "USD", START, spend=D("30"), plays_3s=10, hook_plays=10),
        AdResult(1, "tiktok", "USD", START, spend=D("10"), hook_plays=7),
    ]
    report = roi_report(rows, videos, by="platform")
    cost = {g.key: g.production_cost for g in report.groups}
    assert cost == {"meta": D("3"), "tiktok": D("1")}
    assert roi_report(rows, videos, by="template").groups[0].production_cost == D("4")


def test_production_cost_in_another_currency_is_reported_not_zero():
    """An EUR-only template whose videos cost 4 USD each must not look free to make."""
    videos = {v: VideoInfo(v, "eur-only", gross_margin=D("0.5"), production_cost=D("4"),
                           production_currency="USD") for v in (1, 2, 3)}
    rows = [AdResult(v, "meta", "EUR", START, spend=D("10"), revenue=D("30"), impressions=900)
            for v in videos]
    g = roi_report(rows, videos).groups[0]
    assert (g.currency, g.production_cost, g.production_cost_other) == ("EUR", 0, {"USD": 12})
    assert g.profit is None and g.roi is None  # not 45 − 30 − 0 = +15 EUR, "50 % ROI"
    assert g.notes[0] == (
        "production cost of 12.00 USD is in another currency than the ads (EUR) and is not "
        "counted in the production cost; profit and ROI need an exchange rate from USD to EUR")
    assert (g.notices[0].code, g.notices[0].params) == (
        "production_cost_apart", {"amounts": {"USD": "12.00"}, "currency": "EUR"})

    converted = roi_report(rows, videos, rates=Rates("EUR", {"USD": D("0.92")})).groups[0]
    assert converted.production_cost == D("11.04") and converted.production_cost_other == {}
    assert converted.profit == D("45") - D("30") - D("11.04")


@pytest.mark.parametrize(("purchases", "spend", "currency", "enough"), [
    (3, "60", "USD", False),  # one day, three purchases: what used to claim a firm interval
    (30, "60", "USD", False),  # enough purchases, too little spend
    (30, "120", "USD", True),
    (30, "12000", "JPY", False),  # 12,000 yen is about 80 dollars
    (30, "20000", "JPY", True),
])
def test_enough_data_needs_purchases_and_spend(purchases, spend, currency, enough):
    videos = {v: VideoInfo(v, "t", gross_margin=D("0.5")) for v in (1, 2, 3)}
    bought = {1: purchases - 2 * (purchases // 3), 2: purchases // 3, 3: purchases // 3}
    rows = [AdResult(v, "meta", currency, START, spend=D(spend) / 3, revenue=D("300"),
                     impressions=1000, link_clicks=50, purchases=bought[v]) for v in videos]
    report = roi_report(rows, videos)
    g = report.groups[0]
    assert g.purchases == purchases and g.enough_data is enough
    if not enough:
        floor = "100 USD" if currency == "USD" else "15,000 JPY"
        assert g.notes[-1].startswith(f"not enough data: 3 video(s), 3,000 impressions, "
                                      f"{purchases} purchases and ")
        assert g.notes[-1].endswith(f"from 3 videos, 1,000 impressions, 30 purchases and "
                                    f"{floor} of spend")
    assert "30 purchases and 100 USD" in report.formulas["enough_data"]


def test_a_sale_naming_a_variant_is_costed_at_that_variants_margin():
    # the product's first variant (S) keeps 50 %; the XL that sold keeps only 20 %
    videos = {1: VideoInfo(1, "t", gross_margin=D("0.5"),
                           variant_margins={"TEE-S": D("0.5"), "TEE-XL": D("0.2")})}
    rows = [
        AdResult(1, "meta", "USD", START, spend=D("10"), impressions=1000),
        AdResult(1, "meta", "USD", START, revenue=D("100"), purchases=1, sku="TEE-XL", rows=0),
        AdResult(1, "meta", "USD", START, revenue=D("40"), purchases=1, rows=0),  # no SKU
    ]
    g = roi_report(rows, videos).groups[0]
    assert g.gross_profit == D("100") * D("0.2") + D("40") * D("0.5")  # 40, not 70
    assert g.profit == D("30")
