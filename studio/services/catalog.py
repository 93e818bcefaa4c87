"""The catalog: products a seller renders videos from — list, read, create, change, delete,
and import from a file or a connected store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.contracts import FetchQuery
from studio.db import Product, Scope
from studio.errors import InvalidInput, NotFound
from studio.ingest.catalog_store import store_products
from studio.schemas.products import (
    ProductCreate,
    ProductImportResult,
    ProductPublic,
    ProductsPublic,
    ProductUpdate,
)
from studio.services.sources import connected_source, fetch_rows

# what "nothing" is for a field a PATCH may not set to null
_EMPTY = {"images": "[]", "variants": "[]", "attributes": "{}", "description": '""',
          "category": '""'}
_REQUIRED = ("title", "price", "currency")


def get_product(scope: Scope, product_id: int) -> Product:
    product = scope.get(Product, product_id)
    if product is None:
        raise NotFound("product", product_id)
    return product


def list_products(scope: Scope, *, q: str | None = None, category: str | None = None,
                  limit: int = 50, offset: int = 0) -> ProductsPublic:
    filters: list[Any] = []
    if q:
        filters.append(Product.title.contains(q, autoescape=True))
    if category:
        filters.append(Product.category == category)
    rows = scope.list(Product, *filters, order_by=Product.id.desc(), limit=limit,
                      offset=offset)
    return ProductsPublic(data=[ProductPublic.model_validate(p) for p in rows],
                          count=scope.count(Product, *filters))


def create_product(scope: Scope, body: ProductCreate) -> Product:
    data = body.model_dump(mode="python")
    data["variants"] = [v.model_dump(mode="json") for v in body.variants]
    product = scope.add(Product(**data))
    scope.session.flush()
    return product


def update_product(scope: Scope, product_id: int, body: ProductUpdate) -> Product:
    """Only the fields sent change; a field that cannot be empty refuses null, naming it."""
    product = get_product(scope, product_id)
    for name in body.model_fields_set:
        value = getattr(body, name)
        if value is None and name in _REQUIRED:
            raise InvalidInput("product.required", field=name, name=name)
        if value is None:
            raise InvalidInput("product.not_null", field=name, name=name,
                               empty=_EMPTY.get(name, '""'))
        if name == "variants":
            value = [v.model_dump(mode="json") for v in body.variants or []]
        if name == "currency":
            value = value.upper()
        setattr(product, name, value)
    scope.session.flush()
    return product


def delete_product(scope: Scope, product_id: int) -> None:
    """Its videos stay (they keep their own copy of what they showed)."""
    scope.delete(get_product(scope, product_id))


@dataclass(frozen=True)
class CatalogFile:
    """A catalog on this machine: the path the studio reads, the name the seller gave it."""

    path: Path
    name: str


def import_catalog(scope: Scope, *, source: str, config: Mapping[str, Any],
                   file: CatalogFile | None = None,
                   fetch_images: bool = False) -> ProductImportResult:
    """Import products from a file or a connected store; importing again updates them."""
    plugin = connected_source(source, "products", config)
    rows = fetch_rows(plugin, FetchQuery(kind="products", path=file.path if file else None),
                      file_name=file.name if file else None)
    result = store_products(scope.session, scope.workspace_id, rows, source=source,
                            fetch_images=fetch_images)
    from studio.services.autopilot import products_arrived  # issue 19: new products → videos

    products_arrived(scope, result.product_ids, source=source)
    # drafts the seller chose to leave out are not errors in the file: counted apart
    rejected = [r for r in result.rejected if r.raw.get("skipped") != "draft"]
    return ProductImportResult(
        source=source, stored=result.stored, product_ids=result.product_ids,
        rejected=[r.model_dump(mode="json") for r in rejected],
        warnings=list(result.warnings), skipped_drafts=len(result.rejected) - len(rejected),
    )
