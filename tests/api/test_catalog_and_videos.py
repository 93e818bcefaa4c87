"""Products, templates (with preview), videos and candidates through the API."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PHOTOS = Path(__file__).resolve().parents[2] / "media" / "samples" / "photos"


@pytest.fixture
def photo(settings) -> str:
    """A product photo inside the media folder, referenced the way API users do."""
    source = sorted(PHOTOS.glob("*.jpg"))[0]
    target = Path(settings.media_root) / "photos" / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return f"photos/{source.name}"


def test_product_crud_and_filters(client, tenant):
    h = tenant.headers
    created = client.post("/api/v1/products", headers=h, json={
        "title": "Linen shirt", "price": "39.90", "compare_at_price": "49.90",
        "category": "apparel", "images": ["https://cdn.example/shirt.jpg"],
        "attributes": {"material": "linen"}})
    assert created.status_code == 201
    product = created.json()
    assert created.headers["location"] == f"/api/v1/products/{product['id']}"
    assert product["price"] == "39.90" and product["currency"] == "USD"
    client.post("/api/v1/products", headers=h, json={"title": "Mug", "price": "9",
                                                    "category": "kitchen"})
    listed = client.get("/api/v1/products", headers=h, params={"category": "apparel"}).json()
    assert listed["count"] == 1 and listed["data"][0]["title"] == "Linen shirt"
    assert client.get("/api/v1/products", headers=h, params={"q": "mug"}).json()["count"] == 1
    patched = client.patch(f"/api/v1/products/{product['id']}", headers=h,
                           json={"price": "35.00", "currency": "eur"}).json()
    assert patched["price"] == "35.000000" or patched["price"].startswith("35")
    assert patched["currency"] == "EUR" and patched["title"] == "Linen shirt"
    assert client.delete(f"/api/v1/products/{product['id']}", headers=h).status_code == 204
    assert client.get(f"/api/v1/products/{product['id']}", headers=h).status_code == 404


@pytest.mark.parametrize("image", ["/etc/passwd", "../secret.jpg", "~/.ssh/id_rsa"])
def test_product_images_cannot_point_at_server_files(client, tenant, image):
    response = client.post("/api/v1/products", headers=tenant.headers,
                           json={"title": "X", "price": "1", "images": [image]})
    assert response.status_code == 422
    assert response.json()["field"] == "body.images"
    assert "media folder" in response.json()["errors"][0]["message"]


def test_bad_price_names_the_field(client, tenant):
    response = client.post("/api/v1/products", headers=tenant.headers,
                           json={"title": "X", "price": "twelve"})
    assert response.status_code == 422 and response.json()["field"] == "body.price"


def test_import_catalog_file_reports_rejected_rows(client, tenant):
    csv = (b"Title,Price,Category,Image URL\n"
           b"Desk lamp,24.50,home,https://cdn.example/lamp.jpg\n"
           b"No price,,home,\n"
           b"Stool,15,home,\n")
    response = client.post("/api/v1/products/import", headers=tenant.headers,
                           files={"file": ("catalog.csv", csv, "text/csv")},
                           data={"source": "csv"})
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["stored"] == 2
    assert len(result["rejected"]) == 1 and "price" in result["rejected"][0]["reason"].lower()
    titles = {p["title"] for p in client.get("/api/v1/products",
                                              headers=tenant.headers).json()["data"]}
    assert titles == {"Desk lamp", "Stool"}
    # the same file again updates, never duplicates
    client.post("/api/v1/products/import", headers=tenant.headers,
                files={"file": ("catalog.csv", csv, "text/csv")})
    assert client.get("/api/v1/products", headers=tenant.headers).json()["count"] == 2


def test_import_from_unknown_source_names_the_choices(client, tenant):
    response = client.post("/api/v1/products/import-source", headers=tenant.headers,
                           json={"source": "etsy", "config": {}})
    assert response.status_code == 422
    assert response.json()["field"] == "body.source" and "csv" in response.json()["detail"]


def test_templates_list_and_field_schema(client, tenant):
    listed = client.get("/api/v1/templates", headers=tenant.headers).json()
    assert listed["count"] >= 1
    first = listed["data"][0]
    detail = client.get(f"/api/v1/templates/{first['id']}", headers=tenant.headers).json()
    assert detail["version"] == first["version"]
    assert "photos" in detail["fields"] and "type" in detail["fields"]["photos"]
    missing = client.get("/api/v1/templates/no-such-template", headers=tenant.headers)
    assert missing.status_code == 404 and "available" in missing.json()["detail"]


def test_template_preview_renders_a_jpeg(live_client, tenant, photo):
    """The preview is rendered by a worker; the call waits for it and answers the file."""
    client = live_client
    product = client.post("/api/v1/products", headers=tenant.headers, json={
        "title": "Bamboo organizer", "price": "19.99", "compare_at_price": "29.99",
        "images": [photo]}).json()
    response = client.post("/api/v1/templates/showcase/preview", headers=tenant.headers,
                           json={"product_id": product["id"], "format": "1:1", "at": 1.0})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/jpeg"
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(response.content))
    assert image.width == image.height  # 1:1


def test_preview_without_a_photo_names_the_field(live_client, tenant):
    response = live_client.post("/api/v1/templates/showcase/preview", headers=tenant.headers,
                           json={"product": {"title": "No photo", "price": "5"}})
    assert response.status_code == 422
    assert "photos" in response.json()["detail"]


def test_videos_list_filter_get_download_poster(client, tenant, make_video):
    first = make_video(tenant)
    make_video(tenant, status="failed")
    h = tenant.headers
    listed = client.get("/api/v1/videos", headers=h).json()
    assert listed["count"] == 2
    done = client.get("/api/v1/videos", headers=h, params={"status": "succeeded"}).json()
    assert [v["id"] for v in done["data"]] == [first]
    video = client.get(f"/api/v1/videos/{first}", headers=h).json()
    assert video["download_url"] == f"/api/v1/videos/{first}/download"
    by_code = client.get("/api/v1/videos", headers=h,
                         params={"creative_code": video["creative_code"].lower()}).json()
    assert by_code["count"] == 1
    download = client.get(video["download_url"], headers=h)
    assert download.status_code == 200 and download.headers["content-type"] == "video/mp4"
    assert video["creative_code"].encode() in download.content
    assert video["creative_code"] in download.headers["content-disposition"]
    poster = client.get(video["poster_url"], headers=h)
    assert poster.headers["content-type"] == "image/jpeg"
    naive = client.get("/api/v1/videos", headers=h, params={"created_after": "2026-01-01T00:00"})
    assert naive.status_code == 422 and naive.json()["field"] == "query.created_after"


def test_failed_video_has_no_download(client, tenant, make_video):
    failed = make_video(tenant, status="failed")
    response = client.get(f"/api/v1/videos/{failed}/download", headers=tenant.headers)
    assert response.status_code == 404 and "failed" in response.json()["detail"]


def test_delete_archives_and_rerender_makes_a_new_version(client, tenant, make_video):
    h = tenant.headers
    video_id = make_video(tenant)
    rerendered = client.post(f"/api/v1/videos/{video_id}/rerender", headers=h)
    assert rerendered.status_code == 202, rerendered.text
    assert rerendered.json()["status"] == "queued"
    assert rerendered.json()["render_version"] == 2
    again = client.post(f"/api/v1/videos/{video_id}/rerender", headers=h)
    assert again.status_code == 409  # still queued
    other = make_video(tenant)
    assert client.delete(f"/api/v1/videos/{other}", headers=h).status_code == 204
    assert client.get(f"/api/v1/videos/{other}", headers=h).json()["status"] == "archived"
    listed = {v["id"] for v in client.get("/api/v1/videos", headers=h).json()["data"]}
    assert other not in listed and video_id in listed
    archived = client.get("/api/v1/videos", headers=h, params={"status": "archived"}).json()
    assert [v["id"] for v in archived["data"]] == [other]
    assert client.post(f"/api/v1/videos/{other}/rerender", headers=h).status_code == 409


def test_create_one_video_is_queued(client, tenant, photo):
    product = client.post("/api/v1/products", headers=tenant.headers, json={
        "title": "Lamp", "price": "20", "images": [photo]}).json()
    response = client.post("/api/v1/videos", headers=tenant.headers, json={
        "product": product["id"], "template": "showcase", "format": "4:5"})
    assert response.status_code == 202
    assert response.json()["status"] == "queued" and response.json()["format"] == "4:5"
    unknown = client.post("/api/v1/videos", headers=tenant.headers, json={
        "product": 999999, "template": "showcase"})
    assert unknown.status_code == 404


def test_candidates_select_one(client, tenant, make_video):
    h = tenant.headers
    a = make_video(tenant, group="grp-1")
    b = make_video(tenant, group="grp-1")
    shown = client.get("/api/v1/candidates/grp-1", headers=h).json()
    assert shown["count"] == 2 and shown["selected_id"] is None
    chosen = client.post("/api/v1/candidates/grp-1/select", headers=h, json={"video_id": b})
    assert chosen.status_code == 200 and chosen.json()["selected_id"] == b
    # the variant not picked is archived, out of the library's way
    assert [v["status"] for v in chosen.json()["data"]] == ["archived", "succeeded"]
    switched = client.post("/api/v1/candidates/grp-1/select", headers=h,
                           json={"video_id": a}).json()
    assert switched["selected_id"] == a
    assert [v["selected"] for v in switched["data"]] == [True, False]
    assert [v["status"] for v in switched["data"]] == ["succeeded", "archived"]
    stranger = make_video(tenant)
    wrong = client.post("/api/v1/candidates/grp-1/select", headers=h,
                        json={"video_id": stranger})
    assert wrong.status_code == 422 and wrong.json()["field"] == "body.video_id"
    events = client.get("/api/v1/events", headers=h, params={"type": "video.selected"}).json()
    assert events["count"] == 2


def test_plugins_are_listed_with_status_and_what_they_provide(client, tenant):
    plugins = client.get("/api/v1/plugins", headers=tenant.headers).json()
    assert plugins["count"] == len(plugins["data"]) > 0
    by_name = {p["name"]: p for p in plugins["data"]}
    provided = {(e["kind"], e["name"]) for p in plugins["data"] for e in p["provides"]}
    assert ("generator", "template") in provided  # the default local renderer
    assert ("data-source", "meta") in provided
    assert all(p["status"] in ("loaded", "failed", "disabled", "not configured")
               for p in by_name.values())


def test_ask_for_candidates_then_list_them(client, tenant):
    product = client.post("/api/v1/products", headers=tenant.headers, json={
        "title": "Vase", "price": "30"}).json()
    response = client.post("/api/v1/candidates", headers=tenant.headers, json={
        "product": product["id"], "template": "showcase", "generator": "template",
        "count": 3})
    assert response.status_code == 202, response.text
    group = response.json()
    assert group["count"] == 3 and group["selected_id"] is None
    assert {v["status"] for v in group["data"]} == {"queued"}
    shown = client.get(f"/api/v1/candidates/{group['group']}", headers=tenant.headers).json()
    assert [v["id"] for v in shown["data"]] == [v["id"] for v in group["data"]]
    unfinished = client.post(f"/api/v1/candidates/{group['group']}/select",
                             headers=tenant.headers, json={"video_id": group["data"][0]["id"]})
    assert unfinished.status_code == 409  # pick once it is rendered
    bad = client.post("/api/v1/candidates", headers=tenant.headers, json={
        "product": product["id"], "template": "showcase", "generator": "nope"})
    assert bad.status_code == 422 and bad.json()["field"] == "body.generator"


def test_videos_suggest_the_ad_name_and_utm_content_that_link_roi(
    client, tenant, settings, make_video
):
    from studio.linking import codes_in

    h = tenant.headers
    product = client.post("/api/v1/products", headers=h, json={
        "title": "Speckled Ceramic Mug 350 ml", "price": "18"}).json()
    video_id = make_video(tenant, product_id=product["id"])
    video = client.get(f"/api/v1/videos/{video_id}", headers=h).json()
    code = video["creative_code"]
    assert video["suggested_ad_name"] == f"Speckled Ceramic Mug 350 ml | showcase | {code}"
    assert video["suggested_utm_content"] == code
    # what the ad-results import will find in them
    assert codes_in(video["suggested_ad_name"], {code: video_id}) == {code}
    listed = client.get("/api/v1/videos", headers=h).json()["data"]
    assert [(v["suggested_ad_name"], v["suggested_utm_content"]) for v in listed] == [
        (video["suggested_ad_name"], code)]
    # the product goes, the video stays: its suggestion still carries the code
    client.delete(f"/api/v1/products/{product['id']}", headers=h)
    orphan = client.get(f"/api/v1/videos/{video_id}", headers=h).json()
    assert orphan["suggested_ad_name"].endswith(f"| showcase | {code}")
    assert "Mug" not in orphan["suggested_ad_name"]
