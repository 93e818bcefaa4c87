"""Ad imports: upload an Ads Manager export or run an ads API source; see rejected and
unmatched rows (the ones that need the seller's attention)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Response, UploadFile

from api.deps import CurrentWorkspace, IdPath, ScopeDep, SessionDep
from api.errors import Problem, not_found
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
from api.services import service
from studio.contracts import PluginError
from studio.db import AdImport, AdImportRejectedRow, AdStat, Scope

router = APIRouter(prefix="/ad-imports", tags=["ad-imports"])

FILE_IMPORTERS = (("studio.ingest.ads", "import_ad_file"), ("studio.roi.store", "import_ad_file"),
                  ("studio.linking", "import_ad_file"))
SOURCE_IMPORTERS = (("studio.ingest.ads", "import_ad_source"),
                    ("studio.roi.store", "import_ad_source"),
                    ("studio.linking", "import_ad_source"))


def _ad_import(scope: Scope, import_id: int) -> AdImport:
    found = scope.get(AdImport, import_id)
    if found is None:
        raise not_found("Ad import", import_id)
    return found


def _as_import(scope: Scope, result: Any) -> AdImport:
    import_id = result if isinstance(result, int) else getattr(result, "id", None)
    if import_id is None and isinstance(result, dict):
        import_id = result.get("ad_import_id") or result.get("id")
    scope.session.flush()
    return _ad_import(scope, int(import_id))


def _run(call: Any, **kwargs: Any) -> Any:
    try:
        return call(**kwargs)
    except LookupError as exc:  # unknown source
        raise Problem(422, str(exc).strip("'\""), field="source") from None
    except (ValueError, PluginError) as exc:  # unreadable file; the message names row/column
        raise Problem(422, str(exc), field="file" if "path" in kwargs else "config") from None


@router.post("", response_model=AdImportPublic, status_code=201)
def upload_ad_export(
    caller: CurrentWorkspace,
    session: SessionDep,
    scope: ScopeDep,
    response: Response,
    file: Annotated[UploadFile, File(description="Meta / TikTok Ads Manager export (CSV/XLSX).")],
    source: Annotated[str, Form(max_length=100, description="meta, tiktok…")] = "meta",
) -> AdImportPublic:
    """Import ad results from an export; rows are linked to videos by creative code."""
    importer = service(*FILE_IMPORTERS)
    name = Path(file.filename or "ads.csv").name[:200]
    with tempfile.TemporaryDirectory(prefix="studio-ads-") as folder:
        path = Path(folder) / f"upload{Path(name).suffix[:10] or '.csv'}"
        with path.open("wb") as out:
            while chunk := file.file.read(1024 * 1024):
                out.write(chunk)
        result = _run(importer, session=session, workspace_id=caller.workspace_id,
                      source=source, path=path, file_name=name)
    ad_import = _as_import(scope, result)
    response.headers["Location"] = f"/api/v1/ad-imports/{ad_import.id}"
    return AdImportPublic.model_validate(ad_import)


@router.post("/run", response_model=AdImportPublic, status_code=201)
def run_ad_source(
    body: AdImportRun, caller: CurrentWorkspace, session: SessionDep, scope: ScopeDep
) -> AdImportPublic:
    """Pull ad results from a configured source's API for a date range."""
    importer = service(*SOURCE_IMPORTERS)
    result = _run(importer, session=session, workspace_id=caller.workspace_id,
                  source=body.source, config=body.config, since=body.since, until=body.until)
    return AdImportPublic.model_validate(_as_import(scope, result))


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
