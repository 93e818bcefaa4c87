"""GET /products/{id}/images/{index}: the catalog page's photos. Local files are served only
from inside the media root (or the bundled samples); web links are a redirect; another
workspace's product is a 404 like every other id."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from studio.db import Product, session_scope
from studio.services.catalog import CatalogFile, import_catalog
from studio.services.uow import unit_of_work

REPO = Path(__file__).resolve().parents[2]
SAMPLE_CSV = REPO / "media" / "samples" / "catalog.csv"
PNG = bytes.fromhex(  # a 1x1 PNG
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _product(settings, tenant, images: list[str]) -> int:
    """Stored directly: the importers may write paths the API's own validator refuses."""
    with session_scope(settings.resolved_database_url()) as session:
        product = Product(workspace_id=tenant.workspace_id, title="Mug", price=Decimal(9),
                          images=images)
        session.add(product)
        session.flush()
        return product.id


def _get(client, tenant, product_id: int, index: int = 0):
    return client.get(f"/api/v1/products/{product_id}/images/{index}",
                      headers=tenant.headers, follow_redirects=False)


@pytest.fixture
def media(settings) -> Path:
    root = Path(settings.media_root)
    (root / "uploads").mkdir(parents=True, exist_ok=True)
    (root / "uploads" / "mug.png").write_bytes(PNG)
    return root


def test_relative_and_absolute_paths_inside_media_are_served(client, tenant, settings, media):
    created = client.post("/api/v1/products", headers=tenant.headers, json={
        "title": "Mug", "price": "9", "images": ["uploads/mug.png"]}).json()
    relative = _get(client, tenant, created["id"])
    assert relative.status_code == 200, relative.text
    assert relative.headers["content-type"] == "image/png"
    assert relative.content == PNG
    absolute = _get(client, tenant, _product(settings, tenant, [str(media / "uploads/mug.png")]))
    assert absolute.status_code == 200 and absolute.content == PNG


def test_web_links_redirect(client, tenant):
    created = client.post("/api/v1/products", headers=tenant.headers, json={
        "title": "Shirt", "price": "9",
        "images": ["uploads/none.png", "https://cdn.example/shirt.jpg?w=600"]}).json()
    response = _get(client, tenant, created["id"], 1)
    assert response.status_code == 307
    assert response.headers["location"] == "https://cdn.example/shirt.jpg?w=600"


def test_missing_index_and_missing_file_are_404_with_a_reason(client, tenant, settings, media):
    product_id = _product(settings, tenant, ["uploads/none.png"])
    past_end = _get(client, tenant, product_id, 3)
    assert past_end.status_code == 404 and "it has 1" in past_end.json()["detail"]
    missing = _get(client, tenant, product_id)
    assert missing.status_code == 404 and "media folder" in missing.json()["detail"]


def test_files_outside_the_media_root_are_never_served(client, tenant, settings, media, tmp_path):
    secret = tmp_path / "secret.png"  # next to the media root, not in it
    secret.write_bytes(PNG)
    (media / "uploads" / "link.png").symlink_to(secret)
    refs = [str(secret), "../secret.png", "uploads/../../secret.png",
            f"{media}/../secret.png", "uploads/link.png", "/etc/passwd"]
    product_id = _product(settings, tenant, refs)
    for index, ref in enumerate(refs):
        response = _get(client, tenant, product_id, index)
        assert response.status_code == 404, f"{ref} -> {response.status_code}"
        assert response.content != PNG


def test_non_image_files_in_media_are_not_served(client, tenant, settings, media):
    (media / "notes.txt").write_text("private")
    response = _get(client, tenant, _product(settings, tenant, ["notes.txt"]))
    assert response.status_code == 404


def test_another_workspaces_product_and_posters_are_404(
    client, tenant, other_tenant, settings, media, make_video
):
    product_id = _product(settings, tenant, ["uploads/mug.png"])
    assert _get(client, other_tenant, product_id).status_code == 404
    assert _get(client, tenant, product_id).status_code == 200
    # a rendered poster of the owner's, named in a stranger's product, stays private
    make_video(tenant)
    poster = next((media / "videos" / str(tenant.workspace_id)).glob("*.jpg"))
    ref = str(poster.relative_to(media))
    theirs = _product(settings, other_tenant, [ref, str(poster)])
    assert _get(client, other_tenant, theirs, 0).status_code == 404
    assert _get(client, other_tenant, theirs, 1).status_code == 404
    assert _get(client, tenant, _product(settings, tenant, [ref])).status_code == 200


def test_sample_catalog_photos_can_be_shown(client, tenant, settings):
    """The demo imports media/samples/catalog.csv from the checkout; every product it stores
    must have a first photo this route can serve, whatever form the importer stores paths in."""
    with unit_of_work(tenant.workspace_id, url=settings.resolved_database_url()) as scope:
        result = import_catalog(scope, source="csv", config={},
                                file=CatalogFile(SAMPLE_CSV, SAMPLE_CSV.name))
    assert result.stored >= 5
    products = client.get("/api/v1/products?limit=100", headers=tenant.headers).json()["data"]
    with_photos = [p for p in products if p["images"]]
    assert len(with_photos) == result.stored
    for product in with_photos:
        response = _get(client, tenant, product["id"])
        assert response.status_code == 200, (product["images"], response.text)
        assert response.headers["content-type"] == "image/jpeg"
        assert response.content[:3] == b"\xff\xd8\xff"
