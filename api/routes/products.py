"""Products: CRUD in the caller's workspace, and imports from a file or a configured source."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, Response, UploadFile
from fastapi.responses import FileResponse, RedirectResponse

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
from studio.config import Settings
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


# The demo catalog's photos ship with the code (media/samples), which is not always under the
# configured media root; they are public sample pictures, so serving them leaks nothing.
SAMPLES = FilePath(__file__).resolve().parents[2] / "media" / "samples"
IMAGE_TYPES = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
    ".gif": "image/gif", ".avif": "image/avif", ".bmp": "image/bmp",
}
ImageIndex = Annotated[int, Path(ge=0, le=999, description="Position in the product's images.")]


def _image_missing(product_id: int, index: int, why: str) -> Problem:
    return Problem(404, f"image {index} of product {product_id} {why}", slug="not-found")


def _local_image(ref: str, workspace_id: int, settings: Settings) -> FilePath | None:
    """The file behind a stored image path, or None when it is not one we may serve.

    Only files inside the media root (or the bundled samples) are served: a product's image
    list is caller-supplied text, and the route must not become a way to read the server's
    other files. ``..`` is refused before resolving; resolving then catches symlinks out.
    """
    path = FilePath(ref).expanduser() if ref.startswith("~") else FilePath(ref)
    if ".." in path.parts or IMAGE_TYPES.get(path.suffix.lower()) is None:
        return None
    media = FilePath(settings.media_root).resolve()
    if path.is_absolute():
        candidates = [path]
    else:  # the samples catalog stores paths relative to its own folder
        candidates = [media / path, SAMPLES / path]
    for candidate in candidates:
        found = candidate.resolve()
        if found.is_relative_to(media):
            inside = found.relative_to(media).parts
            # rendered posters live in media/videos/<workspace>/: never another workspace's
            if inside[:1] == ("videos",) and inside[1:2] != (str(workspace_id),):
                continue
        elif not found.is_relative_to(SAMPLES.resolve()):
            continue
        if found.is_file():
            return found
    return None


@router.get(
    "/{product_id}/images/{index}", response_class=Response, status_code=200,
    responses={200: {"content": {"image/*": {"schema": {"type": "string", "format": "binary"}}},
                     "description": "The photo."},
               307: {"description": "The photo is on the web: follow Location."}},
)
def product_image(
    product_id: IdPath, index: ImageIndex, scope: ScopeDep, settings: SettingsDep
) -> Response:
    """A product photo: the file when it is stored on this server, a redirect for web links."""
    product = _product(scope, product_id)
    images = [str(i) for i in product.images or []]
    if index >= len(images):
        raise _image_missing(product_id, index, f"does not exist; it has {len(images)}")
    ref = images[index].strip()
    if ref.startswith(("http://", "https://")):
        return RedirectResponse(ref, status_code=307)
    found = _local_image(ref, scope.workspace_id, settings)
    if found is None:
        raise _image_missing(
            product_id, index, "is not a photo file inside the media folder; "
            "upload it there or use an http(s) link")
    return FileResponse(found, media_type=IMAGE_TYPES[found.suffix.lower()],
                        headers={"Cache-Control": "private, max-age=300"})


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
            source=source, path=path,
            # an uploaded catalog's photos can only be files already on the server: the media
            # library, or the bundled sample photos the demo catalog names
            config={"currency": currency.upper(), "image_dirs": [settings.media_root, SAMPLES]},
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
