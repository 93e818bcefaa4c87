"""The ROI table's "Videos": a template that made 3 videos shows 3 when one of them runs on Meta
and on TikTok (issue 18: it showed 4, a video counted once per platform), in GET
/analytics/roi and in `studio roi --json` alike; the money still adds every platform's results.
The exports are in the platforms' own formats (tests/datasources/exports.py)."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

from typer.testing import CliRunner

from tests.datasources.exports import META_HEADERS, TIKTOK_HEADERS, write


def _meta(folder: Path, ads: list[tuple[str, str, str, str]]) -> Path:
    rows = [META_HEADERS]
    for ad, ad_id, spend, value in ads:
        row = dict.fromkeys(META_HEADERS, "")
        row.update({"Reporting starts": "2026-11-01", "Reporting ends": "2026-11-01",
                    "Ad name": ad, "Ad ID": ad_id, "Day": "2026-11-01",
                    "Amount spent (USD)": spend, "Impressions": "10,000", "Link clicks": "200",
                    "Purchases": "4", "Purchases conversion value": value})
        rows.append([row[h] for h in META_HEADERS])
    return write(folder / "meta.csv", rows)


def _tiktok(folder: Path, ads: list[tuple[str, str, str, str]]) -> Path:
    rows = [TIKTOK_HEADERS]
    for ad, ad_id, cost, value in ads:
        rows.append([ad, ad_id, "2026-11-01", "Autumn", "Broad", "USD", cost, "8000", "150",
                     "1.88%", "3", "3", value, "", "2400", "900"])
    return write(folder / "tiktok.csv", rows)


def _import(client, tenant, path: Path, source: str) -> None:
    answer = client.post("/api/v1/ad-imports", headers=tenant.headers, data={"source": source},
                         files={"file": (path.name, path.read_bytes(), "text/csv")})
    assert answer.status_code == 201, answer.text
    assert answer.json()["matched"] == 2, answer.json()


def test_a_video_on_meta_and_tiktok_is_one_of_its_templates_videos(
    client, settings, tenant, make_video, tmp_path
):
    from studio.cli import get_app
    from studio.db import Product, Video, session_scope

    codes = []
    for _ in range(3):  # three showcase videos of a $50 product costing $20
        video_id = make_video(tenant)
        with session_scope(settings.resolved_database_url()) as session:
            video = session.get(Video, video_id)
            product = session.get(Product, video.product_id)
            product.price, product.cost = D("50"), D("20")
            codes.append(video.creative_code)
    both, meta_only, tiktok_only = codes
    _import(client, tenant, _meta(tmp_path, [
        (f"Linen shirt - showcase - {both}", "120208814500101", "100.10", "300.30"),
        (f"Linen shirt - showcase - {meta_only}", "120208814500102", "50.05", "90.09"),
    ]), "meta")
    _import(client, tenant, _tiktok(tmp_path, [
        (f"Linen shirt - showcase - {both}", "1790012345600001", "40.04", "120.12"),
        (f"Linen shirt - showcase - {tiktok_only}", "1790012345600002", "25.25", "55.55"),
    ]), "tiktok")

    answer = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                        params={"by": "template"})
    assert answer.status_code == 200, answer.text
    api = answer.json()
    (group,) = api["groups"]
    assert group["key"] == "showcase" and group["videos"] == 3
    # every platform's results are in the money: 215.44 spent, 566.06 of sales at 60% margin
    assert (D(group["spend"]), D(group["revenue"])) == (D("215.44"), D("566.06"))
    # profit = 566.06 × 0.6 − 215.44 = 124.196, in the currency's cents
    assert D(group["profit"]) == D("124.20")
    not_enough = next(n for n in group["notices"] if n["code"] == "not_enough_data")
    assert not_enough["params"]["videos"] == 3

    by_platform = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                             params={"by": "platform"}).json()
    assert {g["key"]: g["videos"] for g in by_platform["groups"]} == {"meta": 2, "tiktok": 2}

    # the command line prints the same report, the same count
    printed = CliRunner().invoke(get_app(), ["roi", "--json", "--workspace", "acme-shop"])
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.stdout) == api
    table = CliRunner().invoke(get_app(), ["roi", "--workspace", "acme-shop"])
    assert table.exit_code == 0, table.output
    row = next(line for line in table.stdout.splitlines() if "showcase" in line)
    assert row.split("│")[3].strip() == "3", row
