"""GET /analytics/roi/trend on both databases, against figures worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from tests.db.factories import make_ad_import

BOTH = pytest.mark.parametrize("settings", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def shop(settings, tenant):
    """Two templates over two weeks (Mon 5 Oct 2026 – Sun 18 Oct 2026).

    flash-sale: video A1 (a dress, margin (50 − 20) ÷ 50 = 0.6, production 2.50 USD) spends
    10 → 30 on Mon 5, 20 → 40 on Wed 7 and 5 → 0 on Tue 13; video A2 (the dress, no production
    cost) spends 15 → 60 on Mon 12. lifestyle: video B1 (a scarf without a cost price) spends
    8 → 16 on Tue 6. An ad nobody linked spends 100 on Tue 6 and must not count.
    """
    from studio.db import AdStat, Product, Video, session_scope

    with session_scope(settings.resolved_database_url()) as session:
        ws = tenant.workspace_id
        dress = Product(workspace_id=ws, title="Dress", price=D("50"), cost=D("20"),
                        category="dresses")
        scarf = Product(workspace_id=ws, title="Scarf", price=D("10"), category="scarves")
        session.add_all([dress, scarf])
        session.flush()
        videos = {}
        for name, template, product, cost in (("A1", "flash-sale", dress, D("2.50")),
                                              ("A2", "flash-sale", dress, D("0")),
                                              ("B1", "lifestyle", scarf, D("0"))):
            videos[name] = Video(workspace_id=ws, creative_code=f"TRND{name}XX",
                                 product_id=product.id, template_id=template,
                                 template_version="v1", status="succeeded",
                                 production_cost=cost, production_currency="USD")
            session.add(videos[name])
        session.flush()
        rows = [("A1", "2026-10-05", "10", "30"), ("A1", "2026-10-07", "20", "40"),
                ("A1", "2026-10-13", "5", "0"), ("A2", "2026-10-12", "15", "60"),
                ("B1", "2026-10-06", "8", "16"), (None, "2026-10-06", "100", "500")]
        imp = make_ad_import(session, ws).id
        for n, (video, day, spend, revenue) in enumerate(rows):
            session.add(AdStat(
                workspace_id=ws, ad_import_id=imp, platform="meta", ad_id=f"ad{n}",
                ad_name=f"ad {n}",
                date=dt.date.fromisoformat(day), spend=D(spend), revenue=D(revenue),
                impressions=1000, link_clicks=10, purchases=1, currency="USD",
                video_id=videos[video].id if video else None,
            ))  # fmt: skip
    return tenant


def _get(client, tenant, **params):
    return client.get("/api/v1/analytics/roi/trend", headers=tenant.headers, params=params)


def _series(answer, key):
    return next(s for s in answer["series"] if s["key"] == key)


@BOTH
def test_weekly_trend_matches_the_hand_computed_figures(client, shop):
    answer = _get(client, shop, interval="week", since="2026-10-05", until="2026-10-18")
    assert answer.status_code == 200, answer.text
    trend = answer.json()
    assert trend["periods"] == ["2026-10-05", "2026-10-12"]
    flash = _series(trend, "flash-sale")
    week1, week2 = flash["points"]
    assert (D(week1["spend"]), D(week1["revenue"])) == (D(30), D(70))
    assert D(week1["production_cost"]) == D("2.50")  # A1's first results are in week 1
    # profit = 70 × 0.6 − 30 − 2.50 = 9.50; ROI = 9.50 ÷ 32.50
    assert D(week1["profit"]) == D("9.5")
    # ratios come with six decimals in JSON
    assert D(week1["roi"]) == (D("9.5") / D("32.5")).quantize(D("0.000001"))
    assert D(week1["roas"]) == (D(70) / D(30)).quantize(D("0.000001"))
    assert week1["videos"] == 1
    # week 2: A1 5 → 0 and A2 15 → 60; production already counted: profit = 36 − 20 = 16
    assert (D(week2["spend"]), D(week2["revenue"]), D(week2["production_cost"])) == (
        D(20), D(60), D(0))
    assert (D(week2["profit"]), D(week2["roi"]), D(week2["roas"])) == (D(16), D("0.8"), D(3))
    assert week2["videos"] == 2
    life = _series(trend, "lifestyle")
    assert D(life["points"][0]["roas"]) == D(2)
    assert life["points"][0]["roi"] is None  # the scarf has no cost price: no profit
    assert D(life["points"][1]["spend"]) == 0
    assert life["points"][1]["roas"] is None  # nothing spent that week
    # the unlinked 100 is in no series
    assert sum(D(s["spend"]) for s in trend["series"]) == D(58)
    assert "ROAS = revenue ÷ ad spend" in trend["formulas"]["roas"]


@BOTH
def test_per_period_profit_adds_up_to_the_roi_report(client, shop):
    trend = _get(client, shop, interval="day", since="2026-10-05", until="2026-10-18").json()
    assert len(trend["periods"]) == 14
    report = client.get("/api/v1/analytics/roi", headers=shop.headers, params={
        "by": "template", "since": "2026-10-05", "until": "2026-10-18"}).json()
    flash = next(g for g in report["groups"] if g["key"] == "flash-sale")
    days = _series(trend, "flash-sale")["points"]
    assert sum(D(p["profit"]) for p in days) == D(flash["profit"]) == D("25.5")
    assert sum(D(p["spend"]) for p in days) == D(flash["spend"])
    by_day = {p["period"]: p for p in days}
    assert D(by_day["2026-10-06"]["spend"]) == 0 and D(by_day["2026-10-07"]["spend"]) == 20


@BOTH
def test_monthly_and_by_category(client, shop):
    trend = _get(client, shop, interval="month", by="category").json()
    assert trend["periods"] == ["2026-10-01"]
    dresses = _series(trend, "dresses")["points"][0]
    assert (D(dresses["spend"]), D(dresses["revenue"])) == (D(50), D(130))
    only = _get(client, shop, interval="month", category="scarves").json()
    assert [s["key"] for s in only["series"]] == ["lifestyle"]


def test_trend_input_errors_name_the_field(client, shop):
    hour = _get(client, shop, interval="hour")
    assert hour.status_code == 422 and hour.json()["field"] == "query.interval"
    swapped = _get(client, shop, since="2026-10-18", until="2026-10-05")
    assert swapped.status_code == 422
    assert (swapped.json()["code"], swapped.json()["field"]) == ("range.swapped", "query.since")
    long = _get(client, shop, interval="day", since="2020-01-01", until="2026-01-01")
    assert long.status_code == 422 and long.json()["code"] == "analytics.too_many_periods"
    assert "week or month" in long.json()["detail"]


def test_the_openapi_description_states_the_formulas(client):
    spec = client.get("/openapi.json").json()
    text = spec["paths"]["/api/v1/analytics/roi/trend"]["get"]["description"]
    assert "ROI = profit ÷ (spend + production cost)" in text
    assert "counted once" in text
