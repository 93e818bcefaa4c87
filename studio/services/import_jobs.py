"""Big files imported off the request: a catalog or an ad export above the size limit
becomes an ``import`` job — the API answers 202 with a status URL, a worker imports it, and
``import.succeeded`` / ``import.failed`` events (and webhooks) say how it went.

The file goes to storage first, so the worker that imports it may be on another machine.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from studio import outbox
from studio.db import Job, Scope, session_scope
from studio.errors import NotFound, StudioError
from studio.events import record_event
from studio.schemas.ads import ImportJobPublic
from studio.services.catalog import CatalogFile
from studio.states import IllegalTransition, transition

KINDS = ("catalog", "ads")


def ask_for_import(scope: Scope, *, what: str, source: str, config: Mapping[str, Any],
                   file: CatalogFile) -> Job:
    """Keep the file in storage and save the import job (sent when the caller commits)."""
    from studio.storage import open_storage

    assert what in KINDS
    key = f"imports/{scope.workspace_id}/{uuid.uuid4().hex}/{Path(file.name).name}"
    open_storage().put_file(key, file.path, content_type="application/octet-stream")
    job = scope.add(Job(kind="import", payload={"what": what, "source": source,
                                                 "config": dict(config), "key": key,
                                                 "file_name": file.name}))
    scope.session.flush()
    outbox.add_jobs(scope.session, [job.id])
    return job


def import_public(job: Job) -> ImportJobPublic:
    payload = job.payload or {}
    return ImportJobPublic(
        id=job.id, what=str(payload.get("what", "")), source=str(payload.get("source", "")),
        file_name=payload.get("file_name"), status=job.status, progress=job.progress,
        error=job.error, result=payload.get("result"),
        status_url=f"/api/v1/imports/{job.id}", created_at=job.created_at,
        finished_at=job.finished_at)


def get_import_job(scope: Scope, job_id: int) -> Job:
    job = scope.get(Job, job_id)
    if job is None or job.kind != "import":
        raise NotFound("import", job_id)
    return job


def run_import_job(job_id: int) -> dict[str, Any]:
    """The worker's side: import the stored file in one transaction; record the outcome."""
    from studio.services.ad_imports import import_ads
    from studio.services.catalog import import_catalog
    from studio.services.uow import unit_of_work
    from studio.storage import open_storage

    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is None or job.status != "pending":
            return {"import": job_id, "status": job.status if job else "missing"}
        try:
            transition(session, job, "running")
        except IllegalTransition:
            return {"import": job_id, "status": "taken"}
        payload, workspace_id = dict(job.payload or {}), job.workspace_id
    folder = Path(tempfile.mkdtemp(prefix=f"import-{job_id}-"))
    result: dict[str, Any] | None = None
    error: str | None = None
    try:
        local = open_storage().get_file(str(payload["key"]), folder / Path(payload["key"]).name)
        file = CatalogFile(local, str(payload.get("file_name") or local.name))
        with unit_of_work(workspace_id) as scope:
            if payload["what"] == "catalog":
                result = import_catalog(scope, source=payload["source"],
                                        config=payload.get("config") or {},
                                        file=file).model_dump(mode="json")
            else:
                result = import_ads(scope, source=payload["source"],
                                    config=payload.get("config") or {},
                                    file=file).model_dump(mode="json")
    except StudioError as exc:
        error = exc.message
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is None or job.status != "running":
            return {"import": job_id, "status": "gone"}
        job.payload = {**payload, "result": result}
        transition(session, job, "failed" if error else "succeeded", reason=error)
        record_event(session, workspace_id=workspace_id,
                     type="import.failed" if error else "import.succeeded",
                     subject_type="import", subject_id=job_id,
                     payload={"what": payload["what"], "source": payload["source"],
                              "file_name": payload.get("file_name"),
                              **({"reason": error} if error else {"result": result})})
    return {"import": job_id, "status": "failed" if error else "succeeded"}
