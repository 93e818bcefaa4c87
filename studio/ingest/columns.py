"""The column names the studio recognises in a generic catalog or a shop's order export, and
how a file's columns are matched to fields (a seller's own choice first).

Shared by the csv and Google Sheets sources (which read the rows) and by the import box's
detection (which shows the seller, before importing, which column it will read for what).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from studio.ingest.headers import HeaderMap

# product field → column names tried when the seller gave no mapping
CATALOG_COLUMNS: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "product id", "sku", "handle", "商品id", "货号"),
    "title": ("title", "name", "product name", "product title", "商品名称", "标题"),
    "description": ("description", "body", "body (html)", "details", "描述", "商品描述"),
    "price": ("price", "sale price", "variant price", "售价", "价格"),
    "compare_at_price": ("compare at price", "compare_at_price", "original price", "原价"),
    "cost": ("cost", "cost per item", "unit cost", "成本"),
    "currency": ("currency", "币种"),
    "category": ("category", "product category", "type", "product type", "类目", "分类"),
    "images": ("images", "image", "image url", "image urls", "image src", "图片", "主图"),
}
CATALOG_REQUIRED = ("title", "price")

# Shopify's order export uses Name / Created at / Total / Currency; UTM columns come from
# an app or a custom report
ORDER_COLUMNS: dict[str, tuple[str, ...]] = {
    "order_id": ("order id", "order", "name", "id", "订单号"),
    "date": ("created at", "date", "order date", "paid at", "下单时间"),
    "revenue": ("total", "revenue", "order total", "subtotal", "金额"),
    "currency": ("currency", "币种"),
    "utm_content": ("utm_content", "utm content"),
    "utm_campaign": ("utm_campaign", "utm campaign"),
    "utm_source": ("utm_source", "utm source"),
    "utm_medium": ("utm_medium", "utm medium"),
    # Shopify's order export names the line item's variant by "Lineitem sku"
    "sku": ("lineitem sku", "variant sku", "sku", "商品编码"),
}
ORDER_REQUIRED = ("order_id", "date", "revenue")


def match_columns(
    headers: Iterable[str] | HeaderMap,
    known: Mapping[str, tuple[str, ...]],
    mapping: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], dict[str, str]]:
    """``(field → the file's header, field → a mapped column the file lacks)``.

    A field the seller mapped is read from that column only; the others from the first of
    their known names present. A column serves one field: the first field to claim it.
    """
    found = headers if isinstance(headers, HeaderMap) else HeaderMap(headers)
    mapping = mapping or {}
    columns: dict[str, str] = {}
    missing: dict[str, str] = {}
    for field, wanted in mapping.items():
        if field not in known or not wanted:
            continue
        header = found.find(wanted)
        if header is None:
            missing[field] = wanted
        else:
            columns[field] = header
    taken = set(columns.values())
    for field, names in known.items():
        if field in columns or field in missing or field in mapping:
            continue
        header = found.find(*names)
        if header is not None and header not in taken:
            columns[field] = header
            taken.add(header)
    return {f: columns[f] for f in known if f in columns}, missing
