"""Same answer from every door (issue 14, items 7 and 8).

`python -m studio ... --json`, run as a process, and the API (the real app through a
TestClient) read one studio home and database; for the same batch, ad import and catalog
import they must print the same JSON, parsed and compared whole. A preview asked with no
worker running answers 202 with a status URL after the bounded wait, its job waiting on the
render queue at the urgent priority.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from studio.auth import create_api_key
from studio.config import get_settings
from studio.db import Job, session_scope
from tests.datasources.exports import export_file

from .conftest import StudioEnv
from .test_cli import studio, write_catalog

PREVIEW_WAIT = 1.5  # seconds the preview route waits for a worker before its 202


@pytest.fixture
def api(embedded_env: StudioEnv) -> Iterator[TestClient]:
    """The API on the CLI's home and database, with a key of the CLI's default workspace;
    work it saves is sent to the broker at once, as `studio serve` sends it."""
    with session_scope() as session:
        _, key = create_api_key(session=session, workspace_id=embedded_env.workspace_id,
                                name="doors")
    app = create_app(get_settings(), ApiSettings(
        rate_limit_per_second=1000, rate_limit_burst=1000, secure_cookies=False,
        dispatch_jobs=True, preview_wait_seconds=PREVIEW_WAIT))
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        yield client


def cli_json(env: StudioEnv, *args: str) -> Any:
    done = studio(env, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def api_json(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


@pytest.mark.slow
def test_batch_status_is_the_same_from_the_cli_and_the_api(embedded_env: StudioEnv, api,
                                                           workers) -> None:
    catalog = write_catalog(embedded_env.home / "shop")
    args = ["batch", str(catalog), "--templates", "clip", "--generator", "test-clips",
            "--formats", "9:16,1:1"]
    # no worker yet: the batch as submitted, nothing started
    queued = cli_json(embedded_env, *args, "--no-wait")
    assert queued["created"] is True and queued["counts"]["total"] == 4
    assert api_json(api.get(f"/api/v1/batches/{queued['id']}")) == queued

    worker = workers(embedded_env, concurrency=2)
    done = studio(embedded_env, *args, "--json")
    assert done.returncode == 0, done.stderr + worker.tail()
    finished = json.loads(done.stdout)
    assert finished["id"] == queued["id"] and finished["status"] == "completed"
    assert finished["created"] is False  # the same list again: nothing new was submitted
    # the API's door for "submit this list" says the same, field for field
    items = [{"product": product, "template": "clip", "format": fmt,
              "generator": "test-clips"}
             for product in sorted({v["product_id"] for v in _videos(api, finished)})
             for fmt in ("9:16", "1:1")]
    again = api.post("/api/v1/batches", json={"name": finished["name"], "items": items})
    assert api_json(again, 202) == finished
    # `created` tells what a submission did; a GET submits nothing, and answers the
    # schema's default (true) — the only field that differs, and only for that reason
    assert api_json(api.get(f"/api/v1/batches/{finished['id']}")) == {**finished,
                                                                     "created": True}
    print(json.dumps(finished, indent=1))


def _videos(api: TestClient, batch: dict[str, Any]) -> list[dict[str, Any]]:
    return [api_json(api.get(f"/api/v1/videos/{vid}")) for vid in batch["video_ids"]]


def test_an_ad_import_summary_is_the_same_from_the_cli_and_the_api(
        embedded_env: StudioEnv, api, tmp_path: Path) -> None:
    path = export_file(tmp_path, "meta_ads")
    # `studio import FILE` (the import box's service): the file's kind and its summary
    boxed = cli_json(embedded_env, "import", str(path))
    assert boxed["kind"] == "meta_ads" and boxed["ads"]["rows_total"] == 3
    run = boxed["ads"]
    assert api_json(api.get(f"/api/v1/ad-imports/{run['id']}")) == run
    # `studio import ads FILE --platform meta`: the run, as the API shows that run
    second = cli_json(embedded_env, "import", "ads", str(path), "--platform", "meta")
    assert second["repeated_file_of"] == run["id"]
    assert api_json(api.get(f"/api/v1/ad-imports/{second['id']}")) == second
    # and the API's upload door answers the run it made as its GET shows it
    with path.open("rb") as file:
        uploaded = api_json(api.post("/api/v1/ad-imports", data={"source": "meta"},
                                     files={"file": (path.name, file, "text/csv")}), 201)
    assert api_json(api.get(f"/api/v1/ad-imports/{uploaded['id']}")) == uploaded
    print(json.dumps(second, indent=1))


def test_a_catalog_import_summary_is_the_same_from_the_cli_and_the_api(
        embedded_env: StudioEnv, api, tmp_path: Path) -> None:
    """The same file into the same workspace through each door: an import upserts, so the
    second door's summary (products stored, their ids, rejected rows) is the first's."""
    path = export_file(tmp_path, "catalog")
    boxed = cli_json(embedded_env, "import", str(path))
    assert boxed["kind"] == "catalog" and boxed["products"]["stored"] == 2
    assert boxed["products"]["rejected"], "the row without a price is rejected"
    with path.open("rb") as file:
        answer = api.post("/api/v1/imports", files={"file": (path.name, file, "text/csv")})
    assert api_json(answer, 201) == boxed

    summary = cli_json(embedded_env, "import", "catalog", str(path), "--source", "csv",
                       "--currency", "EUR")
    assert summary["product_ids"] == boxed["products"]["product_ids"]
    with path.open("rb") as file:
        answer = api.post("/api/v1/products/import", data={"source": "csv", "currency": "EUR"},
                          files={"file": (path.name, file, "text/csv")})
    assert api_json(answer, 201) == summary
    print(json.dumps(boxed, indent=1))


def test_a_preview_with_no_worker_answers_202_and_waits_on_the_urgent_queue(
        embedded_env: StudioEnv, api) -> None:
    began = time.monotonic()
    answer = api.post("/api/v1/templates/showcase/preview", json={"sample": True})
    took = time.monotonic() - began
    assert answer.status_code == 202, answer.text
    assert PREVIEW_WAIT <= took < PREVIEW_WAIT + 5, took  # waited, boundedly
    public = answer.json()
    assert public["status"] == "pending" and public["file_url"] is None
    assert public["status_url"] == f"/api/v1/previews/{public['id']}"
    assert answer.headers["location"] == public["status_url"]
    assert api_json(api.get(public["status_url"])) == public

    with session_scope() as session:
        job = session.get(Job, public["id"])
        assert job is not None and job.kind == "preview" and job.priority == 10  # URGENT
        sent_as = job.celery_task_id
    # the message the route sent: on the render queue, at the broker's highest priority
    queue = Path(get_settings().home) / "broker" / "queue"
    messages = [json.loads(p.read_text()) | {"file": p.name} for p in queue.glob("*.msg")]
    previews = [m for m in messages if m["headers"].get("task") == "studio.preview.render"]
    assert len(previews) == 1, [m["file"] for m in messages]
    message = previews[0]
    assert message["file"].endswith(".render.msg")
    assert message["properties"]["priority"] == 9
    assert message["headers"]["id"] == sent_as
    print(took, message["file"], public)
