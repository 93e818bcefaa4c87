"""A local fake of the Shopify Admin GraphQL endpoint: products with cursor pagination.

Speaks ``POST /admin/api/{version}/graphql.json`` with ``X-Shopify-Access-Token``; answers the
``products(first:, after:)`` connection shape the plugin's query asks for.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "shpat_test_token"


class FakeShopify:
    def __init__(self, products: list[dict[str, Any]], currency: str = "USD") -> None:
        self.products = products
        self.currency = currency
        self.requests: list[dict[str, Any]] = []
        self.throttle_next = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"path": self.path, "body": body})
                if not self.path.startswith("/admin/api/") or not self.path.endswith(
                    "/graphql.json"
                ):
                    return self._send(404, {"errors": "Not Found"})
                if self.headers.get("X-Shopify-Access-Token") != TOKEN:
                    return self._send(401, {"errors": "[API] Invalid API key or access token"})
                if fake.throttle_next:
                    fake.throttle_next = False
                    return self._send(
                        200,
                        {"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}]},
                    )
                variables = body.get("variables") or {}
                first = int(variables.get("first") or 10)
                start = int(variables["after"].split(":")[1]) if variables.get("after") else 0
                page = fake.products[start : start + first]
                end = start + len(page)
                self._send(
                    200,
                    {
                        "data": {
                            "shop": {"currencyCode": fake.currency},
                            "products": {
                                "pageInfo": {
                                    "hasNextPage": end < len(fake.products),
                                    "endCursor": f"cursor:{end}" if page else None,
                                },
                                "nodes": page,
                            },
                        },
                        "extensions": {"cost": {"requestedQueryCost": 52}},
                    },
                )

            def _send(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeShopify:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def product_node(i: int, *, status: str = "ACTIVE", variants: int = 1) -> dict[str, Any]:
    """A product node shaped like the Admin API's answer to the plugin's query."""
    nodes = []
    for v in range(variants):
        options = (
            [{"name": "Title", "value": "Default Title"}]
            if variants == 1
            else [{"name": "Size", "value": ["S", "M", "L", "XL"][v]}]
        )
        nodes.append(
            {
                "sku": f"SKU-{i}-{v}",
                "title": "Default Title" if variants == 1 else options[0]["value"],
                "price": f"{19 + i}.99",
                "compareAtPrice": None,
                "selectedOptions": options,
                "image": None,
                "inventoryItem": {"unitCost": {"amount": "7.5", "currencyCode": "USD"}},
            }
        )
    return {
        "id": f"gid://shopify/Product/{1000 + i}",
        "handle": f"product-{i}",
        "title": f"Product {i}",
        "descriptionHtml": f"<p>Product {i}</p>",
        "vendor": "Acme",
        "productType": "Mugs",
        "status": status,
        "tags": ["gift"],
        "category": {"fullName": "Home & Garden > Kitchen & Dining > Drinkware > Mugs"},
        "images": {"nodes": [{"url": f"https://cdn.shopify.com/p{i}.jpg", "altText": None}]},
        "variants": {"nodes": nodes},
    }
