"""Prices that name their currency (¥99, 99 RMB, EUR 49,99, 49,99 €) are read in it or the row
is refused with a message naming the row, the column and what to write — never stored as USD."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plugins.csv_catalog import CsvCatalog
from plugins.shopify import ShopifyCatalog
from studio.contracts import FetchQuery, OrderRow, PluginError, RejectedRow
from studio.ingest import parse_decimal
from studio.product import ProductData

from .test_catalogs import SHOPIFY_NEW, shopify_row


def fetch(source, path, kind="products"):
    rows = list(source.fetch(FetchQuery(kind=kind, path=path)))
    # the file as the seller named it (how a reason names the file is not this test's subject)
    return [r for r in rows if not isinstance(r, RejectedRow)], {
        r.row_number: r.reason.replace(f"{path.parent}/", "")
        for r in rows if isinstance(r, RejectedRow)
    }


def catalog(config=None):
    source = CsvCatalog()
    source.connect(config or {"currency": "USD"})  # what `studio import catalog` passes
    return source


def test_a_price_naming_its_currency_is_read_in_it(write_export):
    path = write_export([
        ["Title", "Price"],
        ["Teapot", "99 RMB"], ["Scarf", "EUR 49,99"], ["Bag", "49,99 €"], ["Hat", "£12.50"],
        ["Cup", "99元"], ["Lamp", "1.234,56 €"], ["Mug", "$19.99"], ["Pen", "3.50"],
        ["Bowl", "¥99"], ["Box", "99 pcs"],
    ], "prices.csv")  # fmt: skip
    products, rejected = fetch(catalog(), path)
    assert [(p.title, p.price, p.currency) for p in products] == [
        ("Teapot", Decimal("99"), "CNY"), ("Scarf", Decimal("49.99"), "EUR"),
        ("Bag", Decimal("49.99"), "EUR"), ("Hat", Decimal("12.50"), "GBP"),
        ("Cup", Decimal("99"), "CNY"), ("Lamp", Decimal("1234.56"), "EUR"),
        ("Mug", Decimal("19.99"), "USD"), ("Pen", Decimal("3.50"), "USD"),
    ]  # fmt: skip
    # ¥ is yuan and yen: a guess would be off twentyfold, so the seller is asked
    assert rejected[10] == (
        "prices.csv row 10: column 'Price': '¥99' could be yuan or yen (CNY or JPY); write the "
        "code (99 CNY or 99 JPY) or set the import's currency (--currency CNY)"
    )
    assert rejected[11].startswith("prices.csv row 11: column 'Price': '99 pcs' is not a price")


def test_yen_sign_takes_the_imports_yuan_or_yen(write_export):
    path = write_export([["Title", "Price", "Cost"], ["Bowl", "¥99", "￥30"]], "cn.csv")
    [bowl], rejected = fetch(catalog({"currency": "CNY"}), path)
    assert (bowl.price, bowl.cost, bowl.currency, rejected) == (
        Decimal("99"), Decimal("30"), "CNY", {})


def test_a_price_contradicting_the_files_currency_rejects_the_row(write_export):
    path = write_export([
        ["Title", "Price (USD)", "Currency"],
        ["Bowl", "¥99", ""], ["Scarf", "€5", ""], ["Mug", "$5", ""], ["Pen", "5", ""],
        ["Cup", "5", "CNY"],
    ], "usd.csv")  # fmt: skip
    products, rejected = fetch(catalog(), path)
    assert [(p.title, p.price, p.currency) for p in products] == [
        ("Mug", Decimal("5"), "USD"), ("Pen", Decimal("5"), "USD")]
    assert rejected[2] == (
        "usd.csv row 2: column 'Price (USD)': '¥99' is in yuan or yen (CNY or JPY) but the "
        "header 'Price (USD)' says USD; write the price in USD (e.g. 99 USD) or correct the "
        "currency")
    assert "'€5' is in EUR but the header 'Price (USD)' says USD" in rejected[3]
    assert rejected[6] == ("usd.csv row 6: the header 'Price (USD)' says USD but the "
                           "'Currency' column says CNY; correct one of them")


def test_currency_column_is_firm_and_cost_must_share_the_price_currency(write_export):
    path = write_export([
        ["Title", "Price", "Cost", "Currency"],
        ["Bowl", "$5", "", "EUR"], ["Cup", "5", "¥2", "CNY"], ["Vase", "€40", "CNY 90", ""],
        ["Jar", "8", "", "dollars"],
    ], "mixed.csv")  # fmt: skip
    [cup], rejected = fetch(catalog(), path)
    assert (cup.price, cup.cost, cup.currency) == (Decimal("5"), Decimal("2"), "CNY")
    assert "row 2: column 'Price': '$5' is in dollars but the 'Currency' column says EUR" \
        in rejected[2]
    assert rejected[4] == (
        "mixed.csv row 4: column 'Cost' is in CNY but the price is in EUR; a product's prices "
        "and cost must be in one currency: convert the cost to EUR")
    assert "column 'Currency': 'dollars' is not a currency code; write one such as USD" \
        in rejected[5]


def test_order_totals_keep_the_currency_they_name(write_export):
    path = write_export([
        ["Name", "Created at", "Total", "Lineitem sku"],
        ["#1", "2026-10-01", "€25,50", "TEE-S"], ["#2", "2026-10-01", "¥100", ""],
        ["#3", "2026-10-01", "30", ""],
    ], "orders.csv")  # fmt: skip
    orders, rejected = fetch(catalog(), path, kind="orders")
    assert [(o.order_id, o.revenue, o.currency) for o in orders] == [
        ("#1", Decimal("25.50"), "EUR"), ("#3", Decimal("30"), "USD")]
    assert isinstance(orders[0], OrderRow) and orders[0].raw["sku"] == "TEE-S"
    assert "row 3: column 'Total': '¥100' could be yuan or yen" in rejected[3]


def test_shopify_export_is_read_in_the_store_currency(write_export):
    r = lambda **c: shopify_row(SHOPIFY_NEW, **c)  # noqa: E731
    rows = [
        SHOPIFY_NEW,
        r(handle="tee", title="Tee", published="TRUE", option1_name="Size", option1_value="S",
          variant_sku="TEE-S", variant_price="26,99 €", cost_per_item="8", status="active"),
        r(handle="tee", option1_value="XL", variant_sku="TEE-XL", variant_price="29,99",
          cost_per_item="11,50"),
        r(handle="cap", title="Cap", published="TRUE", option1_name="Title",
          option1_value="Default Title", variant_price="$26.99", status="active"),
    ]  # fmt: skip
    source = ShopifyCatalog()
    source.connect({"currency": "EUR"})
    [tee], rejected = fetch(source, write_export(rows, "products_export.csv"))
    assert (tee.price, tee.cost, tee.currency) == (Decimal("26.99"), Decimal("8"), "EUR")
    # each variant keeps its own price and cost (a sale of XL is costed at 11.50, not 8)
    assert [(v.sku, v.price, v.cost) for v in tee.variants] == [
        ("TEE-S", Decimal("26.99"), Decimal("8")), ("TEE-XL", Decimal("29.99"), Decimal("11.50"))]
    assert rejected[4] == (
        "products_export.csv rows 4: product 'cap': row 4, column 'Variant Price': '$26.99' is "
        "in dollars but the store's currency setting says EUR; write the price in EUR "
        "(e.g. 26.99 EUR) or correct the currency")


def test_shopify_store_currency_must_be_a_currency():
    with pytest.raises(PluginError, match="currency 'euros' is not a currency code; give the "
                                          "store's currency as shown in Shopify"):
        ShopifyCatalog().connect({"currency": "euros"})


def test_shopify_api_keeps_variant_costs_and_drops_a_cost_in_another_currency():
    from tests.fakes.shopify_api import TOKEN, FakeShopify, product_node

    node = product_node(3, variants=2)
    first, second = node["variants"]["nodes"]
    first["inventoryItem"]["unitCost"] = {"amount": "9.00", "currencyCode": "CNY"}
    second["inventoryItem"]["unitCost"] = {"amount": "2.40", "currencyCode": "EUR"}
    with FakeShopify([node], currency="EUR") as fake:
        source = ShopifyCatalog()
        source.connect({"shop_url": fake.url, "access_token": TOKEN, "currency": "USD"})
        [product] = [r for r in source.fetch(FetchQuery(kind="products"))
                     if isinstance(r, ProductData)]
    assert product.currency == "EUR"  # the store's own answer wins over the setting
    assert [(v.sku, v.cost) for v in product.variants] == [
        ("SKU-3-0", None), ("SKU-3-1", Decimal("2.40"))]
    assert product.attributes["cost_notes"] == [
        "variant 'SKU-3-0': unit cost is in CNY, prices in EUR; cost left out"]


def test_a_number_with_a_currency_other_than_its_columns_is_refused():
    assert parse_decimal("$12.00", field="Amount spent (USD)", currency="USD") == Decimal("12.00")
    with pytest.raises(ValueError, match=r"'€12' is in EUR but the column 'Amount spent \(USD\)'"):
        parse_decimal("€12", field="Amount spent (USD)", currency="USD")
