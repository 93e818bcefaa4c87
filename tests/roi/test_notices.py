"""What the ROI report and trend say beside their figures, as data: each situation yields its
notice code with the numbers as params, and a sentence that names no command line."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D

from studio.db import AdStat, Product, Video, Workspace
from studio.roi import AdResult, Rates, VideoInfo, roi_report
from studio.roi.notices import CODES
from studio.roi.query import roi_from_db
from studio.roi.trend import roi_trend
from studio.schemas.ads import NOTICE_CODES
from tests.db.factories import make_ad_import

DAY = dt.date(2026, 10, 5)
# what only a terminal may say: flags and commands
COMMAND_LINE = re.compile(r"--[a-z]|\bstudio [a-z]|`")


def _videos(*ids: int, **info) -> dict[int, VideoInfo]:
    return {v: VideoInfo(v, "flash-sale", gross_margin=D("0.6"), **info) for v in ids}


def _rows(*ids: int, currency: str = "USD", spend: str = "10") -> list[AdResult]:
    return [AdResult(v, "meta", currency, DAY, spend=D(spend), revenue=D("30"),
                     impressions=900, link_clicks=20, purchases=2) for v in ids]


def _said(notices) -> dict[str, dict]:
    for n in notices:
        assert n.code in CODES and n.text and not COMMAND_LINE.search(n.text), n
    return {n.code: n.params for n in notices}


def test_the_api_documents_every_code():
    assert list(NOTICE_CODES) == list(CODES)


def test_several_currencies_are_a_report_notice_with_their_codes():
    report = roi_report(_rows(1, 2) + _rows(3, currency="EUR"), _videos(1, 2, 3))
    assert _said(report.notices)["several_currencies"] == {"currencies": ["EUR", "USD"]}
    assert report.messages == [n.text for n in report.notices]
    converted = roi_report(_rows(1, 2) + _rows(3, currency="EUR"), _videos(1, 2, 3),
                           rates=Rates("USD", {"EUR": D("1.08")}))
    assert "several_currencies" not in _said(converted.notices)


def test_unlinked_rows_count_with_their_spend_in_the_currencys_decimals():
    rows = _rows(1) + [AdResult(None, "meta", "USD", DAY, spend=D("99.99")),
                       AdResult(None, "meta", "JPY", DAY, spend=D("1500.4"), rows=2)]
    report = roi_report(rows, _videos(1))
    assert _said(report.notices)["unlinked_rows"] == {
        "rows": 3, "amounts": {"JPY": "1500", "USD": "99.99"}}
    assert "3 ad rows (1500 JPY, 99.99 USD) are not linked to a video" in report.messages[-1]


def test_production_cost_in_another_currency_on_the_report_and_the_group():
    videos = _videos(1, 2, production_cost=D("50"), production_currency="CNY")
    report = roi_report(_rows(1, 2), videos)
    assert _said(report.notices)["production_cost_currency"] == {
        "videos": 2, "cost_currency": "CNY", "ads_currency": "USD"}
    [group] = report.groups
    assert _said(group.notices)["production_cost_apart"] == {
        "amounts": {"CNY": "100.00"}, "currency": "USD"}
    assert group.notes[0].startswith("production cost of 100.00 CNY is in another currency")
    assert group.roi is None


def test_a_product_without_a_cost_is_a_group_notice():
    videos = {1: VideoInfo(1, "flash-sale")}  # no gross margin: the product has no cost
    [group] = roi_report(_rows(1), videos).groups
    assert _said(group.notices)["product_cost_missing"] == {}
    assert group.profit is None


def test_not_enough_data_carries_the_figures_and_the_thresholds():
    [usd] = roi_report(_rows(1), _videos(1)).groups
    assert _said(usd.notices)["not_enough_data"] == {
        "videos": 1, "impressions": 900, "purchases": 2, "spend": "10.00", "currency": "USD",
        "min_videos": 3, "min_impressions": 1000, "min_purchases": 30, "min_spend": "100.00"}
    [xof] = roi_report(_rows(1, currency="XOF"), _videos(1)).groups
    params = _said(xof.notices)["not_enough_data"]
    assert params["min_spend"] is None and params["currency"] == "XOF"
    assert xof.notes[-1].endswith("no spend minimum known for XOF")
    enough = roi_report(
        [AdResult(v, "meta", "USD", DAY, spend=D("50"), revenue=D("300"), impressions=1000,
                  link_clicks=50, purchases=10) for v in (1, 2, 3)], _videos(1, 2, 3))
    assert enough.groups[0].notices == []


def _shop(session) -> tuple[int, dict[str, int]]:
    ws = Workspace(name="Notices", slug="notices")
    session.add(ws)
    session.flush()
    dress = Product(workspace_id=ws.id, title="Dress", price=D("50"), cost=D("20"))
    session.add(dress)
    session.flush()
    videos = {}
    for name, cost, currency in (("usd", "0", None), ("cny", "35", "CNY")):
        video = Video(workspace_id=ws.id, creative_code=f"NTC{name.upper()}XXX",
                      product_id=dress.id, template_id="flash-sale", template_version="v1",
                      status="succeeded", production_cost=D(cost), production_currency=currency)
        session.add(video)
        session.flush()
        videos[name] = video.id
    imp = make_ad_import(session, ws.id).id
    for n, (video, currency) in enumerate((("usd", "USD"), ("cny", "USD"), ("usd", "EUR"))):
        session.add(AdStat(workspace_id=ws.id, ad_import_id=imp, platform="meta", ad_id=f"n{n}",
                           ad_name=f"ad {n}", date=DAY, spend=D("10"), revenue=D("30"),
                           impressions=1000, link_clicks=10, purchases=1, currency=currency,
                           video_id=videos[video]))
    session.flush()
    return ws.id, videos


def test_revenue_from_orders_is_said(session):
    ws, _ = _shop(session)
    report = roi_from_db(session, ws, since=DAY, revenue_source="orders")
    assert _said(report.notices)["revenue_from_orders"] == {}
    assert "revenue_from_orders" not in _said(roi_from_db(session, ws, since=DAY).notices)


def test_the_trend_says_its_currencies_and_the_production_cost_it_left_out(session):
    ws, _ = _shop(session)
    trend = roi_trend(session, ws, interval="week", since=DAY, until=DAY)
    said = _said(trend.notices)
    assert said["several_currencies"] == {"currencies": ["EUR", "USD"]}
    assert said["production_cost_left_out"] == {
        "videos": 1, "cost_currency": "CNY", "ads_currency": "USD"}
    assert trend.messages == [n.text for n in trend.notices]
    rated = roi_trend(session, ws, interval="week", since=DAY, until=DAY,
                      rates=Rates("USD", {"EUR": D("1.1"), "CNY": D("0.14")}))
    assert rated.notices == []
