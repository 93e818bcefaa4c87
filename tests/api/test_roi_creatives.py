"""The creatives leaderboard on real-format exports: a Meta Ads Manager export (summary row
first, `(USD)` header suffix, quoted thousands) and a TikTok Ads Manager export (Currency
column, trailing Total row) imported through the API; each video's spend, revenue, ROAS, ROI
and hook rate checked to the cent against figures worked out by hand from the files; sorting,
the template / product / platform filters; an ad the import could not link, listed, linked to
a video picked from the choices, and that video moving into the leaderboard; and
`studio roi creatives --json` printing exactly what the API answers."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.datasources.exports import META_HEADERS, TIKTOK_HEADERS, write

SIX = D("0.000001")
UNTAGGED_AD = "120208814599999"


def _meta_row(day: str, ad: str, ad_id: str, spend: str, impressions: str, clicks: str,
              purchases: str, value: str, plays_3s: str, thruplays: str) -> list[str]:
    row = dict.fromkeys(META_HEADERS, "")
    row.update({"Reporting starts": "2026-11-01", "Reporting ends": "2026-11-03",
                "Campaign name": "Autumn sale", "Ad set name": "Broad 18-45", "Ad name": ad,
                "Ad ID": ad_id, "Day": day, "Ad delivery": "active", "Results": purchases,
                "Result indicator": "actions:offsite_conversion.fb_pixel_purchase",
                "Amount spent (USD)": spend, "Impressions": impressions, "Link clicks": clicks,
                "Purchases": purchases, "Purchases conversion value": value,
                "3-second video plays": plays_3s, "ThruPlays": thruplays, "Ends": "Ongoing",
                "Attribution setting": "7-day click or 1-day view", "Quality ranking": "-",
                "Engagement rate ranking": "-", "Conversion rate ranking": "-"})
    return [row[h] for h in META_HEADERS]


def meta_export(folder: Path, shirt: str, mug: str) -> Path:
    summary = dict.fromkeys(META_HEADERS, "")
    summary.update({"Reporting starts": "2026-11-01", "Reporting ends": "2026-11-03",
                    "Amount spent (USD)": "1,500.75", "Impressions": "295,000"})
    rows = [
        META_HEADERS, [summary[h] for h in META_HEADERS],
        _meta_row("2026-11-01", f"Linen Shirt - showcase - {shirt}", "120208814500010",
                  "410.00", "80,000", "1,200", "12", "1,188.00", "24,000", "6,000"),
        _meta_row("2026-11-02", f"Linen Shirt - showcase - {shirt}", "120208814500010",
                  "395.50", "76,000", "1,100", "9", "891.00", "22,800", "5,700"),
        _meta_row("2026-11-03", f"Ceramic Mug - sale - {mug}", "120208814500011",
                  "575.00", "109,000", "2,000", "21", "1,134.00", "21,800", "4,360"),
        # an ad named without any creative code: the import keeps it, unlinked
        _meta_row("2026-11-02", "Spring promo (new cut)", UNTAGGED_AD,
                  "120.25", "30,000", "300", "2", "80.00", "6,000", "900"),
    ]
    return write(folder / "meta-ads.csv", rows)


def tiktok_export(folder: Path, shirt: str, tote: str, mug: str) -> Path:
    rows = [TIKTOK_HEADERS]
    for name, ad_id, day, cost, payments, value, views_2s in (
        (f"Linen Shirt - showcase - {shirt}", "1790012345678901", "2026-11-01", "120.00", "7",
         "455.00", "6100"),
        (f"Canvas Tote - ugc - {tote}", "1790012345678902", "2026-11-01", "64.50", "3",
         "150.00", "5000"),
        (f"Ceramic Mug - sale - {mug}", "1790012345678903", "2026-11-02", "35.50", "2",
         "36.00", "4000"),
    ):
        rows.append([name, ad_id, day, "Autumn", "Interest: home", "USD", cost, "20000", "310",
                     "1.55%", "9", payments, value, "3.79", views_2s, "2400"])
    rows.append(["Total of 3 results", "", "", "", "", "USD", "220.00", "60000", "930",
                 "1.55%", "27", "12", "641.00", "2.91", "15100", "7200"])
    return write(folder / "tiktok-ads.csv", rows)


def _videos(client, settings, tenant, make_video) -> dict[str, dict]:
    """Four finished videos: a shirt ($50, costs $20, $1.50 to make) in showcase, a mug
    ($18, costs $4.20) in price-drop, a tote with no cost in the catalog in ugc-captions, and
    one more shirt video no ad names yet."""
    from studio.db import Product, Video, session_scope

    made = {}
    for name, template, price, cost, production in (
        ("shirt", "showcase", "50", "20", "1.50"), ("mug", "price-drop", "18", "4.20", None),
        ("tote", "ugc-captions", "25", None, None), ("spare", "showcase", "50", "20", None),
    ):
        video_id = make_video(tenant)
        with session_scope(settings.resolved_database_url()) as session:
            video = session.get(Video, video_id)
            product = session.get(Product, video.product_id)
            product.title = f"{name.capitalize()} product"
            product.price, product.cost = D(price), D(cost) if cost else None
            video.template_id = template
            if production:
                video.production_cost, video.production_currency = D(production), "USD"
            made[name] = {"id": video_id, "code": video.creative_code,
                          "product": product.id}
    return made


def _import(client, tenant, path: Path, source: str) -> dict:
    answer = client.post("/api/v1/ad-imports", headers=tenant.headers, data={"source": source},
                         files={"file": (path.name, path.read_bytes(), "text/csv")})
    assert answer.status_code == 201, answer.text
    return answer.json()


@pytest.fixture
def shop(client, settings, tenant, make_video, tmp_path):
    videos = _videos(client, settings, tenant, make_video)
    code = {k: v["code"] for k, v in videos.items()}
    meta = _import(client, tenant, meta_export(tmp_path, code["shirt"], code["mug"]), "meta")
    assert (meta["matched"], meta["unmatched"], meta["rejected"]) == (3, 1, 0)
    tiktok = _import(client, tenant,
                     tiktok_export(tmp_path, code["shirt"], code["tote"], code["mug"]), "tiktok")
    assert (tiktok["matched"], tiktok["unmatched"], tiktok["rejected"]) == (3, 0, 0)
    return videos


def _board(client, tenant, **params) -> dict:
    answer = client.get("/api/v1/analytics/roi/creatives", headers=tenant.headers,
                        params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _ratio(a: str, b: str) -> str:
    return str((D(a) / D(b)).quantize(SIX))


def test_each_videos_figures_to_the_cent_and_sorting(client, tenant, shop):
    board = _board(client, tenant)
    rows = {r["video_id"]: r for r in board["data"]}
    shirt, mug, tote = (rows[shop[k]["id"]] for k in ("shirt", "mug", "tote"))
    assert shop["spare"]["id"] not in rows  # no ad names it yet
    # shirt: Meta 410.00 + 395.50, TikTok 120.00; revenue 1,188 + 891 + 455
    assert (shirt["spend"], shirt["revenue"], shirt["currency"]) == ("925.50", "2534.00", "USD")
    assert shirt["roas"] == _ratio("2534", "925.50") == "2.737979"
    # profit = 2,534 × (50 − 20) ÷ 50 − 925.50 − 1.50 = 593.40; ROI = 593.40 ÷ 927.00
    assert (shirt["production_cost"], shirt["profit"]) == ("1.50", "593.40")
    assert shirt["roi"] == _ratio("593.40", "927.00") and shirt["roi_missing"] is None
    # hook: 3-s plays on Meta (24,000 + 22,800) and 2-s views on TikTok (6,100) ÷ impressions
    assert shirt["hook_plays"] == 52900 and shirt["impressions"] == 176000
    assert shirt["hook_rate"] == _ratio("52900", "176000")
    # mug: 575.00 + 35.50 spent, 1,134 + 36 earned; profit = 1,170 × 13.8 ÷ 18 − 610.50
    assert (mug["spend"], mug["revenue"], mug["profit"]) == ("610.50", "1170.00", "286.50")
    assert mug["roas"] == _ratio("1170", "610.50") and mug["roi"] == _ratio("286.50", "610.50")
    # tote: no product cost in the catalog, so no ROI, and the row says why
    assert (tote["spend"], tote["revenue"], tote["roas"]) == ("64.50", "150.00",
                                                              _ratio("150", "64.50"))
    assert tote["roi"] is None and tote["roi_missing"] == "product_cost"
    assert tote["hook_rate"] == "0.250000"
    for row in (shirt, mug, tote):
        assert row["poster_url"] == f"/api/v1/videos/{row['video_id']}/poster"
        assert row["video_url"] == f"/api/v1/videos/{row['video_id']}/download"
    order = {k: [r["video_id"] for r in _board(client, tenant, sort=k)["data"]]
             for k in ("roi", "roas", "spend", "revenue", "hook_rate")}
    ids = {k: v["id"] for k, v in shop.items()}
    assert order["roi"] == [ids["shirt"], ids["mug"], ids["tote"]]  # no ROI: last
    assert order["roas"] == [ids["shirt"], ids["tote"], ids["mug"]]
    assert order["spend"] == order["revenue"] == [ids["shirt"], ids["mug"], ids["tote"]]
    assert order["hook_rate"] == [ids["shirt"], ids["tote"], ids["mug"]]
    worst = _board(client, tenant, sort="roas", order="asc")["data"]
    assert [r["video_id"] for r in worst] == [ids["mug"], ids["tote"], ids["shirt"]]
    paged = _board(client, tenant, sort="roas", limit=1, offset=1)
    assert paged["count"] == 3 and [r["video_id"] for r in paged["data"]] == [ids["tote"]]
    assert board["facets"]["templates"] == ["price-drop", "showcase", "ugc-captions"]
    assert board["facets"]["platforms"] == ["meta", "tiktok"]
    assert {p["title"] for p in board["facets"]["products"]} == {
        "Shirt product", "Mug product", "Tote product"}
    assert board["formulas"]["hook_rate"].startswith("hook rate = 3-s plays (Meta)")


def test_filters_by_template_product_and_platform(client, tenant, shop):
    ids = {k: v["id"] for k, v in shop.items()}
    by_template = _board(client, tenant, template="showcase")
    assert [r["video_id"] for r in by_template["data"]] == [ids["shirt"]]
    # the filters' choices stay whole while one is applied
    assert len(by_template["facets"]["templates"]) == 3
    by_product = _board(client, tenant, product=shop["mug"]["product"])
    assert [r["video_id"] for r in by_product["data"]] == [ids["mug"]]
    tiktok = {r["video_id"]: r for r in _board(client, tenant, platform="tiktok")["data"]}
    assert set(tiktok) == {ids["shirt"], ids["tote"], ids["mug"]}
    shirt = tiktok[ids["shirt"]]
    assert (shirt["spend"], shirt["revenue"], shirt["roas"]) == (
        "120.00", "455.00", _ratio("455", "120"))
    # its share of the $1.50 production cost follows its share of the spend (120 ÷ 925.50)
    assert shirt["production_cost"] == str((D("1.50") * D("120") / D("925.50")).quantize(
        D("0.01")))
    assert shirt["hook_rate"] == _ratio("6100", "20000")
    meta = {r["video_id"]: r for r in _board(client, tenant, platform="meta")["data"]}
    assert set(meta) == {ids["shirt"], ids["mug"]}  # the tote ran on TikTok only
    assert (meta[ids["mug"]]["spend"], meta[ids["mug"]]["revenue"]) == ("575.00", "1134.00")
    assert _board(client, tenant, platform="meta")["unlinked_rows"] == 1
    assert _board(client, tenant, platform="tiktok")["unlinked_rows"] == 0
    in_range = _board(client, tenant, since="2026-11-02", until="2026-11-02")
    shirt_day = next(r for r in in_range["data"] if r["video_id"] == ids["shirt"])
    assert (shirt_day["spend"], shirt_day["revenue"]) == ("395.50", "891.00")


def test_an_unlinked_ad_is_linked_to_a_video_picked_by_its_poster(client, tenant, shop):
    board = _board(client, tenant)
    assert (board["unlinked_rows"], board["unlinked_spend"]) == (1, {"USD": "120.25"})
    unlinked = client.get("/api/v1/ad-imports/unlinked", headers=tenant.headers).json()
    [ad] = unlinked["data"]
    assert (ad["platform"], ad["ad_id"], ad["ad_name"], ad["spend"]) == (
        "meta", UNTAGGED_AD, "Spring promo (new cut)", "120.25")
    choices = client.get("/api/v1/analytics/roi/creatives/choices", headers=tenant.headers)
    assert choices.status_code == 200, choices.text
    listed = {v["video_id"]: v for v in choices.json()["data"]}
    assert set(listed) == {v["id"] for v in shop.values()}
    assert all(v["poster_url"] for v in listed.values())
    spare = shop["spare"]
    found = client.get("/api/v1/analytics/roi/creatives/choices", headers=tenant.headers,
                       params={"q": spare["code"].lower()}).json()
    assert [v["video_id"] for v in found["data"]] == [spare["id"]]
    only_showcase = client.get("/api/v1/analytics/roi/creatives/choices",
                               headers=tenant.headers, params={"template": "showcase"}).json()
    assert {v["video_id"] for v in only_showcase["data"]} == {shop["shirt"]["id"], spare["id"]}
    linked = client.post("/api/v1/ad-imports/links", headers=tenant.headers, json={
        "platform": ad["platform"], "ad_id": ad["ad_id"], "video": spare["code"]})
    assert linked.status_code == 201, linked.text
    assert linked.json()["rows_linked"] == 1
    after = _board(client, tenant)
    assert (after["unlinked_rows"], after["unlinked_spend"]) == (0, {})
    row = next(r for r in after["data"] if r["video_id"] == spare["id"])
    assert (row["spend"], row["revenue"]) == ("120.25", "80.00")
    assert row["roas"] == _ratio("80", "120.25")
    # profit = 80 × 0.6 − 120.25 = −72.25
    assert (row["profit"], row["roi"]) == ("-72.25", _ratio("-72.25", "120.25"))
    assert client.get("/api/v1/ad-imports/unlinked", headers=tenant.headers).json()["count"] == 0


def test_wrong_input_is_a_422_with_a_code(client, tenant):
    wrong = client.get("/api/v1/analytics/roi/creatives", headers=tenant.headers,
                       params={"sort": "hook"})
    assert wrong.status_code == 422 and wrong.json()["field"] == "query.sort"
    rate = client.get("/api/v1/analytics/roi/creatives", headers=tenant.headers,
                      params={"rate": "EUR=1.08"})
    assert rate.status_code == 422 and rate.json()["code"] == "analytics.rate_needs_currency"


def test_service_refuses_an_unknown_sort_with_its_own_code(settings, tenant):
    from studio.db import Scope, session_scope
    from studio.errors import InvalidInput
    from studio.services.creatives import CreativesQuery, creatives

    with session_scope(settings.resolved_database_url()) as session:
        scope = Scope(session, tenant.workspace_id)
        with pytest.raises(InvalidInput) as caught:
            creatives(scope, CreativesQuery(sort="ctr"))
    assert caught.value.code == "creatives.bad_sort" and caught.value.field == "sort"
    assert "roi, roas, spend, revenue, hook_rate" in caught.value.message


def test_the_command_line_prints_what_the_api_answers(client, tenant, shop):
    from studio.cli import get_app

    args = ["roi", "creatives", "--workspace", "acme-shop", "--json"]
    for extra, params in (([], {}), (["--sort", "roas", "--platform", "tiktok"],
                                     {"sort": "roas", "platform": "tiktok"}),
                          (["--template", "showcase", "--order", "asc"],
                           {"template": "showcase", "order": "asc"})):
        printed = CliRunner().invoke(get_app(), args + extra)
        assert printed.exit_code == 0, printed.output
        assert json.loads(printed.stdout) == _board(client, tenant, **params)
    table = CliRunner().invoke(get_app(), ["roi", "creatives", "--workspace", "acme-shop"])
    assert table.exit_code == 0 and shop["shirt"]["code"] in table.stdout
    wrong = CliRunner().invoke(get_app(), ["roi", "creatives", "--workspace", "acme-shop",
                                           "--sort", "ctr"])
    assert wrong.exit_code == 2 and "cannot sort videos by 'ctr'" in wrong.output
