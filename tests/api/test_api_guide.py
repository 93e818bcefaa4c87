"""docs/api.md's examples, run top to bottom against `studio serve` (a real server and worker)
over real HTTP — so the guide cannot rot. Also: the OpenAPI document is fit for client
generators, and the generated client in clients/python drives one batch."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from studio.webhooks.receiver import WebhookReceiver

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "api.md"


def _examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_the_guide_has_examples_for_every_step() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert len(_examples()) >= 8
    for topic in ("Idempotency-Key", "Last-Event-ID", "Studio-Signature", "download_url",
                  "rerender", "problem+json", "Retry-After"):
        assert topic in text, topic


def test_the_guide_lists_every_webhook_event() -> None:
    from studio.webhooks.subscriptions import WEBHOOK_EVENTS

    text = GUIDE.read_text(encoding="utf-8")
    assert [name for name in WEBHOOK_EVENTS if f"| `{name}` |" not in text] == []


def test_the_guides_examples_run_against_a_real_studio(studio, tmp_path, capsys) -> None:
    base, key = studio
    # a photo in the studio's media library (its home is tmp_path/home)
    target = tmp_path / "home" / "media" / "uploads" / "shirt.jpg"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sorted((REPO / "media" / "samples" / "photos").glob("*.jpg"))[0], target)
    with WebhookReceiver("unused") as receiver:
        namespace = {"BASE_URL": base, "API_KEY": key, "PHOTO": "uploads/shirt.jpg",
                     "RECEIVER_URL": receiver.url}
        for number, example in enumerate(_examples(), start=1):
            try:
                exec(compile(example, f"docs/api.md example {number}", "exec"), namespace)
            except Exception as exc:
                raise AssertionError(f"example {number} of docs/api.md failed: {exc!r}\n"
                                     f"{example}") from exc
    printed = capsys.readouterr().out
    assert "videos made" in printed and "bytes" in printed


def test_the_openapi_document_is_fit_for_client_generators(client) -> None:
    document = client.get("/openapi.json").json()
    operations = [(path, method, op) for path, item in document["paths"].items()
                  for method, op in item.items()]
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids)) >= 55
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", i) for i in ids), ids
    assert {"create_batch", "get_batch", "list_videos", "download_video", "get_roi_report"} \
        <= set(ids)
    schemes = document["components"]["securitySchemes"]
    assert schemes["apiKey"] == {**schemes["apiKey"], "type": "http", "scheme": "bearer"}
    for path, method, op in operations:
        # signing up, in and out, password resets and invitation links need no credentials
        public = ("/api/v1/auth/sign-", "/api/v1/auth/forgot-password",
                  "/api/v1/auth/reset-password", "/api/v1/auth/invite",
                  "/api/v1/auth/accept-invite")
        if path.startswith("/api/v1") and not path.startswith(public):
            assert {"apiKey": []} in op["security"], (method, path)
            for status in ("401", "404", "422", "429"):
                schema = op["responses"][status]["content"]["application/problem+json"]
                assert schema["schema"]["$ref"].endswith("/ProblemDetails"), (method, path)


def test_the_generated_client_is_made_from_todays_api(client) -> None:
    """Change the API, then run scripts/generate_client.py: this fails until you do."""
    import json

    kept = json.loads((REPO / "clients" / "openapi.json").read_text(encoding="utf-8"))
    assert kept == json.loads(json.dumps(client.get("/openapi.json").json()))


def test_the_generated_client_drives_a_batch(studio, tmp_path, monkeypatch) -> None:
    """The typed client in clients/python against `studio serve`: a product, a batch,
    its status until it is done, the MP4."""
    import time

    monkeypatch.syspath_prepend(str(REPO / "clients" / "python"))
    from studio_api_client import AuthenticatedClient
    from studio_api_client.api.batches import create_batch, get_batch
    from studio_api_client.api.products import create_product
    from studio_api_client.api.videos import download_video, list_videos
    from studio_api_client.models import (
        BatchCreate,
        BatchPublic,
        ProblemDetails,
        ProductCreate,
        VideoCreate,
        VideoCreateOptions,
    )

    base, key = studio
    target = tmp_path / "home" / "media" / "uploads" / "lamp.jpg"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sorted((REPO / "media" / "samples" / "photos").glob("*.jpg"))[1], target)
    api = AuthenticatedClient(base_url=base, token=key)
    product = create_product.sync(client=api, body=ProductCreate(
        title="Desk lamp", price="24.00", images=["uploads/lamp.jpg"]))
    assert not isinstance(product, ProblemDetails) and product is not None
    options = VideoCreateOptions.from_dict({"preview": True})
    batch = create_batch.sync(client=api, body=BatchCreate(items=[
        VideoCreate(product=product.id, template="showcase", options=options)]))
    assert isinstance(batch, BatchPublic) and batch.created
    deadline = time.monotonic() + 180
    while batch.status not in ("completed", "completed_with_failures", "failed"):
        assert time.monotonic() < deadline, "the batch did not finish"
        time.sleep(0.5)
        batch = get_batch.sync(batch.id, client=api)
        assert isinstance(batch, BatchPublic)
    assert batch.status == "completed" and batch.counts["succeeded"] == 1
    [video] = list_videos.sync(client=api, batch_id=batch.id).data
    mp4 = download_video.sync_detailed(video.id, client=api)
    assert mp4.status_code == 200 and mp4.content[4:8] == b"ftyp"
    missing = get_batch.sync(987654, client=api)
    assert isinstance(missing, ProblemDetails) and missing.code == "not_found"
