"""Export files as the platforms write them (docs: /work/shared/FORMATS.md), for the import
box's tests: a Shopify product export (products spanning several rows by Handle, variants,
image-only rows, a draft), a generic catalog, a Chinese catalog, a Meta Ads Manager export
(summary row first, ``(USD)`` header suffix, quoted thousands, ``-`` rankings), a TikTok Ads
Manager export (trailing Total row, a Currency column) and a Shopify order export with the
UTM columns a tracking app adds.

``write(path, rows, fmt)`` writes them as CSV (UTF-8 with BOM, what Excel and Shopify
write), TSV (Excel's "Unicode text": UTF-16 with tabs) or XLSX.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

CDN = "https://cdn.shopify.com/s/files/1/0623/4417/files"

SHOPIFY_HEADERS = [
    "Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags",
    "Published", "Option1 Name", "Option1 Value", "Option1 Linked To", "Option2 Name",
    "Option2 Value", "Option2 Linked To", "Option3 Name", "Option3 Value", "Option3 Linked To",
    "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Policy",
    "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price",
    "Variant Requires Shipping", "Variant Taxable", "Variant Barcode", "Image Src",
    "Image Position", "Image Alt Text", "Gift Card", "SEO Title", "SEO Description",
    "Google Shopping / Google Product Category", "Variant Image", "Variant Weight Unit",
    "Variant Tax Code", "Cost per item", "Status",
]  # fmt: skip


def _shopify(**cells: str) -> list[str]:
    names = {re.sub(r"[^a-z0-9]+", "_", h.lower()).strip("_"): h for h in SHOPIFY_HEADERS}
    row = dict.fromkeys(SHOPIFY_HEADERS, "")
    for key, value in cells.items():
        row[names[key]] = value
    return [row[h] for h in SHOPIFY_HEADERS]


def _variant(handle: str, sku: str, price: str, *values: str, **more: str) -> list[str]:
    options = {f"option{i}_value": v for i, v in enumerate(values, start=1)}
    return _shopify(handle=handle, variant_sku=sku, variant_price=price, variant_grams="300",
                    variant_inventory_tracker="shopify", variant_inventory_policy="deny",
                    variant_fulfillment_service="manual", variant_requires_shipping="TRUE",
                    variant_taxable="TRUE", variant_weight_unit="kg", **options, **more)


def shopify_products() -> list[list[str]]:
    """3 products, 6 variants, 1 draft; 5 photos (two on image-only rows)."""
    shirt = {"title": "Linen Shirt", "body_html": "<p>Breathable <strong>linen</strong>.</p>",
             "vendor": "Acme Linen", "type": "Shirts", "tags": "linen, summer",
             "product_category": "Apparel & Accessories > Clothing > Shirts & Tops",
             "published": "TRUE", "option1_name": "Size", "option2_name": "Color",
             "gift_card": "FALSE", "seo_title": "Linen Shirt", "status": "active"}
    return [
        SHOPIFY_HEADERS,
        _variant("linen-shirt", "LS-S-SAND", "49.00", "S", "Sand", **shirt,
                 variant_compare_at_price="59.00", cost_per_item="18.50",
                 image_src=f"{CDN}/linen-shirt-1.jpg", image_position="1",
                 image_alt_text="Linen shirt, front"),
        _variant("linen-shirt", "LS-M-SAND", "49.00", "M", "Sand",
                 variant_compare_at_price="59.00", cost_per_item="18.50",
                 image_src=f"{CDN}/linen-shirt-2.jpg", image_position="2"),
        _variant("linen-shirt", "LS-L-SAND", "52.00", "L", "Sand",
                 variant_compare_at_price="62.00", cost_per_item="19.00"),
        _shopify(handle="linen-shirt", image_src=f"{CDN}/linen-shirt-3.jpg",
                 image_position="3", image_alt_text="Linen shirt, back"),
        _variant("ceramic-mug", "MUG-350", "18.00", "Default Title", title="Ceramic Mug",
                 body_html="<p>350 ml stoneware.</p>", vendor="Acme Home", type="Mugs",
                 product_category="Home & Garden > Kitchen & Dining > Tableware > Drinkware",
                 tags="kitchen", published="TRUE", option1_name="Title", gift_card="FALSE",
                 cost_per_item="4.20", image_src=f"{CDN}/ceramic-mug.jpg",
                 image_position="1", status="active"),
        _variant("canvas-tote", "TOTE-NAT", "25.00", "Natural", title="Canvas Tote",
                 body_html="<p>Heavy canvas.</p>", vendor="Acme Bags", type="Bags",
                 tags="bags", published="FALSE", option1_name="Color", gift_card="FALSE",
                 image_src=f"{CDN}/canvas-tote.jpg", image_position="1", status="draft"),
        _variant("canvas-tote", "TOTE-BLK", "25.00", "Black"),
    ]


def generic_catalog() -> list[list[str]]:
    """A shop back office's catalog: prices in EUR (header suffix), one row without price."""
    return [
        ["SKU", "Product name", "Description", "Price (EUR)", "Compare at price", "Category",
         "Image URL", "Material"],
        ["DR-01", "Linen dress", "Loose fit, midi length", "89.00", "109.00", "Dresses",
         "https://shop.example/img/dress.jpg", "linen"],
        ["SC-02", "Silk scarf", "Hand-rolled edges", "39.50", "", "Accessories",
         "https://shop.example/img/scarf.jpg", "silk"],
        ["BT-03", "Leather belt", "Vegetable tanned", "", "", "Accessories", "", "leather"],
    ]


def chinese_catalog() -> list[list[str]]:
    """A Chinese back office's catalog: column names in Chinese, a 币种 column saying CNY."""
    return [
        ["货号", "商品名称", "商品描述", "售价", "原价", "币种", "类目", "主图"],
        ["XZ-499", "轻跑运动鞋", "透气网面，轻量缓震", "499", "699", "CNY", "鞋靴",
         "https://img.example.cn/shoe.jpg"],
        ["BB-129", "帆布双肩包", "大容量，防泼水", "129", "", "CNY", "箱包",
         "https://img.example.cn/bag.jpg"],
    ]


META_HEADERS = [
    "Reporting starts", "Reporting ends", "Campaign name", "Ad set name", "Ad name", "Ad ID",
    "Day", "Ad delivery", "Results", "Result indicator", "Cost per results", "Ad set budget",
    "Ad set budget type", "Amount spent (USD)", "Impressions", "Reach", "Frequency",
    "CPM (cost per 1,000 impressions) (USD)", "Link clicks", "CTR (link click-through rate)",
    "Purchases", "Purchases conversion value", "3-second video plays", "ThruPlays", "Ends",
    "Attribution setting", "Bid", "Bid type", "Last significant edit", "Quality ranking",
    "Engagement rate ranking", "Conversion rate ranking", "Purchase ROAS (return on ad spend)",
]  # fmt: skip


def _meta(day: str, ad: str, ad_id: str, spend: str, impressions: str, **more: str
          ) -> list[str]:
    row = dict.fromkeys(META_HEADERS, "")
    row.update({"Reporting starts": "2026-11-01", "Reporting ends": "2026-11-03",
                "Campaign name": "Autumn sale", "Ad set name": "Broad 18-45", "Ad name": ad,
                "Ad ID": ad_id, "Day": day, "Ad delivery": "active",
                "Result indicator": "actions:offsite_conversion.fb_pixel_purchase",
                "Ad set budget": "Using campaign budget",
                "Ad set budget type": "Using campaign budget", "Amount spent (USD)": spend,
                "Impressions": impressions, "Ends": "Ongoing",
                "Attribution setting": "7-day click or 1-day view", "Bid": "Highest volume",
                "Bid type": "Lowest cost", "Quality ranking": "-",
                "Engagement rate ranking": "-", "Conversion rate ranking": "-", **more})
    return [row[h] for h in META_HEADERS]


def meta_ads() -> list[list[str]]:
    """Ads Manager, Ads tab, Breakdown by day: 2 ads over 3 days; the summary row first."""
    summary = dict.fromkeys(META_HEADERS, "")
    summary.update({"Reporting starts": "2026-11-01", "Reporting ends": "2026-11-03",
                    "Amount spent (USD)": "1,380.50", "Impressions": "265,000"})
    return [
        META_HEADERS,
        [summary[h] for h in META_HEADERS],
        _meta("2026-11-01", "Linen Shirt - showcase - LS7Q2K", "120208814500010", "410.00",
              "80,000", Results="12", Purchases="12", **{"Purchases conversion value":
                                                         "1,188.00"}),
        _meta("2026-11-02", "Linen Shirt - showcase - LS7Q2K", "120208814500010", "395.50",
              "76,000", Purchases="9"),
        _meta("2026-11-03", "Ceramic Mug - sale - MG4T8R", "120208814500011", "575.00",
              "109,000", Purchases="21"),
    ]


TIKTOK_HEADERS = [
    "Ad name", "Ad ID", "By Day", "Campaign name", "Ad group name", "Currency", "Cost",
    "Impressions", "Clicks (destination)", "CTR (destination)", "Conversions",
    "Complete payment", "Complete payment value", "Complete payment ROAS",
    "2-second video views", "6-second video views",
]  # fmt: skip


def tiktok_ads() -> list[list[str]]:
    """TikTok Ads Manager export by day: 3 ads, 2 days, a trailing Total row."""
    rows = [TIKTOK_HEADERS]
    data = [("Linen Shirt - showcase - LS7Q2K", "1790012345678901", "2026-11-01", "120.00"),
            ("Linen Shirt - showcase - LS7Q2K", "1790012345678901", "2026-11-02", "80.00"),
            ("Canvas Tote - ugc - TT2B9X", "1790012345678902", "2026-11-01", "64.50"),
            ("Ceramic Mug - sale - MG4T8R", "1790012345678903", "2026-11-02", "35.50")]
    for name, ad_id, day, cost in data:
        rows.append([name, ad_id, day, "Autumn", "Interest: home", "USD", cost, "20000",
                     "310", "1.55%", "9", "7", "455.00", "3.79", "6100", "2400"])
    rows.append(["Total of 4 results", "", "", "", "", "USD", "300.00", "80000", "1240",
                 "1.55%", "36", "28", "1820.00", "6.07", "24400", "9600"])
    return rows


ORDER_HEADERS = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
    "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total",
    "Discount Code", "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity",
    "Lineitem name", "Lineitem price", "Lineitem compare at price", "Lineitem sku",
    "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status",
    "Billing Name", "Id", "utm_source", "utm_medium", "utm_campaign", "utm_content",
]  # fmt: skip


def shop_orders() -> list[list[str]]:
    """A Shopify order export (one line item each) with a tracking app's UTM columns."""
    rows = [ORDER_HEADERS]
    data = [("#1001", "2026-11-01 10:12:00 +0000", "49.00", "Linen Shirt - M / Sand",
             "LS-M-SAND", "meta", "LS7Q2K"),
            ("#1002", "2026-11-01 18:40:00 +0000", "18.00", "Ceramic Mug", "MUG-350",
             "tiktok", "MG4T8R"),
            ("#1003", "2026-11-02 09:05:00 +0000", "52.00", "Linen Shirt - L / Sand",
             "LS-L-SAND", "meta", "LS7Q2K")]
    for number, (name, when, total, item, sku, source, code) in enumerate(data):
        rows.append([name, f"buyer{number}@example.com", "paid", when, "unfulfilled", "",
                     "no", "USD", total, "0.00", "0.00", total, "", "0.00", "Standard", when,
                     "1", item, total, "", sku, "true", "true", "pending", "A Buyer",
                     str(5523100000 + number), source, "paid", "autumn", code])
    return rows


EXPORTS = {"shopify_products": shopify_products, "catalog": generic_catalog,
           "chinese_catalog": chinese_catalog, "meta_ads": meta_ads, "tiktok_ads": tiktok_ads,
           "orders": shop_orders}


def excel_cell(value: str) -> object:
    """Numbers are numeric cells in a real XLSX export; long ids stay text."""
    plain = value.replace(",", "")
    if re.fullmatch(r"-?\d{1,15}", plain):
        return int(plain)
    if re.fullmatch(r"-?\d+\.\d+", plain):
        return float(plain)
    return value


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def write(path: Path, rows: list[list[str]], fmt: str = "csv") -> Path:
    """``fmt``: csv (UTF-8 with BOM), tsv (UTF-16 with tabs) or xlsx."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        for i, row in enumerate(rows):
            sheet.append(row if i == 0 else [excel_cell(c) for c in row])
        book.save(path)
        return path
    text = csv_text(rows, "\t" if fmt == "tsv" else ",")
    path.write_bytes(text.encode("utf-16" if fmt == "tsv" else "utf-8-sig"))
    return path


def export_file(folder: Path, kind: str, fmt: str = "csv", name: str | None = None) -> Path:
    """The export of ``kind`` (a key of :data:`EXPORTS`) written into ``folder``."""
    suffix = {"csv": "csv", "tsv": "txt", "xlsx": "xlsx"}[fmt]
    return write(folder / (name or f"{kind}.{suffix}"), EXPORTS[kind](), fmt)
