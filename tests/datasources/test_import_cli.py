"""`studio import FILE`: the kind is detected (no --source, no --platform), said, and the
file imported with the source made for it — the same service as the web studio's box."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from studio.config import Settings
from tests.datasources.exports import export_file


def studio(*args: str):
    from studio.cli import get_app

    return CliRunner().invoke(get_app(), [str(a) for a in args])


def _products() -> dict[str, dict]:
    from studio.db import Product, session_scope

    with session_scope() as session:
        return {p.external_id: {"source": p.source, "currency": p.currency,
                                "variants": len(p.variants), "title": p.title}
                for p in session.query(Product)}


def test_a_shopify_export_is_detected_and_imported_once(studio_home: Settings, tmp_path):
    path = export_file(tmp_path, "shopify_products")
    asked = studio("import", path)
    assert asked.exit_code == 2  # the file cannot say the store's currency
    assert ("shopify_products.csv: a Shopify product export — 3 product(s), 6 variant(s), "
            "1 draft(s)") in " ".join(asked.output.split())
    assert "add --currency" in " ".join(asked.output.split())
    assert "does not say which currency" in asked.output

    done = studio("import", path, "--currency", "CAD")
    assert done.exit_code == 0, done.output
    assert "1 draft(s) left out; add --include-drafts" in " ".join(done.output.split())
    assert "2 product(s) imported (shopify)" in done.output
    again = studio("import", path, "--currency", "CAD", "--include-drafts")
    assert "3 product(s) imported (shopify)" in again.output
    products = _products()
    assert sorted(products) == ["canvas-tote", "ceramic-mug", "linen-shirt"]
    assert products["linen-shirt"] == {"source": "shopify", "currency": "CAD", "variants": 3,
                                       "title": "Linen Shirt"}


def test_the_old_catalog_command_without_source_reads_a_shopify_export_right(
        studio_home: Settings, tmp_path):
    done = studio("import", "catalog", export_file(tmp_path, "shopify_products"))
    assert done.exit_code == 0, done.output
    assert "(shopify)" in done.output and "rejected" not in done.output
    assert _products()["linen-shirt"]["variants"] == 3
    wrong = studio("import", "catalog", export_file(tmp_path, "meta_ads"))
    assert wrong.exit_code == 2
    assert "meta_ads.csv is a Meta ad export; import it on the Ad results page" in \
        " ".join(wrong.output.split())


def test_a_generic_catalog_is_detected_with_its_currency(studio_home: Settings, tmp_path):
    done = studio("import", export_file(tmp_path, "catalog", "tsv"))
    assert done.exit_code == 0, done.output
    assert "catalog.txt: a product catalog — 2 product(s)" in done.output
    assert "amounts are in EUR, as the file says" in done.output
    assert "2 product(s) imported (csv)" in done.output
    assert "row 4: price is empty" in done.output  # the row without a price, by number
    assert {p["currency"] for p in _products().values()} == {"EUR"}


@pytest.mark.parametrize("kind, fmt, rows", [("meta_ads", "csv", 3), ("tiktok_ads", "xlsx", 4)])
def test_ad_exports_are_detected_without_a_platform(studio_home: Settings, tmp_path, kind,
                                                    fmt, rows):
    path = export_file(tmp_path, kind, fmt)
    done = studio("import", path)
    assert done.exit_code == 0, done.output
    name = "Meta" if kind == "meta_ads" else "TikTok"
    assert f"a {name} ad export" in done.output
    assert f"{rows} row(s) read" in done.output
    again = studio("import", "ads", path, "--json")  # the same file: counted once
    run = json.loads(again.output)
    assert run["platform"] == kind.removesuffix("_ads") and run["repeated_file_of"] == 1


def test_shop_orders_are_detected(studio_home: Settings, tmp_path):
    done = studio("import", export_file(tmp_path, "orders"))
    assert done.exit_code == 0, done.output
    assert "orders.csv: a shop order export — 3 order(s)" in done.output
    assert "3 order(s) imported" in done.output


def test_dry_run_and_json_say_what_the_file_is_and_import_nothing(studio_home: Settings,
                                                                  tmp_path):
    done = studio("import", export_file(tmp_path, "shopify_products"), "--dry-run", "--json")
    assert done.exit_code == 0, done.output
    found = json.loads(done.output)
    assert found["kind"] == "shopify_products" and found["counts"]["variants"] == 6
    assert not (studio_home.home / "studio.db").exists() or _products() == {}


def test_a_photo_is_refused_naming_it(studio_home: Settings, tmp_path):
    photo = tmp_path / "shoe.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100))
    done = studio("import", photo)
    assert done.exit_code == 2
    assert "shoe.jpg is a JPEG photo, not a spreadsheet" in " ".join(done.output.split())
