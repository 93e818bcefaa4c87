"""`studio import`, `studio roi`, `studio link` end to end on a temp SQLite home."""

from __future__ import annotations

import csv
import json
from decimal import Decimal as D

from typer.testing import CliRunner

from studio.config import Settings

CODES = ("K7M2Q9XA", "P3RT8WZC")


def app():
    from studio.cli import get_app

    return get_app()


def write_csv(path, rows, encoding="utf-8-sig"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def add_videos():
    from studio.db import Product, Video, Workspace, session_scope

    with session_scope() as session:
        ws = session.query(Workspace).filter_by(slug="default").one()
        product = session.query(Product).filter_by(workspace_id=ws.id, external_id="D1").one()
        for code, template in zip(CODES, ("flash-sale", "lifestyle"), strict=True):
            session.add(
                Video(
                    workspace_id=ws.id,
                    creative_code=code,
                    product_id=product.id,
                    template_id=template,
                    template_version="v1",
                    status="succeeded",
                    production_cost=D("1.00"),
                    production_currency="USD",
                )
            )


def test_import_roi_and_link_from_the_command_line(studio_home: Settings, tmp_path):
    runner = CliRunner()
    catalog = write_csv(
        tmp_path / "catalog.csv",
        [
            ["SKU", "Product name", "Price", "Cost", "Category"],
            ["D1", "Linen dress", "50.00", "20.00", "dresses"],
            ["D2", "", "10", "1", "x"],
        ],
    )
    result = runner.invoke(
        app(), ["import", "catalog", str(catalog), "--map", "title=Product name"]
    )
    assert result.exit_code == 0, result.output
    assert "1 product(s) imported" in result.output and "1 rejected row(s)" in result.output
    add_videos()

    ads = write_csv(
        tmp_path / "ads.csv",
        [
            [
                "Day",
                "Ad name",
                "Ad ID",
                "Amount spent (USD)",
                "Impressions",
                "Link clicks",
                "Purchases",
                "Purchases conversion value",
                "3-second video plays",
            ],
            ["", "", "", "1,060.00", "31,000", "", "", "", ""],
            [
                "2026-10-01",
                f"Dress | flash-sale | {CODES[0]}",
                "11",
                "1,000.00",
                "20,000",
                "400",
                "30",
                "1,500.00",
                "6000",
            ],
            [
                "2026-10-01",
                f"Dress {CODES[1]} - Copy",
                "12",
                "40.00",
                "10,000",
                "100",
                "2",
                "100.00",
                "2000",
            ],
            ["2026-10-01", "Retargeting", "13", "20.00", "1,000", "10", "1", "50.00", "100"],
        ],
    )
    for _attempt in range(2):
        result = runner.invoke(app(), ["import", "ads", str(ads), "--platform", "meta"])
        assert result.exit_code == 0, result.output
        assert "2 linked to a video" in result.output and "1 unlinked" in result.output
    assert "imported before" in result.output

    result = runner.invoke(app(), ["roi", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    flash = next(g for g in report["groups"] if g["key"] == "flash-sale")
    assert D(flash["spend"]) == D("1000") and D(flash["revenue"]) == D("1500")
    # 1500 × 0.6 − 1000 − 1 = −101
    assert D(flash["profit"]) == D("-101") and flash["enough_data"] is False
    assert report["unlinked_rows"] == 1 and report["formulas"]["roi"].startswith("ROI =")

    result = runner.invoke(app(), ["link", "--unmatched"])
    assert "Retargeting" in result.output
    result = runner.invoke(app(), ["link", "13", CODES[1]])
    assert result.exit_code == 0 and "1 day row(s) moved" in result.output
    report = json.loads(runner.invoke(app(), ["roi", "--json"]).output)
    life = next(g for g in report["groups"] if g["key"] == "lifestyle")
    assert D(life["spend"]) == D("60") and report["unlinked_rows"] == 0

    table = runner.invoke(app(), ["roi", "--by", "template"], terminal_width=200)
    assert table.exit_code == 0 and "ROI by template" in table.output
    assert "flash-sale" in table.output and "not enough data" in table.output


def test_import_errors_are_clear(studio_home: Settings, tmp_path):
    bad = write_csv(
        tmp_path / "campaigns.csv", [["Campaign name", "Amount spent (USD)"], ["a", "1"]]
    )
    result = CliRunner().invoke(app(), ["import", "ads", str(bad), "--platform", "meta"])
    assert result.exit_code == 2 and "does not look like a meta ad export" in result.output
    result = CliRunner().invoke(app(), ["import", "ads", str(bad), "--platform", "google"])
    assert result.exit_code != 0
