"""Products: the catalog in the caller's workspace, and imports from a file or a store."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, File, Form, Path, Query, Response, UploadFile
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse

from api.deps import ApiSettingsDep, IdPath, ScopeDep, SettingsDep
from api.pagination import PageDep
from api.uploads import saved_upload
from studio.config import Settings
from studio.errors import NotFound
from studio.product_media import SAMPLES
from studio.schemas.ads import ImportJobPublic
from studio.schemas.products import (
    DuplicateGroups,
    ProductCreate,
    ProductImportResult,
    ProductImportSource,
    ProductMerge,
    ProductMergeResult,
    ProductPublic,
    ProductsPublic,
    ProductUpdate,
)
from studio.services import catalog, catalog_admin, import_jobs

router = APIRouter(prefix="/products", tags=["products"])


@router.get("", response_model=ProductsPublic, operation_id="list_products")
def list_products(
    scope: ScopeDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Text in the title.")] = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
) -> ProductsPublic:
    return catalog.list_products(scope, q=q, category=category, limit=page.limit,
                                 offset=page.offset)


@router.post("", response_model=ProductPublic, status_code=201, operation_id="create_product")
def create_product(body: ProductCreate, scope: ScopeDep, response: Response) -> ProductPublic:
    product = catalog.create_product(scope, body)
    response.headers["Location"] = f"/api/v1/products/{product.id}"
    return ProductPublic.model_validate(product)


@router.get("/duplicates", response_model=DuplicateGroups, operation_id="list_duplicate_products")
def list_duplicate_products(scope: ScopeDep) -> DuplicateGroups:
    """Products sharing a title (ignoring case): likely duplicates to merge."""
    return catalog_admin.find_duplicates(scope)


@router.post("/{product_id:int}/merge", response_model=ProductMergeResult,
             operation_id="merge_products")
def merge_products(product_id: IdPath, body: ProductMerge, scope: ScopeDep
                   ) -> ProductMergeResult:
    """Fold duplicates into this product: their videos now belong to it (the videos do not
    change), details it lacks are taken from them, and they are removed."""
    return catalog_admin.merge_products(scope, product_id, body.duplicates)


@router.get("/{product_id:int}", response_model=ProductPublic, operation_id="get_product")
def get_product(product_id: IdPath, scope: ScopeDep) -> ProductPublic:
    return ProductPublic.model_validate(catalog.get_product(scope, product_id))


IMAGE_TYPES = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
    ".gif": "image/gif", ".avif": "image/avif", ".bmp": "image/bmp",
}
ImageIndex = Annotated[int, Path(ge=0, le=999, description="Position in the product's images.")]


def _image_missing(product_id: int, index: int, why: str) -> NotFound:
    return NotFound("image", product_id, code="product.image_missing", index=index, why=why)


def _local_image(ref: str, workspace_id: int, settings: Settings) -> FilePath | None:
    """The file behind a stored image path, or None when it is not one we may serve.

    Only files inside the media root (or the bundled samples) are served: a product's image
    list is caller-supplied text, and the route must not become a way to read the server's
    other files. ``..`` is refused before resolving; resolving then catches symlinks out.
    """
    if "\x00" in ref:
        return None
    path = FilePath(ref).expanduser() if ref.startswith("~") else FilePath(ref)
    if ".." in path.parts or IMAGE_TYPES.get(path.suffix.lower()) is None:
        return None
    media = FilePath(settings.media_root).resolve()
    candidates = [path] if path.is_absolute() else [media / path, SAMPLES / path]
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
    "/{product_id:int}/images/{index}", response_class=Response, status_code=200,
    operation_id="get_product_image",
    responses={200: {"content": {"image/*": {"schema": {"type": "string", "format": "binary"}}},
                     "description": "The photo."},
               307: {"description": "The photo is on the web: follow Location."}},
)
def product_image(
    product_id: IdPath, index: ImageIndex, scope: ScopeDep, settings: SettingsDep
) -> Response:
    """A product photo: the file when it is stored on this server, a redirect for web links."""
    product = catalog.get_product(scope, product_id)
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


@router.patch("/{product_id:int}", response_model=ProductPublic, operation_id="update_product")
def update_product(product_id: IdPath, body: ProductUpdate, scope: ScopeDep) -> ProductPublic:
    return ProductPublic.model_validate(catalog.update_product(scope, product_id, body))


@router.delete("/{product_id:int}", status_code=204, operation_id="delete_product")
def delete_product(product_id: IdPath, scope: ScopeDep) -> Response:
    """Delete a product; its videos stay (they keep their own copy of what they showed)."""
    catalog.delete_product(scope, product_id)
    return Response(status_code=204)


@router.post(
    "/import", response_model=ProductImportResult, status_code=201,
    operation_id="import_products",
    responses={202: {"model": ImportJobPublic,
                     "description": "A big file: imported by a worker; follow `status_url`."}},
)
def import_products_file(
    scope: ScopeDep,
    settings: SettingsDep,
    api: ApiSettingsDep,
    file: Annotated[UploadFile, File(description="A catalog export: CSV, XLSX, Shopify CSV.")],
    source: Annotated[str, Form(max_length=100, description="Data source: csv, shopify…; "
                                "POST /imports detects the file's kind instead")] = "csv",
    currency: Annotated[str, Form(pattern=r"^[A-Za-z]{3}$")] = "USD",
) -> ProductImportResult | JSONResponse:
    """Import products from a file; importing again updates them. Rejected rows say why.
    A file over 8 MB is imported by a worker: the answer is then 202 with a status URL."""
    # an uploaded catalog's photos can only be files already on the server: the media
    # library, or the bundled sample photos the demo catalog names
    config = {"currency": currency.upper(), "image_dirs": [str(settings.media_root),
                                                           str(SAMPLES)]}
    with saved_upload(file) as upload:
        if upload.path.stat().st_size > api.inline_import_bytes:
            job = import_jobs.ask_for_import(scope, what="catalog", source=source,
                                             config=config, file=upload)
            return _accepted(import_jobs.import_public(job))
        return catalog.import_catalog(scope, source=source, config=config, file=upload)


def _accepted(public: ImportJobPublic) -> JSONResponse:
    return JSONResponse(public.model_dump(mode="json"), status_code=202,
                        headers={"Location": public.status_url})


@router.post("/import-source", response_model=ProductImportResult, status_code=201,
             operation_id="import_products_from_source")
def import_products_source(body: ProductImportSource, scope: ScopeDep) -> ProductImportResult:
    """Import products from a configured source (e.g. Shopify Admin API, Google Sheets)."""
    return catalog.import_catalog(scope, source=body.source, config=body.config)
