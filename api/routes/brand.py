"""The workspace's brand kit: logo, colours, font, call to action, language, store currency."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Response, UploadFile

from api.deps import ScopeDep
from api.files import serve_stored
from studio.schemas.branding import BrandKitPublic, BrandKitUpdate
from studio.services import brand

router = APIRouter(prefix="/brand-kit", tags=["brand kit"])
PNG = {"content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
       "description": "The logo (PNG)."}


@router.get("", response_model=BrandKitPublic, operation_id="get_brand_kit")
def get_brand_kit(scope: ScopeDep) -> BrandKitPublic:
    """What every video wears unless a template (or saved template) says otherwise."""
    return brand.brand_kit(scope)


@router.patch("", response_model=BrandKitPublic, operation_id="update_brand_kit")
def update_brand_kit(body: BrandKitUpdate, scope: ScopeDep) -> BrandKitPublic:
    """Change what you send (`null` clears it). The next videos wear it; videos already made
    keep theirs."""
    return brand.update_brand_kit(scope, body)


@router.put("/logo", response_model=BrandKitPublic, operation_id="set_brand_logo")
def set_logo(scope: ScopeDep,
             file: Annotated[UploadFile, File(description="PNG, JPEG or WebP, up to 5 MB.")],
             ) -> BrandKitPublic:
    """Upload the logo; it is kept with its transparency, at most 1024 px on a side."""
    data = file.file.read(brand.LOGO_MAX_BYTES + 1)
    return brand.set_logo(scope, data, file.filename or "logo")


@router.delete("/logo", response_model=BrandKitPublic, operation_id="remove_brand_logo")
def remove_logo(scope: ScopeDep) -> BrandKitPublic:
    return brand.remove_logo(scope)


@router.get("/logo", response_class=Response, operation_id="get_brand_logo",
            responses={200: PNG})
def get_logo(scope: ScopeDep) -> Response:
    key = brand.logo_key(scope)
    return serve_stored(key, "image/png", "logo.png", missing=("brand.no_logo", None))
