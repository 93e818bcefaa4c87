"""Shopify catalogs: the product CSV export and the Admin API (GraphQL ``products`` query).

In the CSV export one product spans several rows sharing ``Handle``: the first carries the
product fields, the following ones add a variant and/or an image with product fields blank.
Old exports have no ``Status`` column (only ``Published``); new ones have both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from studio import hookimpl

if TYPE_CHECKING:  # httpx is loaded when a source is called, not when plugins are listed
    import httpx
from studio.contracts import FetchedRow, FetchQuery, PluginError, RejectedRow, SyncResult
from studio.ingest import HeaderMap, IngestError, parse_decimal, read_table
from studio.ingest.prices import currency_code, read_price
from studio.product import ProductData, ProductVariant

API_VERSION = "2025-01"
PAGE_SIZE = 50
PRODUCTS_QUERY = """
query Products($first: Int!, $after: String) {
  shop { currencyCode }
  products(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id handle title descriptionHtml vendor productType status tags
      category { fullName }
      images(first: 20) { nodes { url altText } }
      variants(first: 100) {
        nodes {
          sku title price compareAtPrice
          selectedOptions { name value }
          image { url }
          inventoryItem { unitCost { amount currencyCode } }
        }
      }
    }
  }
}
"""


class ShopifyCatalog:
    name = "shopify"
    version = "1.0"
    kinds = ("products",)

    def __init__(self) -> None:
        self.currency = "USD"
        self.shop_url: str | None = None
        self.access_token: str | None = None
        self.api_version = API_VERSION
        self.include_drafts = False

    def connect(self, config: Mapping[str, Any]) -> None:
        # the store's currency (Settings → Store details → Store currency): a product export
        # does not say it, so every price in the file is read in it
        given = str(config.get("currency") or "USD").strip()
        code = currency_code(given)
        if code is None:
            raise PluginError(
                f"shopify: currency {given!r} is not a currency code; give the store's "
                "currency as shown in Shopify (Settings → Store details), e.g. USD, EUR or CNY"
            )
        self.currency = code
        self.include_drafts = bool(config.get("include_drafts", False))
        shop = config.get("shop_url") or config.get("shop")
        if shop:
            shop = str(shop).rstrip("/")
            self.shop_url = shop if "://" in shop else f"https://{shop}"
        self.access_token = config.get("access_token")
        self.api_version = str(config.get("api_version") or API_VERSION)

    def fetch(self, query: FetchQuery) -> Iterator[FetchedRow]:
        if query.kind != "products":
            raise PluginError(f"the shopify source reads products, not {query.kind}")
        include_drafts = bool(query.options.get("include_drafts", self.include_drafts))
        if query.path is not None:
            try:
                table = read_table(query.path)
            except IngestError as exc:
                raise PluginError(str(exc)) from None
            yield from parse_product_csv(
                table.headers, table.rows, self.currency, include_drafts, file=table.source
            )
        else:
            yield from self._fetch_api(include_drafts)

    def sync(self, data: Iterable[Any]) -> SyncResult:
        raise PluginError("the shopify source is read-only in the studio")

    # --- Admin API -------------------------------------------------------------------------

    def _fetch_api(self, include_drafts: bool) -> Iterator[FetchedRow]:
        import httpx

        if not self.shop_url or not self.access_token:
            raise PluginError(
                "shopify: set shop_url (my-shop.myshopify.com) and access_token "
                "(Admin API access token from a custom app) or import a product CSV export"
            )
        url = f"{self.shop_url}/admin/api/{self.api_version}/graphql.json"
        headers = {"X-Shopify-Access-Token": self.access_token}
        after: str | None = None
        index = 0
        with httpx.Client(timeout=httpx.Timeout(30.0, connect=10.0)) as client:
            while True:
                body = {"query": PRODUCTS_QUERY, "variables": {"first": PAGE_SIZE, "after": after}}
                data = _graphql(client, url, headers, body)
                currency = (data.get("shop") or {}).get("currencyCode") or self.currency
                products = data["products"]
                for node in products["nodes"]:
                    index += 1
                    yield _api_product(node, currency, include_drafts, index)
                info = products["pageInfo"]
                if not info["hasNextPage"]:
                    return
                after = info["endCursor"]


def _graphql(
    client: httpx.Client, url: str, headers: dict[str, str], body: dict[str, Any]
) -> dict[str, Any]:
    import httpx

    try:
        response = client.post(url, json=body, headers=headers)
    except httpx.HTTPError as exc:
        raise PluginError(f"shopify: cannot reach {url}: {exc}", transient=True) from None
    if response.status_code in (401, 403):
        raise PluginError(
            f"shopify: HTTP {response.status_code}; the access token is wrong or lacks "
            "the read_products scope"
        )
    if response.status_code == 429 or response.status_code >= 500:
        raise PluginError(f"shopify: HTTP {response.status_code}, try again", transient=True)
    if response.status_code != 200:
        raise PluginError(f"shopify: HTTP {response.status_code}: {response.text[:300]}")
    payload = response.json()
    errors = payload.get("errors")
    if errors:
        throttled = any((e.get("extensions") or {}).get("code") == "THROTTLED" for e in errors)
        message = "; ".join(str(e.get("message")) for e in errors)
        raise PluginError(f"shopify: {message}", transient=throttled)
    return payload["data"]


def _api_product(
    node: dict[str, Any], currency: str, include_drafts: bool, index: int
) -> FetchedRow:
    status = str(node.get("status") or "ACTIVE").lower()
    raw = {"id": node.get("id"), "handle": node.get("handle"), "status": status}
    if status != "active" and not include_drafts:
        return RejectedRow(
            row_number=index,
            reason=f"product {node.get('handle')!r} is {status} in the shop; left out "
            "(drafts were not included)",
            raw={**raw, "skipped": "draft"},
        )
    variants = []
    notes = []
    for v in node["variants"]["nodes"]:
        options = {o["name"]: o["value"] for o in v.get("selectedOptions") or []}
        default = options == {"Title": "Default Title"}
        unit = (v.get("inventoryItem") or {}).get("unitCost") or {}
        cost = parse_decimal(unit.get("amount"), field="unit cost")
        if cost is not None and (unit.get("currencyCode") or currency) != currency:
            # never used as if it were in the store's currency: margin stays unknown instead
            notes.append(f"variant {v.get('sku') or v.get('title')!r}: unit cost is in "
                         f"{unit['currencyCode']}, prices in {currency}; cost left out")
            cost = None
        variants.append(
            ProductVariant(
                sku=v.get("sku") or None,
                title=None if default else v.get("title"),
                options={} if default else options,
                price=parse_decimal(v.get("price"), field="price"),
                compare_at_price=parse_decimal(v.get("compareAtPrice"), field="compare at price"),
                cost=cost,
                image=(v.get("image") or {}).get("url"),
            )
        )
    costed = next((v for v in variants if v.cost is not None), None)
    try:
        return ProductData(
            title=node["title"],
            description=node.get("descriptionHtml") or "",
            price=variants[0].price if variants else None,
            compare_at_price=variants[0].compare_at_price if variants else None,
            cost=costed.cost if costed else None,
            currency=currency,
            category=(node.get("category") or {}).get("fullName") or node.get("productType") or "",
            images=[i["url"] for i in node["images"]["nodes"]],
            variants=[] if len(variants) == 1 and not variants[0].options else variants,
            external_id=node.get("handle"),
            source="shopify",
            attributes={"vendor": node.get("vendor"), "tags": node.get("tags"), "status": status,
                        **({"cost_notes": notes} if notes else {})},
        )
    except ValidationError as exc:
        return RejectedRow(
            row_number=index, reason=f"product {node.get('handle')!r}: {exc}", raw=raw
        )


# --- CSV export ----------------------------------------------------------------------------


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes")


def parse_product_csv(
    headers: list[str],
    rows: list[tuple[int, dict[str, Any]]],
    currency: str,
    include_drafts: bool,
    *,
    file: str,
) -> Iterator[FetchedRow]:
    h = HeaderMap(headers)
    handle_col = h.find("Handle", "URL handle")
    if handle_col is None:
        raise PluginError(
            f"{file}: no Handle column; this is not a Shopify product export "
            "(use --source csv with a column mapping for other files)"
        )
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for number, row in rows:
        handle = str(row.get(handle_col) or "").strip()
        if not handle:
            yield RejectedRow(
                row_number=number,
                reason=f"{file} row {number}: Handle is empty; every row must name its product",
                raw=row,
            )
            continue
        groups.setdefault(handle, []).append((number, row))
    for handle, group in groups.items():
        yield _csv_product(h, handle, group, currency, include_drafts, file)


def _csv_product(
    h: HeaderMap,
    handle: str,
    group: list[tuple[int, dict[str, Any]]],
    currency: str,
    include_drafts: bool,
    file: str,
) -> FetchedRow:
    def get(row: dict[str, Any], *names: str) -> str:
        col = h.find(*names)
        value = row.get(col) if col else None
        return "" if value is None else str(value).strip()

    first_number, first = group[0]
    rows_text = ", ".join(str(n) for n, _ in group)
    raw = {"handle": handle, "rows": rows_text}
    if not get(first, "Title"):
        return RejectedRow(
            row_number=first_number,
            reason=f"{file} row {first_number}: product {handle!r} has no Title on its first row",
            raw=first,
        )
    status = get(first, "Status").lower() or (
        "active" if _truthy(get(first, "Published") or "true") else "draft"
    )
    if status != "active" and not include_drafts:
        # left out as the seller chose (``skipped``), not an error in the file
        return RejectedRow(
            row_number=first_number,
            reason=f"{file} rows {rows_text}: product {handle!r} is {status} or unpublished "
            "in the shop; left out (drafts were not included)",
            raw={**raw, "skipped": "draft"},
        )
    option_names = [get(first, f"Option{i} Name") for i in (1, 2, 3)]
    variants: list[ProductVariant] = []
    images: list[tuple[int, str]] = []
    cost = None

    def money(row: dict[str, Any], number: int, header: str) -> Decimal | None:
        # the export has no currency of its own: the store's currency is the file's
        try:
            amount, _ = read_price(get(row, header), column=header, currency=currency,
                                   firm=True, said_by="the store's currency setting")
        except ValueError as exc:
            raise ValueError(f"row {number}, {exc}") from None
        return amount

    try:
        for number, row in group:
            src = get(row, "Image Src")
            if src:
                position = get(row, "Image Position")
                images.append((int(position) if position.isdigit() else 10_000 + number, src))
            values = [get(row, f"Option{i} Value") for i in (1, 2, 3)]
            price = money(row, number, "Variant Price")
            if not (any(values) or get(row, "Variant SKU") or price is not None):
                continue  # an image-only row
            options = {n: v for n, v in zip(option_names, values, strict=True) if n and v}
            default = options == {"Title": "Default Title"}
            row_cost = money(row, number, "Cost per item")
            cost = cost if cost is not None else row_cost
            variants.append(
                ProductVariant(
                    sku=get(row, "Variant SKU") or None,
                    title=None if default else " / ".join(v for v in values if v) or None,
                    options={} if default else options,
                    price=price,
                    compare_at_price=money(row, number, "Variant Compare At Price"),
                    cost=row_cost,
                    image=get(row, "Variant Image") or None,
                )
            )
        priced = [v for v in variants if v.price is not None]
        if not priced:
            raise ValueError("no variant has a Variant Price; fill one in")
        product = ProductData(
            title=get(first, "Title"),
            description=get(first, "Body (HTML)", "Description"),
            price=priced[0].price,
            compare_at_price=priced[0].compare_at_price,
            cost=cost,
            currency=currency,
            category=get(first, "Product Category", "Google Shopping / Google Product Category")
            or get(first, "Type", "Product Type"),
            images=[src for _, src in sorted(images)],
            variants=[] if len(variants) == 1 and not variants[0].options else variants,
            external_id=handle,
            source="shopify",
            attributes={
                k: v
                for k, v in {
                    "vendor": get(first, "Vendor"),
                    "tags": get(first, "Tags"),
                    "type": get(first, "Type"),
                    "status": status,
                    "seo_title": get(first, "SEO Title"),
                }.items()
                if v
            },
        )
    except (ValueError, ValidationError) as exc:
        return RejectedRow(
            row_number=first_number,
            reason=f"{file} rows {rows_text}: product {handle!r}: {exc}",
            raw=raw,
        )
    return product


@hookimpl
def register_data_sources(register: Any) -> None:
    register(ShopifyCatalog())
