"""The import box: say what a file is before importing it, import any file with the source
made for its kind, and follow imports that run as jobs (files over the size limit)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile
from fastapi.responses import JSONResponse

from api.deps import ApiSettingsDep, IdPath, ScopeDep, SettingsDep
from api.uploads import saved_upload
from studio.errors import InvalidInput
from studio.product_media import SAMPLES
from studio.schemas.ads import ImportJobPublic
from studio.schemas.imports import DetectedFile, FileImportAccepted, FileImportPublic
from studio.services import file_imports, import_jobs
from studio.services.detect import DetectOptions, detect_file

router = APIRouter(prefix="/imports", tags=["imports"])

FileField = Annotated[UploadFile, File(description="CSV, TSV or XLSX: a Shopify product "
                                                   "export, a catalog, a Meta or TikTok ad "
                                                   "export, or a shop order export.")]
PageField = Annotated[str | None, Form(max_length=20, description="Where the file was "
                                       "dropped: catalog or ads; a file of another kind is "
                                       "refused, naming its kind.")]
KindField = Annotated[str | None, Form(max_length=40, description="The file's kind when "
                                       "detection got it wrong: shopify_products, catalog, "
                                       "meta_ads, tiktok_ads or orders.")]
CurrencyField = Annotated[str | None, Form(max_length=20, description="The currency of the "
                                           "amounts when the file does not say (a Shopify "
                                           "export: the store's currency).")]
MappingField = Annotated[str | None, Form(max_length=4000, description="JSON: field -> the "
                                          "file's column, e.g. {\"title\": \"Product name\"}; "
                                          "\"\" leaves a field out (catalogs and orders).")]


def _mapping(text: str | None) -> dict[str, str]:
    if not text or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise InvalidInput("import.bad_mapping", field="mapping", detail=str(exc)) from None
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise InvalidInput("import.bad_mapping", field="mapping",
                           detail="every field and column must be text")
    return value


@router.post("/detect", response_model=DetectedFile, operation_id="detect_import")
def detect_import(
    file: FileField,
    scope: ScopeDep,
    page: PageField = None,
    kind: KindField = None,
    currency: CurrencyField = None,
    mapping: MappingField = None,
    # a form cannot send null: 0, the default, is "the file sent is the whole file"
    file_size: Annotated[int, Form(ge=0, description="The whole file's size in bytes when "
                                   "only its beginning is sent (a big CSV).")] = 0,
) -> DetectedFile:
    """What the file is and what is in it — kind, counts, the column read for each field,
    the currency it states, drafts, notes — read from its first rows; nothing is imported."""
    options = DetectOptions(kind=kind or None, mapping=_mapping(mapping),
                            currency=currency or None, page=page or None, size=file_size)
    with saved_upload(file) as upload:
        return detect_file(upload, options)


@router.post(
    "", response_model=FileImportPublic, status_code=201, operation_id="import_file",
    responses={202: {"model": FileImportAccepted,
                     "description": "A big file: imported by a worker; follow `status_url`."}},
)
def import_file(
    file: FileField,
    scope: ScopeDep,
    settings: SettingsDep,
    api: ApiSettingsDep,
    response: Response,
    page: PageField = None,
    kind: KindField = None,
    currency: CurrencyField = None,
    mapping: MappingField = None,
    include_drafts: Annotated[bool, Form(description="Shopify: import drafts, unpublished "
                                         "and archived products too.")] = False,
) -> FileImportPublic | JSONResponse:
    """Import any file with the data source made for its kind (detected as by
    ``/imports/detect``); importing the same file again updates instead of duplicating.
    A file over 8 MB is imported by a worker: the answer is then 202 with a status URL."""
    choices = file_imports.ImportChoices(
        kind=kind or None, mapping=_mapping(mapping), currency=currency or None,
        page=page or None, include_drafts=include_drafts,
        # an uploaded catalog's photos can only be files already on the server
        image_dirs=(str(settings.media_root), str(SAMPLES)))
    with saved_upload(file) as upload:
        result = file_imports.import_file(scope, upload, choices,
                                          inline_limit=api.inline_import_bytes)
    if isinstance(result, FileImportAccepted):
        return JSONResponse(result.model_dump(mode="json"), status_code=202,
                            headers={"Location": result.status_url})
    if result.ads is not None:
        response.headers["Location"] = f"/api/v1/ad-imports/{result.ads.id}"
    return result


@router.get("/{import_job_id:int}", response_model=ImportJobPublic, operation_id="get_import")
def get_import(import_job_id: IdPath, scope: ScopeDep) -> ImportJobPublic:
    """A big file's import: pending, running, succeeded (with its summary) or failed (why)."""
    return import_jobs.import_public(import_jobs.get_import_job(scope, import_job_id))
