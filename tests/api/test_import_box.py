"""The import box through the API: POST /imports/detect says what a file is before anything
is imported, POST /imports imports it with the source made for its kind (or refuses it on
the wrong page, naming its kind); merging duplicate products re-points their videos."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from tests.datasources.exports import export_file


def _send(client, route, tenant, path: Path, **data):
    return client.post(f"/api/v1/imports{route}", headers=tenant.headers,
                       files={"file": (path.name, path.read_bytes(), "text/csv")}, data=data)


def test_detect_says_what_a_shopify_export_holds_before_importing(client, tenant, tmp_path):
    path = export_file(tmp_path, "shopify_products")
    answer = _send(client, "/detect", tenant, path, page="catalog")
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert (found["kind"], found["source"], found["page"]) == (
        "shopify_products", "shopify", "catalog")
    assert (found["counts"]["products"], found["counts"]["variants"],
            found["counts"]["drafts"]) == (3, 6, 1)
    assert found["currency_needed"] and not found["ready"]
    assert {n["code"] for n in found["notes"]} >= {"store_currency", "drafts"}
    # nothing was imported
    assert client.get("/api/v1/products", headers=tenant.headers).json()["count"] == 0
    ready = _send(client, "/detect", tenant, path, page="catalog", currency="CAD").json()
    assert (ready["currency"], ready["ready"]) == ("CAD", True)


def test_a_shopify_export_imports_through_the_shopify_source_once(client, tenant, tmp_path):
    path = export_file(tmp_path, "shopify_products")
    for _ in range(2):
        answer = _send(client, "", tenant, path, page="catalog", currency="CAD",
                       include_drafts="true")
        assert answer.status_code == 201, answer.text
        result = answer.json()
        assert (result["kind"], result["source"]) == ("shopify_products", "shopify")
        assert result["products"]["stored"] == 3 and result["products"]["rejected"] == []
    listed = client.get("/api/v1/products", headers=tenant.headers).json()
    assert listed["count"] == 3
    shirt = next(p for p in listed["data"] if p["title"] == "Linen Shirt")
    assert [v["sku"] for v in shirt["variants"]] == ["LS-S-SAND", "LS-M-SAND", "LS-L-SAND"]
    assert shirt["currency"] == "CAD"


def test_drafts_left_out_are_counted_not_rejected(client, tenant, tmp_path):
    result = _send(client, "", tenant, export_file(tmp_path, "shopify_products"),
                   currency="USD").json()
    assert result["products"]["stored"] == 2 and result["products"]["skipped_drafts"] == 1
    assert result["products"]["rejected"] == []


def test_a_file_on_the_wrong_page_is_refused_naming_its_kind(client, tenant, tmp_path):
    answer = _send(client, "", tenant, export_file(tmp_path, "meta_ads"), page="catalog")
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["code"] == "import.wrong_page" and problem["field"] == "body.file"
    assert problem["detail"] == ("meta_ads.csv is a Meta ad export; import it on the Ad "
                                 "results page")
    assert (problem["params"]["kind"], problem["params"]["page"]) == ("meta_ads", "ads")
    answer = _send(client, "", tenant, export_file(tmp_path, "shopify_products"), page="ads",
                   currency="USD")
    assert answer.json()["code"] == "import.wrong_page"
    assert "Shopify product export" in answer.json()["detail"]
    assert "Catalog page" in answer.json()["detail"]


@pytest.mark.parametrize("kind, platform", [("meta_ads", "meta"), ("tiktok_ads", "tiktok")])
def test_ad_exports_are_detected_and_imported_on_the_ads_page(client, tenant, tmp_path, kind,
                                                              platform):
    path = export_file(tmp_path, kind, "xlsx" if kind == "tiktok_ads" else "csv")
    answer = _send(client, "", tenant, path, page="ads")
    assert answer.status_code == 201, answer.text
    result = answer.json()
    assert result["kind"] == kind and result["ads"]["platform"] == platform
    assert result["ads"]["rows_total"] == (3 if kind == "meta_ads" else 4)
    assert answer.headers["location"] == f"/api/v1/ad-imports/{result['ads']['id']}"


def test_shop_orders_are_imported_on_the_ads_page(client, tenant, tmp_path):
    answer = _send(client, "", tenant, export_file(tmp_path, "orders"), page="ads")
    assert answer.status_code == 201, answer.text
    assert answer.json()["kind"] == "orders" and answer.json()["orders"]["stored"] == 3


def test_a_catalog_imports_with_the_columns_the_seller_chose(client, tenant, tmp_path):
    path = export_file(tmp_path, "catalog")
    mapping = json.dumps({"title": "Description", "category": ""})
    found = _send(client, "/detect", tenant, path, mapping=mapping).json()
    assert {c["field"]: c["column"] for c in found["columns"]}["title"] == "Description"
    result = _send(client, "", tenant, path, page="catalog", mapping=mapping).json()
    assert result["products"]["stored"] == 2
    titles = {p["title"]: p for p in client.get("/api/v1/products",
                                                 headers=tenant.headers).json()["data"]}
    assert set(titles) == {"Loose fit, midi length", "Hand-rolled edges"}
    assert titles["Hand-rolled edges"]["category"] == "" and \
        titles["Hand-rolled edges"]["currency"] == "EUR"


@pytest.mark.parametrize("data, code, field", [
    ({"mapping": "{title: Name}"}, "import.bad_mapping", "mapping"),
    ({"mapping": json.dumps({"title": "No such column"})}, "import.mapped_column_missing",
     "mapping"),
    ({"currency": "dollars"}, "import.bad_currency", "currency"),
    ({"kind": "invoices"}, "import.bad_kind", "kind"),
])
def test_bad_choices_name_the_choice(client, tenant, tmp_path, data, code, field):
    answer = _send(client, "", tenant, export_file(tmp_path, "catalog"), **data)
    assert answer.status_code == 422
    assert (answer.json()["code"], answer.json()["field"]) == (code, f"body.{field}")


def test_a_shopify_export_without_its_currency_asks_for_it(client, tenant, tmp_path):
    answer = _send(client, "", tenant, export_file(tmp_path, "shopify_products"))
    assert answer.status_code == 422
    assert (answer.json()["code"], answer.json()["field"]) == ("import.currency_needed",
                                                               "body.currency")
    assert client.get("/api/v1/products", headers=tenant.headers).json()["count"] == 0


def test_a_photo_dropped_as_a_catalog_is_named(client, tenant, tmp_path):
    photo = tmp_path / "shoe.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200))
    for route in ("/detect", ""):
        problem = _send(client, route, tenant, photo).json()
        assert problem["code"] == "import.not_a_table"
        assert problem["detail"].startswith("shoe.jpg is a JPEG photo, not a spreadsheet")
        assert "/tmp" not in problem["detail"]


@pytest.fixture
def small_limit_client(settings):
    app = create_app(settings, ApiSettings(
        rate_limit_per_second=1000, rate_limit_burst=1000, secure_cookies=False,
        dispatch_jobs=False, inline_import_bytes=1000))
    with TestClient(app) as test_client:
        yield test_client


def test_a_big_file_becomes_an_import_job(small_limit_client, tenant, tmp_path):
    path = export_file(tmp_path, "shopify_products")
    assert path.stat().st_size > 1000
    answer = _send(small_limit_client, "", tenant, path, page="catalog", currency="CAD")
    assert answer.status_code == 202, answer.text
    job = answer.json()
    assert job["kind"] == "shopify_products" and job["what"] == "catalog"
    assert job["source"] == "shopify" and job["status"] == "pending"
    assert answer.headers["location"] == job["status_url"] == f"/api/v1/imports/{job['id']}"
    followed = small_limit_client.get(job["status_url"], headers=tenant.headers).json()
    assert followed["status"] == "pending" and followed["file_name"] == "shopify_products.csv"


def test_duplicates_are_listed_and_merged_with_their_videos(client, tenant, make_video):
    h = tenant.headers
    ids = [client.post("/api/v1/products", headers=h, json={
        "title": title, "price": "12.50", "images": images}).json()["id"]
        for title, images in (("Ceramic Mug", []), ("ceramic mug ",
                                                    ["https://cdn.example/mug.jpg"]),
                              ("Tote", []))]
    keep, duplicate, tote = ids
    made = [make_video(tenant, product_id=duplicate, group=f"g{i}") for i in range(2)]
    groups = client.get("/api/v1/products/duplicates", headers=h).json()["data"]
    assert [[p["id"] for p in g["products"]] for g in groups] == [[keep, duplicate]]

    answer = client.post(f"/api/v1/products/{keep}/merge", headers=h,
                         json={"duplicates": [duplicate]})
    assert answer.status_code == 200, answer.text
    merged = answer.json()
    assert merged["videos_moved"] == 2 and merged["removed"] == [duplicate]
    assert merged["filled"] == ["images"]
    assert merged["product"]["images"] == ["https://cdn.example/mug.jpg"]
    moved = client.get("/api/v1/videos", headers=h, params={"product_id": keep}).json()
    assert sorted(v["id"] for v in moved["data"]) == sorted(made)
    assert client.get(f"/api/v1/products/{duplicate}", headers=h).status_code == 404
    assert client.get("/api/v1/products/duplicates", headers=h).json()["data"] == []
    itself = client.post(f"/api/v1/products/{tote}/merge", headers=h,
                         json={"duplicates": [tote]})
    assert (itself.status_code, itself.json()["code"]) == (422, "product.merge_self")
