"""Ad imports: upload an Ads Manager export or run an ads API source; see rejected and
unmatched rows (the ones that need the seller's attention), and link an ad by hand."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import ApiSettingsDep, IdPath, ScopeDep
from api.pagination import PageDep
from api.uploads import saved_upload
from studio.schemas.ads import (
    AdImportPublic,
    AdImportRun,
    AdImportsPublic,
    ImportJobPublic,
    RejectedRowsPublic,
    UnmatchedRowsPublic,
)
from studio.services import ad_imports, import_jobs, links
from studio.services.links import AdLinkPublic, UnlinkedAdsPublic

router = APIRouter(prefix="/ad-imports", tags=["ad-imports"])


@router.post(
    "", response_model=AdImportPublic, status_code=201, operation_id="upload_ad_export",
    responses={202: {"model": ImportJobPublic,
                     "description": "A big file: imported by a worker; follow `status_url`."}},
)
def upload_ad_export(
    scope: ScopeDep,
    api: ApiSettingsDep,
    response: Response,
    file: Annotated[UploadFile, File(description="Meta / TikTok Ads Manager export (CSV/XLSX).")],
    source: Annotated[str, Form(max_length=100, description="meta or tiktok")] = "meta",
    # a form cannot send null: an empty field is "none given"
    currency: Annotated[
        str, Form(pattern=r"^([A-Za-z]{3})?$", description="When headers lack one.")
    ] = "",
) -> AdImportPublic | JSONResponse:
    """Import ad results from an export; rows are linked to videos by creative code (in the
    ad name or utm_content) or an explicit ad link. The same file twice counts once. A file
    over 8 MB is imported by a worker: the answer is then 202 with a status URL."""
    config = {"currency": currency.upper()} if currency else {}
    with saved_upload(file) as upload:
        if upload.path.stat().st_size > api.inline_import_bytes:
            job = import_jobs.ask_for_import(scope, what="ads", source=source, config=config,
                                             file=upload)
            public = import_jobs.import_public(job)
            return JSONResponse(public.model_dump(mode="json"), status_code=202,
                                headers={"Location": public.status_url})
        result = ad_imports.import_ads(scope, source=source, config=config, file=upload)
    response.headers["Location"] = f"/api/v1/ad-imports/{result.id}"
    return result


@router.post("/run", response_model=AdImportPublic, status_code=201, operation_id="run_ad_source")
def run_ad_source(body: AdImportRun, scope: ScopeDep) -> AdImportPublic:
    """Pull ad results from a source's API (Meta Insights, TikTok Business) for a date range."""
    return ad_imports.import_ads(scope, source=body.source, config=body.config,
                                 since=body.since, until=body.until)


@router.get("", response_model=AdImportsPublic, operation_id="list_ad_imports")
def list_ad_imports(scope: ScopeDep, page: PageDep) -> AdImportsPublic:
    return ad_imports.list_imports(scope, limit=page.limit, offset=page.offset)


@router.get("/unlinked", response_model=UnlinkedAdsPublic, operation_id="list_unlinked_ads")
def list_unlinked_ads(scope: ScopeDep) -> UnlinkedAdsPublic:
    """Ads no video claims yet, largest spend first: link them to a video."""
    return links.unlinked_ads(scope)


@router.get("/{import_id:int}", response_model=AdImportPublic, operation_id="get_ad_import")
def get_ad_import(import_id: IdPath, scope: ScopeDep) -> AdImportPublic:
    return ad_imports.import_public(scope, ad_imports.get_import(scope, import_id))


@router.get("/{import_id:int}/rejected", response_model=RejectedRowsPublic,
            operation_id="list_rejected_ad_rows")
def rejected_rows(import_id: IdPath, scope: ScopeDep, page: PageDep) -> RejectedRowsPublic:
    """Rows the import could not use, each with the reason and the raw cells."""
    return ad_imports.rejected_rows(scope, import_id, limit=page.limit, offset=page.offset)


@router.get("/{import_id:int}/unmatched", response_model=UnmatchedRowsPublic,
            operation_id="list_unmatched_ad_rows")
def unmatched_rows(import_id: IdPath, scope: ScopeDep, page: PageDep) -> UnmatchedRowsPublic:
    """Rows kept but not linked to any video (no creative code, unknown ad id)."""
    return ad_imports.unmatched_rows(scope, import_id, limit=page.limit, offset=page.offset)


class AdLinkCreate(BaseModel):
    """Say which video an ad shows, when its name carries no creative code."""

    model_config = ConfigDict(extra="forbid")

    platform: str = Field(min_length=1, max_length=32, description="meta, tiktok…")
    ad_id: str = Field(min_length=1, max_length=100)
    video: str = Field(min_length=1, max_length=64, description="Video id or creative code.")


@router.post("/links", response_model=AdLinkPublic, status_code=201,
             operation_id="link_ad_to_video")
def link_ad_to_video(body: AdLinkCreate, scope: ScopeDep) -> AdLinkPublic:
    """Link an ad to a video explicitly; its past and future rows count for that video."""
    return links.link_ad(scope, platform=body.platform, ad_id=body.ad_id, video=body.video)
