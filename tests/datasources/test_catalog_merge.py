"""Importing through the import box on a real database (SQLite and PostgreSQL): a Shopify
export goes through the shopify source, a second import updates instead of duplicating, and
merging duplicates (left by older imports) re-points their videos."""

from __future__ import annotations

from decimal import Decimal

import pytest

from studio.auth import create_workspace
from studio.db import Product, Scope, Video
from studio.errors import InvalidInput, NotFound
from studio.services.catalog import CatalogFile, delete_product, import_catalog
from studio.services.catalog_admin import find_duplicates, merge_products
from studio.services.file_imports import ImportChoices, import_file
from tests.datasources.exports import export_file


@pytest.fixture
def shops(session):
    mine = create_workspace(session=session, name="Acme")
    theirs = create_workspace(session=session, name="Other shop")
    session.flush()
    return Scope(session, mine.id), Scope(session, theirs.id)


def _file(path):
    return CatalogFile(path, path.name)


def _video(scope: Scope, product_id: int, code: str) -> Video:
    video = scope.add(Video(creative_code=code, product_id=product_id, template_id="showcase",
                            template_version="v1", status="succeeded"))
    scope.session.flush()
    return video


def test_a_shopify_export_imports_with_its_variants_and_again_without_duplicates(
        shops, tmp_path):
    scope, _ = shops
    export = _file(export_file(tmp_path, "shopify_products"))
    first = import_file(scope, export, ImportChoices(page="catalog", currency="cad"))
    assert (first.kind, first.source) == ("shopify_products", "shopify")
    assert first.products.stored == 2 and first.products.skipped_drafts == 1
    assert first.products.rejected == []  # a draft left out is not an error in the file

    again = import_file(scope, export, ImportChoices(page="catalog", currency="CAD",
                                                     include_drafts=True))
    assert again.products.stored == 3 and again.products.skipped_drafts == 0
    products = {p.external_id: p for p in scope.list(Product)}
    assert sorted(products) == ["canvas-tote", "ceramic-mug", "linen-shirt"]
    shirt = products["linen-shirt"]
    assert (shirt.source, shirt.currency, shirt.price) == ("shopify", "CAD", Decimal("49.00"))
    assert [(v["sku"], v["price"], v["compare_at_price"], v["options"])
            for v in shirt.variants] == [
        ("LS-S-SAND", "49.00", "59.00", {"Size": "S", "Color": "Sand"}),
        ("LS-M-SAND", "49.00", "59.00", {"Size": "M", "Color": "Sand"}),
        ("LS-L-SAND", "52.00", "62.00", {"Size": "L", "Color": "Sand"}),
    ]
    assert len(shirt.images) == 3 and products["canvas-tote"].attributes["status"] == "draft"
    assert scope.count(Product) == 3  # the third import of the same file adds nothing
    import_file(scope, export, ImportChoices(page="catalog", currency="CAD",
                                             include_drafts=True))
    assert scope.count(Product) == 3


def test_merge_re_points_videos_and_the_next_import_updates_the_kept_product(shops, tmp_path):
    scope, theirs = shops
    export = _file(export_file(tmp_path, "shopify_products"))
    # older data: the same export read by the generic reader (one product per row, no
    # variants) and then through the shopify source: every product twice
    legacy = import_catalog(scope, source="csv", config={"currency": "CAD"}, file=export)
    assert legacy.stored == 3 and len(legacy.rejected) == 4
    import_file(scope, export, ImportChoices(currency="CAD", include_drafts=True))
    assert scope.count(Product) == 6
    groups = find_duplicates(scope)
    assert [g.title for g in groups.data] == ["Canvas Tote", "Ceramic Mug", "Linen Shirt"]
    shirt_group = groups.data[2].products
    # the product the next import finds again (the shopify one) is offered first
    assert [p.source for p in shirt_group] == ["shopify", "csv"]
    new, old = shirt_group[0].id, shirt_group[1].id
    for code in ("OLDVID01", "OLDVID02"):
        _video(scope, old, code)
    _video(scope, new, "NEWVID01")

    # the seller keeps the old product (its videos are there): the duplicate's go to it
    merged = merge_products(scope, old, [new])
    assert merged.removed == [new] and merged.videos_moved == 1
    assert "variants" in merged.filled and len(merged.product.variants) == 3
    assert scope.get(Product, new) is None
    assert sorted(v.creative_code for v in scope.list(Video, Video.product_id == old)) == [
        "NEWVID01", "OLDVID01", "OLDVID02"]
    # it answers to the shopify identity now: the next import updates it, no new duplicate
    assert (merged.product.source, merged.product.external_id) == ("shopify", "linen-shirt")
    import_file(scope, export, ImportChoices(currency="CAD", include_drafts=True))
    assert scope.count(Product) == 5
    assert scope.count(Video, Video.product_id == old) == 3
    assert [g.title for g in find_duplicates(scope).data] == ["Canvas Tote", "Ceramic Mug"]
    # another seller sees none of it
    assert find_duplicates(theirs).data == []
    with pytest.raises(NotFound):
        merge_products(theirs, old, [shirt_group[0].id])


def test_merge_refuses_itself_and_nothing(shops):
    scope, _ = shops
    mug = scope.add(Product(title="Mug", price=Decimal("9")))
    scope.session.flush()
    with pytest.raises(InvalidInput) as caught:
        merge_products(scope, mug.id, [mug.id])
    assert caught.value.code == "product.merge_self"
    with pytest.raises(InvalidInput) as caught:
        merge_products(scope, mug.id, [])
    assert caught.value.code == "product.merge_none"
    with pytest.raises(NotFound):
        merge_products(scope, mug.id, [987654])


def test_a_deleted_products_videos_stay(shops):
    scope, _ = shops
    mug = scope.add(Product(title="Mug", price=Decimal("9")))
    scope.session.flush()
    video = _video(scope, mug.id, "MUGVID01")
    delete_product(scope, mug.id)
    scope.session.flush()
    scope.session.refresh(video)
    assert scope.get(Product, mug.id) is None
    assert video.product_id is None and video.status == "succeeded"
