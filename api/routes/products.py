"""Products: CRUD in the caller's workspace, and imports from a file or a configured source."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Response, UploadFile

from api.deps import CurrentWorkspace, IdPath, ScopeDep, SessionDep, SettingsDep
from api.errors import Problem, not_found
from api.imports import import_products, saved_upload
from api.schemas.common import PageDep
from api.schemas.products import (
    ProductCreate,
    ProductImportResult,
    ProductImportSource,
    ProductPublic,
    ProductsPublic,
    ProductUpdate,
)
from studio.db import Product, Scope

router = APIRouter(prefix="/products", tags=["products"])


@router.get("", response_model=ProductsPublic)
def list_products(
    scope: ScopeDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Text in the title.")] = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
) -> ProductsPublic:
    filters = []
    if q:
        filters.append(Product.title.contains(q, autoescape=True))
    if category:
        filters.append(Product.category == category)
    rows = scope.list(
        Product, *filters, order_by=Product.id.desc(), limit=page.limit, offset=page.offset
    )
    return ProductsPublic(
        data=[ProductPublic.model_validate(p) for p in rows], count=scope.count(Product, *filters)
    )


@router.post("", response_model=ProductPublic, status_code=201)
def create_product(body: ProductCreate, scope: ScopeDep, response: Response) -> ProductPublic:
    data = body.model_dump(mode="python")
    data["variants"] = [v.model_dump(mode="json") for v in body.variants]
    product = scope.add(Product(**data))
    scope.session.flush()
    response.headers["Location"] = f"/api/v1/products/{product.id}"
    return ProductPublic.model_validate(product)


def _product(scope: Scope, product_id: int) -> Product:
    product = scope.get(Product, product_id)
    if product is None:
        raise not_found("Product", product_id)
    return product


@router.get("/{product_id}", response_model=ProductPublic)
def get_product(product_id: IdPath, scope: ScopeDep) -> ProductPublic:
    return ProductPublic.model_validate(_product(scope, product_id))


@router.patch("/{product_id}", response_model=ProductPublic)
def update_product(product_id: IdPath, body: ProductUpdate, scope: ScopeDep) -> ProductPublic:
    product = _product(scope, product_id)
    changes = body.model_dump(exclude_unset=True, mode="python")
    for name, value in changes.items():
        if value is None and name in ("title", "price", "currency"):
            raise Problem(422, f"{name} cannot be emptied; send a value", field=f"body.{name}")
        if name == "variants":
            value = [v.model_dump(mode="json") for v in body.variants or []]
        if name == "currency":
            value = value.upper()
        setattr(product, name, value)
    scope.session.flush()
    return ProductPublic.model_validate(product)


@router.delete("/{product_id}", status_code=204)
def delete_product(product_id: IdPath, scope: ScopeDep) -> Response:
    """Delete a product; its videos stay (they keep their own copy of what they showed)."""
    scope.delete(_product(scope, product_id))
    return Response(status_code=204)


def _import_result(source: str, result: Any) -> ProductImportResult:
    return ProductImportResult(
        source=source,
        stored=result.stored,
        rejected=[r.model_dump(mode="json") for r in result.rejected],
        warnings=list(result.warnings),
    )


@router.post("/import", response_model=ProductImportResult, status_code=201)
def import_products_file(
    caller: CurrentWorkspace,
    session: SessionDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="A catalog export: CSV, XLSX, Shopify CSV.")],
    source: Annotated[str, Form(max_length=100, description="Data source: csv, shopify…")] = "csv",
    currency: Annotated[str, Form(pattern=r"^[A-Za-z]{3}$")] = "USD",
) -> ProductImportResult:
    """Import products from a file; re-importing updates them. Rejected rows say why."""
    session.commit()  # release the request's write lock: the store commits on its own
    with saved_upload(file) as path:
        result = import_products(
            workspace_id=caller.workspace_id, database_url=settings.resolved_database_url(),
            source=source, config={"currency": currency.upper()}, path=path,
        )
    return _import_result(source, result)


@router.post("/import-source", response_model=ProductImportResult, status_code=201)
def import_products_source(
    body: ProductImportSource, caller: CurrentWorkspace, session: SessionDep,
    settings: SettingsDep,
) -> ProductImportResult:
    """Import products from a configured source (e.g. Shopify Admin API, Google Sheets)."""
    session.commit()  # release the request's write lock: the store commits on its own
    result = import_products(
        workspace_id=caller.workspace_id, database_url=settings.resolved_database_url(),
        source=body.source, config=body.config, path=None,
    )
    return _import_result(body.source, result)
