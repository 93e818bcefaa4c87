"""Ad results in (upload an Ads Manager export), rejected and unmatched rows out, and ROI with
its formulas."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

HEADERS = ["Day", "Ad name", "Ad ID", "Amount spent (USD)", "Impressions", "Link clicks",
           "Purchases", "Purchases conversion value", "3-second video plays", "ThruPlays"]


def _export(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADERS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _row(day, name, ad_id, spend, impressions=5000, clicks=100, buys=4, value=200):
    return {"Day": day, "Ad name": name, "Ad ID": ad_id, "Amount spent (USD)": spend,
            "Impressions": impressions, "Link clicks": clicks, "Purchases": buys,
            "Purchases conversion value": value, "3-second video plays": 1500,
            "ThruPlays": 300}


def _video_code(client, tenant, video_id):
    return client.get(f"/api/v1/videos/{video_id}", headers=tenant.headers).json()[
        "creative_code"]


def test_upload_export_links_rows_and_keeps_the_rest(client, tenant, make_video):
    code = _video_code(client, tenant, make_video(tenant))
    data = _export([
        _row("2026-10-01", f"Mug {code}", "101", "50.00"),
        _row("2026-10-02", f"Mug {code} - Copy", "101", "40.00"),
        _row("2026-10-01", "Summer promo without code", "202", "30.00"),
        _row("not a day", "Broken", "303", "10.00"),
    ])
    response = client.post("/api/v1/ad-imports", headers=tenant.headers,
                           files={"file": ("meta-export.csv", data, "text/csv")},
                           data={"source": "meta"})
    assert response.status_code == 201, response.text
    run = response.json()
    assert response.headers["location"] == f"/api/v1/ad-imports/{run['id']}"
    assert run["file_name"] == "meta-export.csv" and run["status"] == "done"
    assert (run["matched"], run["unmatched"], run["rejected"]) == (2, 1, 1)
    rejected = client.get(f"/api/v1/ad-imports/{run['id']}/rejected",
                          headers=tenant.headers).json()
    assert rejected["count"] == 1 and rejected["data"][0]["raw"]["Ad name"] == "Broken"
    unmatched = client.get(f"/api/v1/ad-imports/{run['id']}/unmatched",
                           headers=tenant.headers).json()
    assert [r["ad_name"] for r in unmatched["data"]] == ["Summer promo without code"]
    assert Decimal(unmatched["data"][0]["spend"]) == Decimal("30")
    assert client.get("/api/v1/ad-imports", headers=tenant.headers).json()["count"] == 1


def test_unreadable_export_is_a_422_naming_the_file(client, tenant):
    response = client.post("/api/v1/ad-imports", headers=tenant.headers,
                           files={"file": ("x.csv", b"just,some\ncolumns,here\n", "text/csv")})
    assert response.status_code == 422
    problem = response.json()
    assert problem["field"] == "body.file" and problem["detail"].startswith("x.csv: ")
    assert "Export table data" in problem["detail"]  # says how to get the right file
    empty = client.post("/api/v1/ad-imports", headers=tenant.headers,
                        files={"file": ("empty.csv", b"", "text/csv")})
    assert empty.status_code == 422 and empty.json()["field"] == "body.file"
    unknown = client.post("/api/v1/ad-imports", headers=tenant.headers,
                          files={"file": ("x.csv", b"a\n1\n", "text/csv")},
                          data={"source": "myspace"})
    assert unknown.status_code == 422 and unknown.json()["field"] == "body.source"


def _sold_videos(client, settings, tenant, make_video, count: int, ad_prefix: str) -> None:
    """``count`` showcase videos of a $50 product costing $20, each with one imported ad day
    ($100 spent, $300 of purchases), the ad named with the video's creative code."""
    from studio.db import Product, Video, session_scope

    codes = []
    for _ in range(count):
        video_id = make_video(tenant)
        with session_scope(settings.resolved_database_url()) as session:
            video = session.get(Video, video_id)
            product = session.get(Product, video.product_id)
            product.price, product.cost = Decimal("50"), Decimal("20")
        codes.append(_video_code(client, tenant, video_id))
    rows = [_row("2026-10-01", f"Ad {code}", f"{ad_prefix}{i}", "100.00", value=300)
            for i, code in enumerate(codes)]
    client.post("/api/v1/ad-imports", headers=tenant.headers,
                files={"file": ("a.csv", _export(rows), "text/csv")})


def test_roi_per_template_with_formulas(client, settings, tenant, make_video):
    _sold_videos(client, settings, tenant, make_video, 3, "9")
    report = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                        params={"by": "template"}).json()
    assert report["formulas"]["roas"] == "ROAS = revenue ÷ ad spend"
    group = report["groups"][0]
    assert group["key"] == "showcase" and group["videos"] == 3
    assert Decimal(group["spend"]) == Decimal("300") and Decimal(group["roas"]) == 3
    # profit = revenue × margin − spend − production: 900 × 0.6 − 300 − 0 = 240
    assert Decimal(group["profit"]) == Decimal("240")
    by_platform = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                             params={"by": "platform"}).json()
    assert by_platform["groups"][0]["key"] == "meta"
    outside = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                         params={"since": "2026-11-01"}).json()
    assert outside["groups"] == []
    advice = client.get("/api/v1/analytics/recommendation", headers=tenant.headers).json()
    assert advice["count"] == 1 and "showcase" in advice["data"][0]["summary"]


def test_roi_input_errors(client, tenant):
    swapped = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                         params={"since": "2026-10-05", "until": "2026-10-01"})
    assert swapped.status_code == 422 and swapped.json()["field"] == "query.since"
    rate = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                      params={"currency": "USD", "rate": "EUR:1.1"})
    assert rate.status_code == 422 and rate.json()["field"] == "query.rate"
    by = client.get("/api/v1/analytics/roi", headers=tenant.headers, params={"by": "color"})
    assert by.status_code == 422 and by.json()["field"] == "query.by"


def test_link_an_unmatched_ad_to_a_video(client, tenant, make_video):
    video_id = make_video(tenant)
    data = _export([_row("2026-10-01", "Promo without code", "555", "30.00")])
    run = client.post("/api/v1/ad-imports", headers=tenant.headers,
                      files={"file": ("m.csv", data, "text/csv")}).json()
    assert run["unmatched"] == 1
    linked = client.post("/api/v1/ad-imports/links", headers=tenant.headers, json={
        "platform": "meta", "ad_id": "555", "video": str(video_id)})
    assert linked.status_code == 201, linked.text
    assert linked.json()["rows_linked"] == 1
    left = client.get(f"/api/v1/ad-imports/{run['id']}/unmatched", headers=tenant.headers)
    assert left.json()["count"] == 0
    report = client.get("/api/v1/analytics/roi", headers=tenant.headers).json()
    assert Decimal(report["groups"][0]["spend"]) == Decimal("30")
    unknown = client.post("/api/v1/ad-imports/links", headers=tenant.headers, json={
        "platform": "meta", "ad_id": "555", "video": "NOSUCHCODE"})
    assert unknown.status_code == 404 and unknown.json()["field"] == "body.video"


def test_run_the_meta_insights_source(client, tenant):
    import datetime as dt

    from tests.fakes.meta_api import TOKEN, FakeGraph, insights_record

    days = [dt.date(2026, 10, 1) + dt.timedelta(days=i) for i in range(3)]
    with FakeGraph([insights_record(ad, day) for ad in (1, 2) for day in days]) as fake:
        config = {"access_token": TOKEN, "account_id": "123456", "base_url": fake.url}
        run = client.post("/api/v1/ad-imports/run", headers=tenant.headers, json={
            "source": "meta", "config": config,
            "since": str(days[0]), "until": str(days[-1])})
        assert run.status_code == 201, run.text
        assert run.json()["rows_total"] == 6 and run.json()["unmatched"] == 6
        bad = client.post("/api/v1/ad-imports/run", headers=tenant.headers, json={
            "source": "meta", "config": {**config, "access_token": "bad"},
            "since": str(days[0]), "until": str(days[-1])})
        assert bad.status_code == 422 and "access token" in bad.json()["detail"]
    swapped = client.post("/api/v1/ad-imports/run", headers=tenant.headers, json={
        "source": "meta", "config": {}, "since": "2026-10-05", "until": "2026-10-01"})
    assert swapped.status_code == 422 and swapped.json()["field"] == "body.since"


def test_recommendation_as_data_and_in_chinese(client, settings, tenant, make_video):
    _sold_videos(client, settings, tenant, make_video, 2, "8")
    english = client.get("/api/v1/analytics/recommendation", headers=tenant.headers,
                         params={"slots": 6}).json()["data"][0]
    # one template with two videos: all six go to it, not enough data to be sure yet
    assert english["total"] == 6 and english["single_template"] is True
    assert english["items"] == [
        {"template": "showcase", "videos": 6, "p_best": 1.0, "enough_data": False}]
    assert english["language"] == "en" and "Render the next 6 videos" in english["summary"]
    chinese = client.get("/api/v1/analytics/recommendation", params={"slots": 6},
                         headers={**tenant.headers,
                                  "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}).json()
    advice = chinese["data"][0]
    assert advice["language"] == "zh-CN"
    assert advice["summary"].startswith("接下来的 6 条视频") and "「showcase」" in advice["summary"]
    assert "汤普森采样" in advice["explanation"]
    assert advice["items"] == english["items"]
    prefers_english = client.get("/api/v1/analytics/recommendation", headers={
        **tenant.headers, "Accept-Language": "en-GB,zh-CN;q=0.5"}).json()
    assert prefers_english["data"][0]["language"] == "en"


def test_roi_json_is_the_same_from_the_cli_and_the_api(client, settings, tenant, make_video):
    """One report, two doors: `studio roi --json` prints what GET /analytics/roi answers —
    unlinked spend and the recommendation included."""
    import json

    from typer.testing import CliRunner

    from studio.cli import get_app

    _sold_videos(client, settings, tenant, make_video, 3, "9")
    client.post("/api/v1/ad-imports", headers=tenant.headers, files={"file": (
        "b.csv", _export([_row("2026-10-02", "No code here", "77", "12.00")]), "text/csv")})
    api = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                     params={"by": "template"}).json()
    printed = CliRunner().invoke(get_app(), ["roi", "--json", "--workspace", "acme-shop"])
    assert printed.exit_code == 0, printed.output
    cli = json.loads(printed.stdout)
    assert cli == api
    assert {k: Decimal(v) for k, v in api["unlinked_spend"].items()} == {"USD": Decimal(12)}
    assert api["recommendations"] and "showcase" in api["recommendations"][0]["summary"]


def test_money_in_json_has_the_currencys_decimals(client, settings, tenant, make_video):
    """No 27-digit amounts: money in its currency's decimals, ratios to six places."""
    _sold_videos(client, settings, tenant, make_video, 3, "9")
    report = client.get("/api/v1/analytics/roi", headers=tenant.headers).json()
    group = report["groups"][0]
    for name in ("spend", "revenue", "production_cost", "profit", "cpa", "cpm"):
        assert group[name] is None or len(group[name].split(".")[1]) == 2, (name, group[name])
    for name in ("roas", "ctr", "roi"):
        assert group[name] is None or len(group[name].split(".")[1]) <= 6, (name, group[name])
    trend = client.get("/api/v1/analytics/roi/trend", headers=tenant.headers,
                       params={"interval": "day"}).json()
    point = next(p for p in trend["series"][0]["points"] if Decimal(p["spend"]))
    assert len(point["spend"].split(".")[1]) == 2


def test_a_video_another_generator_made_counts_for_no_template(
        client, settings, tenant, make_video):
    """ROI per template credits only the template renderer's videos; by generator, the
    other generator's video is that generator's."""
    from studio.db import Video, session_scope

    _sold_videos(client, settings, tenant, make_video, 3, "9")
    with session_scope(settings.resolved_database_url()) as session:
        collage = session.get(Video, 1)
        collage.generator = "collage"  # asked for with template "showcase" named
    by_template = client.get("/api/v1/analytics/roi", headers=tenant.headers).json()
    groups = {g["key"]: g["videos"] for g in by_template["groups"]}
    assert groups == {"showcase": 2, "(no template)": 1}
    by_generator = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                              params={"by": "generator"}).json()
    assert {g["key"]: g["videos"] for g in by_generator["groups"]} == {
        "template": 2, "collage": 1}
    trend = client.get("/api/v1/analytics/roi/trend", headers=tenant.headers,
                       params={"by": "generator", "interval": "day"}).json()
    assert {s["key"] for s in trend["series"]} == {"template", "collage"}
    video = client.get("/api/v1/videos/1", headers=tenant.headers).json()
    assert " | collage | " in video["suggested_ad_name"]


def _noticed_shop(client, settings, tenant, make_video) -> None:
    """Three sold USD videos, one of which cost 35 CNY to make and one of which also ran an
    EUR ad, and an ad no video claims: a report with something to say about each."""
    import datetime as dt

    from studio.db import AdStat, Video, session_scope
    from tests.db.factories import make_ad_import

    _sold_videos(client, settings, tenant, make_video, 3, "9")
    client.post("/api/v1/ad-imports", headers=tenant.headers, files={"file": (
        "b.csv", _export([_row("2026-10-02", "No code here", "77", "12.00")]), "text/csv")})
    with session_scope(settings.resolved_database_url()) as session:
        priced = session.get(Video, 1)
        priced.production_cost, priced.production_currency = Decimal("35"), "CNY"
        imp = make_ad_import(session, tenant.workspace_id).id
        session.add(AdStat(workspace_id=tenant.workspace_id, ad_import_id=imp, platform="meta",
                           ad_id="eur1", ad_name="euro ad", date=dt.date(2026, 10, 1),
                           spend=Decimal("20"), revenue=Decimal("50"), impressions=800,
                           link_clicks=10, purchases=1, currency="EUR", video_id=2))


def test_roi_notices_are_data_and_name_no_command_line(client, settings, tenant, make_video):
    """Each thing the report says beside its figures comes as a code with params beside the
    English sentence (`messages`, `notes`), in the report, its groups and the trend; no
    sentence carries a command-line flag or a `studio` command (that is the CLI's to add)."""
    import re

    _noticed_shop(client, settings, tenant, make_video)
    report = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                        params={"since": "2026-10-01", "revenue": "orders"}).json()
    said = {n["code"]: n["params"] for n in report["notices"]}
    assert said["several_currencies"] == {"currencies": ["EUR", "USD"]}
    assert said["unlinked_rows"] == {"rows": 1, "amounts": {"USD": "12.00"}}
    assert said["production_cost_currency"] == {
        "videos": 1, "cost_currency": "CNY", "ads_currency": "USD"}
    assert said["revenue_from_orders"] == {}
    assert report["messages"] == [n["text"] for n in report["notices"]]
    usd = next(g for g in report["groups"] if g["currency"] == "USD")
    notes = {n["code"]: n["params"] for n in usd["notices"]}
    assert notes["production_cost_apart"] == {"amounts": {"CNY": "35.00"}, "currency": "USD"}
    assert notes["not_enough_data"]["spend"] == "300.00"
    assert usd["notes"] == [n["text"] for n in usd["notices"]]
    trend = client.get("/api/v1/analytics/roi/trend", headers=tenant.headers,
                       params={"interval": "week", "since": "2026-10-01"}).json()
    assert {n["code"] for n in trend["notices"]} == {"several_currencies",
                                                     "production_cost_left_out"}
    assert trend["messages"] == [n["text"] for n in trend["notices"]]
    texts = (report["messages"] + trend["messages"]
             + [note for g in report["groups"] for note in g["notes"]])
    assert len(texts) >= 8
    for text in texts:
        assert not re.search(r"--[a-z]|\bstudio [a-z]|`", text), text
    # what the CLI adds stays out of the API: the same report converted says nothing of rates
    rated = client.get("/api/v1/analytics/roi", headers=tenant.headers, params={
        "since": "2026-10-01", "currency": "USD", "rate": ["EUR=1.08", "CNY=0.14"]}).json()
    assert {n["code"] for n in rated["notices"]} == {"unlinked_rows"}


def test_studio_roi_adds_the_flags_that_help(client, settings, tenant, make_video):
    """`studio roi` prints the report's sentences with its own advice: the rate and currency
    flags, `studio link --unmatched`; its --json stays exactly the API's."""
    import json

    from typer.testing import CliRunner

    from studio.cli import get_app

    _noticed_shop(client, settings, tenant, make_video)
    runner = CliRunner()
    printed = runner.invoke(get_app(), ["roi", "--since", "2026-10-01", "--workspace",
                                        "acme-shop"], env={"COLUMNS": "400"})
    assert printed.exit_code == 0, printed.output
    text = " ".join(printed.output.split())
    assert ("results are in several currencies (EUR, USD) and are reported apart, never added "
            "up; give exchange rates into one currency to see one total (--currency USD --rate "
            "EUR=RATE, RATE: what 1 EUR is worth in USD)") in text
    assert ("1 ad rows (12.00 USD) are not linked to a video and are left out; link each ad to "
            "the video it shows (or put the video's creative code in the ad's name) to count "
            "them (see them with `studio link --unmatched`, link one with `studio link AD_ID "
            "VIDEO`)") in text
    assert ("production cost of 1 video(s) is in CNY but their ads are in USD: it is reported "
            "apart and their profit and ROI are left out until you give an exchange rate from "
            "CNY to USD (--currency USD --rate CNY=RATE, RATE: what 1 CNY is worth in USD)") \
        in text
    assert ("showcase (USD): production cost of 35.00 CNY is in another currency than the ads "
            "(USD) and is not counted in the production cost; profit and ROI need an exchange "
            "rate from CNY to USD (--currency USD --rate CNY=RATE)") in text
    as_json = runner.invoke(get_app(), ["roi", "--json", "--since", "2026-10-01",
                                        "--workspace", "acme-shop"])
    api = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                     params={"since": "2026-10-01"}).json()
    assert json.loads(as_json.stdout) == api and "--" not in json.dumps(api["notices"])
