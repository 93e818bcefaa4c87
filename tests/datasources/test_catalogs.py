"""Catalog sources: generic CSV/XLSX with a mapping, Shopify CSV exports, Shopify Admin API."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plugins.csv_catalog import CsvCatalog
from plugins.shopify import ShopifyCatalog
from studio.contracts import DataSource, FetchQuery, PluginError, RejectedRow
from studio.product import ProductData


def fetch(source, path=None, **options):
    rows = list(source.fetch(FetchQuery(kind="products", path=path, options=options)))
    return [r for r in rows if isinstance(r, ProductData)], [
        r for r in rows if isinstance(r, RejectedRow)
    ]


def test_sources_satisfy_the_contract():
    assert isinstance(CsvCatalog(), DataSource)
    assert isinstance(ShopifyCatalog(), DataSource)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "xlsx", "gbk"])
def test_generic_catalog_with_mapping(write_export, encoding):
    path = write_export(
        [
            ["货号", "Product name", "Price (EUR)", "Cost", "Pics", "Colour"],
            ["A1", "Linen dress", "1,049.00", "300", "https://x/a.jpg | https://x/b.jpg", "sand"],
            ["A2", "Silk scarf", "-", "5", "", "red"],
            ["A3", "", "10", "", "", ""],
        ],
        "catalog.xlsx" if encoding == "xlsx" else "catalog.csv",
        encoding,
    )
    source = CsvCatalog()
    source.connect({"mapping": {"title": "Product name", "images": "Pics"}})
    products, rejected = fetch(source, path)
    assert len(products) == 1
    dress = products[0]
    assert (dress.title, dress.price, dress.cost, dress.currency) == (
        "Linen dress",
        Decimal("1049.00"),
        Decimal("300"),
        "EUR",
    )
    assert dress.external_id == "A1"
    assert dress.images == ["https://x/a.jpg", "https://x/b.jpg"]
    assert dress.attributes == {"Colour": "sand"}
    assert [r.row_number for r in rejected] == [3, 4]
    assert "price is empty" in rejected[0].reason
    assert "row 4" in rejected[1].reason and "title" in rejected[1].reason


def test_mapping_to_a_missing_column_says_which_columns_exist(write_export):
    path = write_export([["Name", "Price"], ["A", "1"]])
    source = CsvCatalog()
    source.connect({"mapping": {"title": "Product title"}})
    with pytest.raises(PluginError, match="'Product title'.*columns are: Name, Price"):
        fetch(source, path)


SHOPIFY_NEW = [
    "Handle",
    "Title",
    "Body (HTML)",
    "Vendor",
    "Product Category",
    "Type",
    "Tags",
    "Published",
    "Option1 Name",
    "Option1 Value",
    "Option1 Linked To",
    "Option2 Name",
    "Option2 Value",
    "Option2 Linked To",
    "Option3 Name",
    "Option3 Value",
    "Option3 Linked To",
    "Variant SKU",
    "Variant Grams",
    "Variant Inventory Tracker",
    "Variant Inventory Policy",
    "Variant Fulfillment Service",
    "Variant Price",
    "Variant Compare At Price",
    "Variant Requires Shipping",
    "Variant Taxable",
    "Variant Barcode",
    "Image Src",
    "Image Position",
    "Image Alt Text",
    "Gift Card",
    "SEO Title",
    "SEO Description",
    "Variant Image",
    "Variant Weight Unit",
    "Variant Tax Code",
    "Cost per item",
    "Status",
]


def shopify_row(header: list[str], **cells: str) -> list[str]:
    names = {h.replace(" ", "_").replace("(", "").replace(")", "").lower(): h for h in header}
    row = dict.fromkeys(header, "")
    for key, value in cells.items():
        row[names[key]] = value
    return [row[h] for h in header]


def test_shopify_new_export_groups_rows_by_handle(write_export):
    r = lambda **c: shopify_row(SHOPIFY_NEW, **c)  # noqa: E731
    rows = [
        SHOPIFY_NEW,
        r(
            handle="linen-shirt",
            title="Linen Shirt",
            body_html="<p>Cool</p>",
            vendor="Acme",
            product_category="Apparel & Accessories > Clothing > Shirts & Tops",
            type="Shirts",
            tags="summer, linen",
            published="TRUE",
            option1_name="Size",
            option1_value="S",
            option2_name="Color",
            option2_value="Sand",
            variant_sku="LS-S-SAND",
            variant_price="49.00",
            variant_compare_at_price="59.00",
            image_src="https://cdn.shopify.com/ls-1.jpg",
            image_position="1",
            cost_per_item="18.50",
            status="active",
        ),
        r(
            handle="linen-shirt",
            option1_value="M",
            option2_value="Sand",
            variant_sku="LS-M-SAND",
            variant_price="49.00",
            image_src="https://cdn.shopify.com/ls-3.jpg",
            image_position="3",
        ),
        r(handle="linen-shirt", image_src="https://cdn.shopify.com/ls-2.jpg", image_position="2"),
        r(
            handle="mug",
            title="Mug",
            published="TRUE",
            option1_name="Title",
            option1_value="Default Title",
            variant_sku="MUG",
            variant_price="1,200.00",
            image_src="https://cdn.shopify.com/mug.jpg",
            image_position="1",
            status="active",
        ),
        r(
            handle="old-hat",
            title="Old hat",
            published="FALSE",
            option1_name="Title",
            option1_value="Default Title",
            variant_price="5",
            status="archived",
        ),
        r(
            handle="draft-bag",
            title="Bag",
            published="TRUE",
            option1_name="Title",
            option1_value="Default Title",
            variant_price="5",
            status="draft",
        ),
    ]
    source = ShopifyCatalog()
    source.connect({"currency": "CAD"})
    products, rejected = fetch(source, write_export(rows, "products_export_1.csv"))
    shirt, mug = products
    assert shirt.title == "Linen Shirt" and shirt.external_id == "linen-shirt"
    assert shirt.price == Decimal("49.00") and shirt.compare_at_price == Decimal("59.00")
    assert shirt.cost == Decimal("18.50") and shirt.currency == "CAD"
    assert shirt.category == "Apparel & Accessories > Clothing > Shirts & Tops"
    assert shirt.images == [f"https://cdn.shopify.com/ls-{i}.jpg" for i in (1, 2, 3)]
    assert [(v.sku, v.options) for v in shirt.variants] == [
        ("LS-S-SAND", {"Size": "S", "Color": "Sand"}),
        ("LS-M-SAND", {"Size": "M", "Color": "Sand"}),
    ]
    # "Default Title" is Shopify's placeholder for a product without options
    assert mug.variants == [] and mug.price == Decimal("1200.00")
    assert [r.row_number for r in rejected] == [6, 7]
    assert "archived" in rejected[0].reason and "drafts were not included" in rejected[0].reason
    assert "--" not in rejected[0].reason  # no command-line advice: sellers read this
    assert [r.raw["skipped"] for r in rejected] == ["draft", "draft"]

    products, rejected = fetch(source, write_export(rows, "again.csv"), include_drafts=True)
    assert [p.external_id for p in products] == ["linen-shirt", "mug", "old-hat", "draft-bag"]


SHOPIFY_OLD = [
    "Handle",
    "Title",
    "Body (HTML)",
    "Vendor",
    "Type",
    "Tags",
    "Published",
    "Option1 Name",
    "Option1 Value",
    "Option2 Name",
    "Option2 Value",
    "Option3 Name",
    "Option3 Value",
    "Variant SKU",
    "Variant Grams",
    "Variant Inventory Tracker",
    "Variant Inventory Qty",
    "Variant Inventory Policy",
    "Variant Fulfillment Service",
    "Variant Price",
    "Variant Compare At Price",
    "Variant Requires Shipping",
    "Variant Taxable",
    "Variant Barcode",
    "Image Src",
    "Image Position",
    "Image Alt Text",
    "Gift Card",
    "SEO Title",
    "SEO Description",
    "Google Shopping / Google Product Category",
    "Variant Image",
    "Variant Weight Unit",
    "Variant Tax Code",
    "Cost per item",
]


def test_shopify_old_export_without_status_uses_published(write_export):
    r = lambda **c: shopify_row(SHOPIFY_OLD, **c)  # noqa: E731
    rows = [
        SHOPIFY_OLD,
        r(
            handle="tee",
            title="Tee",
            type="Shirts",
            published="TRUE",
            option1_name="Title",
            option1_value="Default Title",
            variant_sku="T1",
            variant_inventory_qty="4",
            variant_price="15.00",
            image_src="https://cdn.shopify.com/t.jpg",
        ),
        r(
            handle="hidden",
            title="Hidden",
            published="FALSE",
            option1_name="Title",
            option1_value="Default Title",
            variant_price="15.00",
        ),
        r(
            handle="broken",
            title="Broken",
            published="TRUE",
            option1_name="Title",
            option1_value="Default Title",
            variant_price="fifteen",
        ),
    ]
    products, rejected = fetch(ShopifyCatalog(), write_export(rows, "old.csv", "utf-8"))
    assert [(p.title, p.category, p.currency) for p in products] == [("Tee", "Shirts", "USD")]
    assert "unpublished" in rejected[0].reason
    assert "row 4" in rejected[1].reason and "Variant Price" in rejected[1].reason


def test_non_shopify_file_is_refused_with_advice(write_export):
    with pytest.raises(PluginError, match="no Handle column.*--source csv"):
        fetch(ShopifyCatalog(), write_export([["Name", "Price"], ["a", "1"]]))


def test_shopify_admin_api_pages_through_all_products():
    from tests.fakes.shopify_api import TOKEN, FakeShopify, product_node

    nodes = [product_node(i) for i in range(120)]
    nodes[5] = product_node(5, status="DRAFT")
    nodes[7] = product_node(7, variants=3)
    for node in nodes:  # Shopify states unit costs in the store's currency
        for variant in node["variants"]["nodes"]:
            variant["inventoryItem"]["unitCost"]["currencyCode"] = "GBP"
    with FakeShopify(nodes, currency="GBP") as fake:
        source = ShopifyCatalog()
        source.connect({"shop_url": fake.url, "access_token": TOKEN})
        products, rejected = fetch(source)
        assert len(fake.requests) == 3  # 50 + 50 + 20
        assert fake.requests[1]["body"]["variables"]["after"] == "cursor:50"
    assert len(products) == 119
    assert [r.raw["handle"] for r in rejected] == ["product-5"]
    p7 = next(p for p in products if p.external_id == "product-7")
    assert [v.options for v in p7.variants] == [{"Size": s} for s in ("S", "M", "L")]
    assert p7.currency == "GBP" and p7.cost == Decimal("7.5") and p7.price == Decimal("26.99")
    assert products[0].variants == []


def test_shopify_admin_api_errors_are_clear():
    from tests.fakes.shopify_api import TOKEN, FakeShopify, product_node

    with FakeShopify([product_node(1)]) as fake:
        source = ShopifyCatalog()
        source.connect({"shop_url": fake.url, "access_token": "wrong"})
        with pytest.raises(PluginError, match="401.*read_products"):
            fetch(source)
        source.connect({"shop_url": fake.url, "access_token": TOKEN})
        fake.throttle_next = True
        with pytest.raises(PluginError, match="Throttled") as info:
            fetch(source)
        assert info.value.transient
