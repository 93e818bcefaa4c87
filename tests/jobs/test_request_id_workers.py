"""The HTTP request id reaches the worker: its JSON log lines for a render name the request
that asked for it. The batch here goes out as one message that a worker fans out (the path
big batches take), so that hop is covered with a real worker too."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from studio.auth import create_api_key
from studio.config import get_settings
from studio.db import session_scope

from .conftest import StudioEnv, wait_until
from .helpers import jobs, settled

pytestmark = pytest.mark.slow


def json_lines(text: str) -> list[dict[str, Any]]:
    lines = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # Celery's banner and the like
        if isinstance(entry, dict):
            lines.append(entry)
    return lines


def test_worker_log_lines_of_a_render_carry_the_http_request_id(
        embedded_env: StudioEnv, workers, monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.jobs import dispatch

    monkeypatch.setattr(dispatch, "FAN_OUT_AT", 2)  # this small batch takes the fan-out path
    products = embedded_env.products(2)
    with session_scope() as session:
        _, key = create_api_key(session=session, workspace_id=embedded_env.workspace_id)
    app = create_app(get_settings(), ApiSettings(rate_limit_enabled=False, dispatch_jobs=True))
    worker = workers(embedded_env, concurrency=1)
    with TestClient(app) as client:
        response = client.post(
            "/api/v1/batches",
            headers={"Authorization": f"Bearer {key}", "X-Request-ID": "erp-order-4711"},
            json={"items": [{"product": p, "template": "clip", "generator": "test-clips",
                             "options": {"seconds": 0.3}} for p in products]},
        )
    assert response.status_code == 202, response.text
    batch_id = response.json()["id"]
    final = wait_until(lambda: settled(batch_id), 180, "the batch", [worker])
    assert final["status"] == "completed", final
    # each job keeps the send token of its message: the render task runs under that id
    task_ids = {job.celery_task_id for job in jobs() if job.batch_id == batch_id}
    assert None not in task_ids and len(task_ids) == 2

    def render_lines() -> list[dict[str, Any]]:
        lines = json_lines(worker.log.read_text(errors="replace"))
        return [e for e in lines if e.get("task") == "studio.video.render"
                and "succeeded" in e.get("message", "")]

    done = wait_until(lambda: len(render_lines()) == 2 and render_lines(), 30,
                      "the render log lines", [worker])
    assert {line["task_id"] for line in done} == task_ids
    assert {line.get("request_id") for line in done} == {"erp-order-4711"}
    lines = json_lines(worker.log.read_text(errors="replace"))
    fan_out = [e for e in lines if e.get("task") == "studio.batch.send"]
    assert fan_out and {e.get("request_id") for e in fan_out} == {"erp-order-4711"}
