"""Ad imports: upload an Ads Manager export or run an ads API source; see rejected and
unmatched rows (the ones that need the seller's attention)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from api.deps import CurrentWorkspace, IdPath, ScopeDep, SessionDep, SettingsDep
from api.errors import Problem, not_found
from api.imports import import_ads, saved_upload
from api.schemas.ads import (
    AdImportPublic,
    AdImportRun,
    AdImportsPublic,
    RejectedRowPublic,
    RejectedRowsPublic,
    UnmatchedRowPublic,
    UnmatchedRowsPublic,
)
from api.schemas.common import PageDep
from studio.db import AdImport, AdImportRejectedRow, AdStat, Scope

router = APIRouter(prefix="/ad-imports", tags=["ad-imports"])

def _ad_import(scope: Scope, import_id: int) -> AdImport:
    found = scope.get(AdImport, import_id)
    if found is None:
        raise not_found("Ad import", import_id)
    return found


@router.post("", response_model=AdImportPublic, status_code=201)
def upload_ad_export(
    caller: CurrentWorkspace,
    session: SessionDep,
    scope: ScopeDep,
    settings: SettingsDep,
    response: Response,
    file: Annotated[UploadFile, File(description="Meta / TikTok Ads Manager export (CSV/XLSX).")],
    source: Annotated[str, Form(max_length=100, description="meta or tiktok")] = "meta",
    currency: Annotated[
        str | None, Form(pattern=r"^[A-Za-z]{3}$", description="When headers lack one.")
    ] = None,
) -> AdImportPublic:
    """Import ad results from an export; rows are linked to videos by creative code (in the
    ad name or utm_content) or an explicit ad link. The same file twice counts once."""
    session.commit()  # release the request's write lock: the import runs in its own
    with saved_upload(file) as path:
        summary = import_ads(
            workspace_id=caller.workspace_id, database_url=settings.resolved_database_url(),
            source=source, config={"currency": currency.upper()} if currency else {}, path=path,
        )
    ad_import = _ad_import(scope, summary.import_id)
    response.headers["Location"] = f"/api/v1/ad-imports/{ad_import.id}"
    return AdImportPublic.model_validate(ad_import)


@router.post("/run", response_model=AdImportPublic, status_code=201)
def run_ad_source(
    body: AdImportRun, caller: CurrentWorkspace, session: SessionDep, scope: ScopeDep,
    settings: SettingsDep,
) -> AdImportPublic:
    """Pull ad results from a source's API (Meta Insights, TikTok Business) for a date range."""
    if body.since and body.until and body.since > body.until:
        raise Problem(422, "since is after until; swap them", field="body.since")
    session.commit()  # release the request's write lock: the import runs in its own
    summary = import_ads(
        workspace_id=caller.workspace_id, database_url=settings.resolved_database_url(),
        source=body.source, config=body.config, path=None, since=body.since, until=body.until,
    )
    return AdImportPublic.model_validate(_ad_import(scope, summary.import_id))


@router.get("", response_model=AdImportsPublic)
def list_ad_imports(scope: ScopeDep, page: PageDep) -> AdImportsPublic:
    rows = scope.list(AdImport, order_by=AdImport.id.desc(), limit=page.limit,
                      offset=page.offset)
    return AdImportsPublic(data=[AdImportPublic.model_validate(r) for r in rows],
                           count=scope.count(AdImport))


@router.get("/{import_id}", response_model=AdImportPublic)
def get_ad_import(import_id: IdPath, scope: ScopeDep) -> AdImportPublic:
    return AdImportPublic.model_validate(_ad_import(scope, import_id))


@router.get("/{import_id}/rejected", response_model=RejectedRowsPublic)
def rejected_rows(import_id: IdPath, scope: ScopeDep, page: PageDep) -> RejectedRowsPublic:
    """Rows the import could not use, each with the reason and the raw cells."""
    _ad_import(scope, import_id)
    where = AdImportRejectedRow.ad_import_id == import_id
    rows = scope.list(AdImportRejectedRow, where, order_by=AdImportRejectedRow.row_number,
                      limit=page.limit, offset=page.offset)
    return RejectedRowsPublic(data=[RejectedRowPublic.model_validate(r) for r in rows],
                              count=scope.count(AdImportRejectedRow, where))


@router.get("/{import_id}/unmatched", response_model=UnmatchedRowsPublic)
def unmatched_rows(import_id: IdPath, scope: ScopeDep, page: PageDep) -> UnmatchedRowsPublic:
    """Rows kept but not linked to any video (no creative code, unknown ad id)."""
    _ad_import(scope, import_id)
    where = (AdStat.ad_import_id == import_id, AdStat.video_id.is_(None))
    rows = scope.list(AdStat, *where, order_by=AdStat.id, limit=page.limit, offset=page.offset)
    return UnmatchedRowsPublic(data=[UnmatchedRowPublic.model_validate(r) for r in rows],
                               count=scope.count(AdStat, *where))


class AdLinkCreate(BaseModel):
    """Say which video an ad shows, when its name carries no creative code."""

    model_config = ConfigDict(extra="forbid")

    platform: str = Field(min_length=1, max_length=32, description="meta, tiktok…")
    ad_id: str = Field(min_length=1, max_length=100)
    video: str = Field(min_length=1, max_length=64, description="Video id or creative code.")


class AdLinkPublic(BaseModel):
    platform: str
    ad_id: str
    video_id: int
    creative_code: str
    rows_linked: int = Field(description="Ad rows moved to the video (ROI updates with them).")


@router.post("/links", response_model=AdLinkPublic, status_code=201)
def link_ad_to_video(body: AdLinkCreate, scope: ScopeDep) -> AdLinkPublic:
    """Link an ad to a video explicitly; its past and future rows count for that video."""
    from studio.linking import link_ad

    try:
        video, moved = link_ad(scope.session, scope.workspace_id, body.platform, body.ad_id,
                               body.video)
    except LookupError as exc:
        raise Problem(404, str(exc).strip("'\""), slug="not-found", field="body.video") from None
    return AdLinkPublic(platform=body.platform, ad_id=body.ad_id, video_id=video.id,
                        creative_code=video.creative_code, rows_linked=moved)
