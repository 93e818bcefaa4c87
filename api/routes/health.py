"""Liveness, readiness (database + broker) and Prometheus metrics; no authentication."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from kombu import Connection
from pydantic import BaseModel
from sqlalchemy import text

from api.deps import CurrentWorkspace, SessionDep, SettingsDep
from api.metrics import refresh_from_database, render_metrics
from studio.schemas.workers import WorkersPublic
from studio.services.workers import list_workers

router = APIRouter(tags=["operations"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str  # ready | not ready
    checks: dict[str, str]  # name -> "ok" or the error


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up (no dependencies checked)."""
    return Health(status="ok")


def _check_broker(url: str) -> str:
    try:
        with Connection(url, connect_timeout=2) as connection:
            # one quick attempt: readiness probes are frequent and must answer fast
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2,
                                         interval_max=0.2, timeout=2)
        return "ok"
    except Exception as exc:  # any failure means "not ready"; say which
        return f"{type(exc).__name__}: {exc}"


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "A dependency is down."}},
)
async def readyz(session: SessionDep, settings: SettingsDep) -> JSONResponse:
    """Ready to serve: the database answers and the broker accepts connections; how many
    workers are alive (by their heartbeat) is reported too."""
    checks: dict[str, str] = {}
    try:
        await anyio.to_thread.run_sync(lambda: session.execute(text("SELECT 1")))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"{type(exc).__name__}: {exc}"
    checks["broker"] = await anyio.to_thread.run_sync(
        _check_broker, settings.resolved_broker_url()
    )
    ready = all(value == "ok" for value in checks.values())
    try:
        workers = await anyio.to_thread.run_sync(lambda: list_workers(session))
        # reported, not required: the API accepts work while no worker is up
        checks["workers"] = (f"{workers.alive} alive" if workers.alive
                             else "none alive in the last minute")
        if workers.running_without_heartbeat:
            checks["workers"] += (f"; {workers.running_without_heartbeat} running job(s) "
                                  "lost their worker and will be sent again")
    except Exception as exc:
        checks["workers"] = f"{type(exc).__name__}: {exc}"
    body = Readiness(status="ready" if ready else "not ready", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
)
def metrics(session: SessionDep) -> Response:
    """Prometheus text format: requests, latencies, queue depth, renders, failures, AI cost."""
    refresh_from_database(session)
    return Response(render_metrics(), media_type="text/plain; version=0.0.4; charset=utf-8")


workers_router = APIRouter(prefix="/workers", tags=["operations"])


@workers_router.get("", response_model=WorkersPublic, operation_id="list_workers")
def workers(caller: CurrentWorkspace, session: SessionDep) -> WorkersPublic:
    """The workers by their heartbeat: which are alive, and running work that lost its
    worker (it is sent again within a minute or two)."""
    return list_workers(session)
