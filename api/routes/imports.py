"""Imports that run as jobs (files over the size limit): where each one is."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import IdPath, ScopeDep
from studio.schemas.ads import ImportJobPublic
from studio.services import import_jobs

router = APIRouter(prefix="/imports", tags=["imports"])


@router.get("/{import_job_id}", response_model=ImportJobPublic, operation_id="get_import")
def get_import(import_job_id: IdPath, scope: ScopeDep) -> ImportJobPublic:
    """A big file's import: pending, running, succeeded (with its summary) or failed (why)."""
    return import_jobs.import_public(import_jobs.get_import_job(scope, import_job_id))
