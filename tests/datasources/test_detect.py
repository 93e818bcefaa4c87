"""The import box's detection: what a dropped file is, read from its first rows, on export
files written the way the platforms write them (tests/datasources/exports.py)."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from studio.errors import InvalidInput
from studio.ingest.table import HEAD_ROWS
from studio.services.catalog import CatalogFile
from studio.services.detect import DetectOptions, detect_file
from tests.datasources.exports import export_file, write

FORMATS = ("csv", "tsv", "xlsx")


def detect(path: Path, **options):
    return detect_file(CatalogFile(path, path.name), DetectOptions(**options))


def columns(found) -> dict[str, str | None]:
    return {c.field: c.column for c in found.columns}


def notes(found) -> dict[str, dict]:
    return {n.code: n.params for n in found.notes}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_shopify_export_is_products_variants_and_drafts(tmp_path, fmt):
    found = detect(export_file(tmp_path, "shopify_products", fmt))
    assert (found.kind, found.source, found.page) == ("shopify_products", "shopify", "catalog")
    assert found.kind_name == "a Shopify product export"
    # 7 rows: the shirt spans 4 (3 variants + an image-only row), the tote 2
    assert found.counts == {"rows": 7, "products": 3, "variants": 6, "drafts": 1,
                            "archived": 0, "images": 5, "without_photo": 0}
    assert found.sample == ["Linen Shirt", "Ceramic Mug", "Canvas Tote"]
    assert columns(found)["external_id"] == "Handle"
    assert columns(found)["price"] == "Variant Price"
    # a product export never says the store's currency: the seller must choose it
    assert found.currency is None and found.currency_needed and not found.ready
    assert "store_currency" in notes(found) and notes(found)["drafts"] == {"n": 1}
    assert not found.mapping_adjustable and found.complete

    chosen = detect(export_file(tmp_path, "shopify_products", fmt), currency="cad")
    assert (chosen.currency, chosen.currency_stated, chosen.ready) == ("CAD", None, True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_generic_catalog_shows_its_mapping_and_the_currency_it_states(tmp_path, fmt):
    found = detect(export_file(tmp_path, "catalog", fmt))
    assert (found.kind, found.source, found.page) == ("catalog", "csv", "catalog")
    assert found.counts == {"rows": 3, "products": 2, "without_photo": 0}
    assert columns(found) == {
        "external_id": "SKU", "title": "Product name", "description": "Description",
        "price": "Price (EUR)", "compare_at_price": "Compare at price", "cost": None,
        "currency": None, "category": "Category", "images": "Image URL"}
    assert {c.field for c in found.columns if c.required} == {"title", "price"}
    assert (found.currency, found.currency_stated, found.ready) == ("EUR", "EUR", True)
    assert notes(found)["rows_without_price"] == {"n": 1}
    assert found.mapping_adjustable and found.sample == ["Linen dress", "Silk scarf"]
    # the file's own currency wins over a choice
    assert detect(export_file(tmp_path, "catalog", fmt), currency="USD").currency == "EUR"


def test_the_seller_can_remap_a_column_or_leave_one_out(tmp_path):
    path = export_file(tmp_path, "catalog")
    remapped = detect(path, mapping={"title": "Description", "category": ""})
    assert columns(remapped)["title"] == "Description"
    assert columns(remapped)["category"] is None
    assert remapped.sample[0] == "Loose fit, midi length"
    missing = detect(path, mapping={"title": "Name of product"})
    assert notes(missing)["mapped_column_missing"] == {"field": "title",
                                                       "column": "Name of product"}
    assert not missing.ready


def test_a_catalog_without_a_price_column_asks_for_one(tmp_path):
    path = write(tmp_path / "list.csv", [["Product", "Colour"], ["Mug", "red"]])
    found = detect(path, mapping={"title": "Product"})
    assert found.kind == "catalog"
    assert notes(found)["needs_column"] == {"field": "price"} and not found.ready


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_chinese_catalog_states_cny_in_its_currency_column(tmp_path, fmt):
    found = detect(export_file(tmp_path, "chinese_catalog", fmt))
    assert found.kind == "catalog" and found.counts["products"] == 2
    assert columns(found)["title"] == "商品名称" and columns(found)["price"] == "售价"
    assert (found.currency, found.currency_stated) == ("CNY", "CNY")
    assert found.sample == ["轻跑运动鞋", "帆布双肩包"]


def test_prices_written_with_their_currency_state_it(tmp_path):
    path = write(tmp_path / "eu.csv", [["Title", "Price"], ["Scarf", "49,99 €"],
                                       ["Belt", "€ 35,00"]])
    assert detect(path).currency_stated == "EUR"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_meta_export_is_ads_days_and_spend(tmp_path, fmt):
    found = detect(export_file(tmp_path, "meta_ads", fmt))
    assert (found.kind, found.source, found.page) == ("meta_ads", "meta", "ads")
    # the report's summary row (blank names) is not an ad
    assert found.counts == {"rows": 3, "ads": 2, "days": 3}
    assert notes(found)["summary_rows"] == {"n": 1}
    assert (str(found.first_day), str(found.last_day)) == ("2026-11-01", "2026-11-03")
    assert found.money == Decimal("1380.50")
    assert (found.currency, found.currency_stated) == ("USD", "USD")
    assert columns(found)["spend"] == "Amount spent (USD)"
    assert columns(found)["ad_id"] == "Ad ID" and found.ready


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_tiktok_export_is_told_from_meta_and_skips_its_total_row(tmp_path, fmt):
    found = detect(export_file(tmp_path, "tiktok_ads", fmt))
    assert (found.kind, found.source, found.page) == ("tiktok_ads", "tiktok", "ads")
    assert found.counts == {"rows": 4, "ads": 3, "days": 2}
    assert found.money == Decimal("300.00")
    assert columns(found)["spend"] == "Cost" and columns(found)["date"] == "By Day"
    assert (found.currency, found.currency_stated) == ("USD", "USD")
    assert "meta_ads" not in found.other_kinds


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_shop_order_export_is_orders_with_their_utm_codes(tmp_path, fmt):
    found = detect(export_file(tmp_path, "orders", fmt))
    assert (found.kind, found.source, found.page) == ("orders", "csv", "ads")
    assert found.counts == {"rows": 3, "orders": 3, "with_utm": 3}
    assert columns(found)["order_id"] == "Name" and columns(found)["revenue"] == "Total"
    assert found.money == Decimal("119.00") and found.currency == "USD"


def test_a_file_dropped_on_the_wrong_page_is_named(tmp_path):
    found = detect(export_file(tmp_path, "meta_ads"), page="catalog")
    assert found.wrong_page and found.kind == "meta_ads"
    wrong = next(n for n in found.notes if n.code == "wrong_page")
    assert wrong.message == "this is a Meta ad export; import it on the Ad results page"
    assert detect(export_file(tmp_path, "shopify_products"), page="ads").wrong_page
    assert not detect(export_file(tmp_path, "shopify_products"), page="catalog").wrong_page


def test_a_table_of_unknown_columns_says_so(tmp_path):
    found = detect(write(tmp_path / "notes.csv", [["When", "Who", "What"],
                                                   ["Monday", "Ana", "call supplier"]]))
    assert found.kind == "unknown" and not found.ready and found.source is None
    assert found.headers == ["When", "Who", "What"]


def test_a_photo_is_not_a_spreadsheet(tmp_path):
    photo = tmp_path / "shoe.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64)
    with pytest.raises(InvalidInput) as caught:
        detect(photo)
    assert caught.value.code == "import.not_a_table"
    assert caught.value.params["what"] == "jpeg"
    assert caught.value.message.startswith("shoe.jpg is a JPEG photo, not a spreadsheet")


def test_an_empty_file_and_a_header_without_rows_say_so(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput, match="empty"):
        detect(empty)
    with pytest.raises(InvalidInput) as caught:
        detect(write(tmp_path / "head.csv", [["Title", "Price"]]))
    assert caught.value.code == "import.no_rows"


def test_a_bad_currency_choice_is_refused(tmp_path):
    with pytest.raises(InvalidInput) as caught:
        detect(export_file(tmp_path, "shopify_products"), currency="dollars")
    assert caught.value.code == "import.bad_currency" and caught.value.field == "currency"


def _big_catalog(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("SKU,Title,Description,Price,Image URL\r\n")
        for i in range(rows):
            # a quoted cell with a line break in it: a record is not a line
            out.write(f'S{i},Product {i},"Soft, light\nand warm",{10 + i % 50}.00,'
                      f"https://shop.example/{i}.jpg\r\n")
    return path


def test_a_big_file_is_previewed_from_its_first_rows_quickly(tmp_path):
    path = _big_catalog(tmp_path / "big.csv", 150_000)
    assert path.stat().st_size > 8 * 1024 * 1024  # over the inline import limit
    started = time.monotonic()
    found = detect(path)
    took = time.monotonic() - started
    assert found.kind == "catalog" and not found.complete
    assert found.counts["rows"] == HEAD_ROWS == found.counts["products"]
    assert "partial" in notes(found)
    assert took < 3, f"the preview of a {path.stat().st_size} byte file took {took:.1f} s"


def test_a_slice_of_a_big_file_drops_the_record_it_cuts(tmp_path):
    whole = _big_catalog(tmp_path / "big.csv", 2000)
    data = whole.read_bytes()
    cut = data.index(b"Soft, light\n", len(data) // 2) + 8  # inside a quoted cell
    sliced = tmp_path / "slice.csv"
    sliced.write_bytes(data[:cut])
    found = detect(sliced, size=len(data))
    assert not found.complete and found.counts["rows"] == found.counts["products"]
    # every row read is whole: its description is the two-line cell
    assert 900 < found.counts["rows"] < 2000


def test_a_utf16_slice_is_cut_on_a_whole_character(tmp_path):
    path = export_file(tmp_path, "chinese_catalog", "tsv")
    data = path.read_bytes()
    sliced = tmp_path / "slice.txt"
    sliced.write_bytes(data[:len(data) - 7])  # mid-record, mid-character
    found = detect(sliced, size=len(data))
    assert found.kind == "catalog" and found.counts["rows"] == 1
    assert found.sample == ["轻跑运动鞋"]
