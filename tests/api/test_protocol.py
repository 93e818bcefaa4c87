"""Protocol hygiene a client relies on: problem+json errors, request ids and JSON logs, rate
limits, size limits, CORS, Idempotency-Key, health, readiness and metrics."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.main import create_app
from api.settings import ApiSettings
from studio.db import get_engine

PRODUCT = {"title": "Ceramic mug", "price": "12.50", "category": "kitchen"}


def test_validation_error_is_problem_json_naming_the_field(client, tenant):
    response = client.post(
        "/api/v1/batches", headers=tenant.headers,
        json={"items": [{"product": 1, "template": "showcase", "format": "2:1"}]},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert problem["field"] == "body.items[0].format"
    assert "9:16" in problem["errors"][0]["message"]  # says what to send instead
    assert problem["request_id"] == response.headers["x-request-id"]


def test_invalid_json_body_says_so(client, tenant):
    response = client.post("/api/v1/products", headers={**tenant.headers,
                           "content-type": "application/json"}, content=b'{"title": ')
    assert response.status_code == 422
    assert "not valid JSON" in response.json()["detail"]


def test_unknown_path_and_method_are_problems_too(client, tenant):
    missing = client.get("/api/v1/nothing-here", headers=tenant.headers)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    wrong = client.put("/api/v1/products", headers=tenant.headers, json={})
    assert wrong.status_code == 405
    assert "method" in wrong.json()["detail"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer sk_nope"},
                                     {"Authorization": "Basic abc"}])
def test_missing_or_bad_key_is_401_with_a_hint(client, headers):
    response = client.get("/api/v1/products", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in response.json()["detail"]


def test_request_id_is_echoed_or_generated_and_logged_as_json(client, tenant, caplog):
    caplog.set_level(logging.INFO, logger="studio.api.access")
    mine = client.get("/healthz", headers={"X-Request-ID": "erp-42"})
    assert mine.headers["x-request-id"] == "erp-42"
    generated = client.get("/api/v1/products", headers=tenant.headers)
    assert len(generated.headers["x-request-id"]) == 32
    hostile = client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})
    assert hostile.headers["x-request-id"] != "bad id\nwith newline"
    records = [r for r in caplog.records if r.name == "studio.api.access"]
    line = next(r for r in records if getattr(r, "request_id", "") == generated.headers[
        "x-request-id"])
    assert line.status == 200 and line.route == "/api/v1/products"
    assert line.workspace_id == tenant.workspace_id
    from api.observability import JsonFormatter

    parsed = json.loads(JsonFormatter().format(line))
    assert parsed["request_id"] == generated.headers["x-request-id"]
    assert parsed["duration_ms"] >= 0


def test_rate_limit_answers_429_with_retry_after_per_key(settings, tenant, other_tenant):
    app = create_app(settings, ApiSettings(rate_limit_per_second=0.5, rate_limit_burst=3))
    with TestClient(app) as client:
        codes = [client.get("/api/v1/products", headers=tenant.headers).status_code
                 for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = client.get("/api/v1/products", headers=tenant.headers)
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) >= 1
        assert "rate limit" in limited.json()["detail"]
        # another key has its own bucket
        assert client.get("/api/v1/products", headers=other_tenant.headers).status_code == 200


def test_token_bucket_refills_over_time():
    from studio.token_bucket import TokenBucket

    now = [0.0]
    limiter = TokenBucket(rate=10, burst=2, clock=lambda: now[0])
    assert limiter.take("k") == 0 and limiter.take("k") == 0
    assert limiter.take("k") == pytest.approx(0.1)
    now[0] += 0.1
    assert limiter.take("k") == 0


def test_body_size_limits(settings, tenant):
    app = create_app(settings, ApiSettings(max_body_bytes=2048, max_upload_bytes=4096,
                                           rate_limit_enabled=False))
    with TestClient(app) as client:
        big = {**PRODUCT, "description": "x" * 5000}
        response = client.post("/api/v1/products", headers=tenant.headers, json=big)
        assert response.status_code == 413
        assert "MAX_BODY_BYTES" in response.json()["detail"]

        def chunks():  # no Content-Length: the limit still holds while streaming
            for _ in range(10):
                yield b" " * 1000

        streamed = client.post("/api/v1/products", headers={**tenant.headers,
                               "content-type": "application/json"}, content=chunks())
        assert streamed.status_code == 413
        small = client.post("/api/v1/products", headers=tenant.headers, json=PRODUCT)
        assert small.status_code == 201
        upload = client.post("/api/v1/products/import", headers=tenant.headers,
                             files={"file": ("c.csv", b"title,price\n" + b"a,1\n" * 2000)})
        assert upload.status_code == 413
        assert "upload" in upload.json()["detail"]


def test_cors_only_for_configured_origins(settings):
    app = create_app(settings, ApiSettings(cors_origins="https://shop.example"))
    with TestClient(app) as client:
        allowed = client.options("/api/v1/products", headers={
            "Origin": "https://shop.example", "Access-Control-Request-Method": "POST"})
        assert allowed.headers["access-control-allow-origin"] == "https://shop.example"
        other = client.options("/api/v1/products", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in other.headers
    with TestClient(create_app(settings, ApiSettings())) as client:
        plain = client.get("/healthz", headers={"Origin": "https://shop.example"})
        assert "access-control-allow-origin" not in plain.headers


@pytest.mark.parametrize("settings", [
    "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_idempotency_key_replays_the_first_answer(client, tenant):
    headers = {**tenant.headers, "Idempotency-Key": "order-7"}
    first = client.post("/api/v1/products", headers=headers, json=PRODUCT)
    again = client.post("/api/v1/products", headers=headers, json=PRODUCT)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert client.get("/api/v1/products", headers=tenant.headers).json()["count"] == 1


@pytest.mark.parametrize("settings", [
    "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_idempotency_key_with_another_body_is_409(client, tenant):
    headers = {**tenant.headers, "Idempotency-Key": "order-8"}
    assert client.post("/api/v1/products", headers=headers, json=PRODUCT).status_code == 201
    clash = client.post("/api/v1/products", headers=headers, json={**PRODUCT, "price": "9"})
    assert clash.status_code == 409
    assert clash.json()["field"] == "header.idempotency-key"


def test_idempotency_keys_belong_to_their_caller(client, tenant, other_tenant):
    key = {"Idempotency-Key": "shared-name"}
    mine = client.post("/api/v1/products", headers={**tenant.headers, **key}, json=PRODUCT)
    theirs = client.post("/api/v1/products", headers={**other_tenant.headers, **key},
                         json=PRODUCT)
    assert theirs.status_code == 201 and "idempotent-replayed" not in theirs.headers
    assert theirs.json()["id"] != mine.json()["id"]


def test_failed_requests_are_not_remembered(client, tenant):
    headers = {**tenant.headers, "Idempotency-Key": "retry-me"}
    bad = client.post("/api/v1/products", headers={"Idempotency-Key": "retry-me"}, json=PRODUCT)
    assert bad.status_code == 401
    assert client.post("/api/v1/products", headers=headers, json=PRODUCT).status_code == 201


def test_idempotency_responses_live_in_the_database(client, settings, tenant):
    headers = {**tenant.headers, "Idempotency-Key": "persisted"}
    client.post("/api/v1/products", headers=headers, json=PRODUCT)
    with get_engine(settings.resolved_database_url()).connect() as connection:
        stored = connection.execute(text(
            "select status_code, caller from api_idempotency_keys where key = 'persisted'"
        )).one()
    assert stored.status_code == 201
    assert tenant.key not in stored.caller  # a hash of the credential, never the key


def test_healthz_readyz_and_metrics(client, tenant):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    checks = ready.json()["checks"]
    assert (checks["database"], checks["broker"]) == ("ok", "ok")
    assert "workers" in checks  # reported, not required
    client.get("/api/v1/products", headers=tenant.headers)
    metrics = client.get("/metrics").text
    assert 'studio_http_requests_total{method="GET",route="/api/v1/products",status="200"}' \
        in metrics
    for name in ("studio_http_request_duration_seconds_bucket", "studio_renders_succeeded",
                 "studio_render_failures", "studio_queue_depth", "studio_ai_cost"):
        assert name in metrics


def test_metrics_count_renders_failures_and_queue(client, tenant, make_video):
    make_video(tenant)
    make_video(tenant, status="failed")
    metrics = client.get("/metrics").text
    assert "studio_renders_succeeded 1.0" in metrics
    assert "studio_render_failures 1.0" in metrics


def test_readyz_reports_a_broken_broker(settings, monkeypatch):
    broken = settings.model_copy(update={"broker_url": "redis://127.0.0.1:1/0"})
    with TestClient(create_app(broken, ApiSettings())) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["broker"] != "ok"


def test_openapi_documents_errors_and_docs_are_served(client):
    schema = client.get("/openapi.json").json()
    operation = schema["paths"]["/api/v1/batches"]["post"]
    assert "application/problem+json" in operation["responses"]["422"]["content"]
    assert "429" in operation["responses"]
    assert client.get("/docs").status_code == 200


def test_same_key_while_the_first_is_running_is_409_with_retry_after(client, settings, tenant,
                                                                    monkeypatch):
    import hashlib
    import time

    from api import idempotency
    from api.idempotency import _claim

    # the retry waits for the first request's answer, up to the bound (shortened here)
    monkeypatch.setattr(idempotency, "IN_PROGRESS_WAIT_SECONDS", 0.3)
    # the first request has claimed the key and not finished yet
    caller = hashlib.sha256(f"Bearer {tenant.key}".encode()).hexdigest()
    body = json.dumps(PRODUCT).encode()
    request_hash = hashlib.sha256(b"/api/v1/products\n\n" + body + b"\n").hexdigest()
    assert _claim(settings.resolved_database_url(), caller, "busy-key", request_hash,
                  3600)["state"] == "new"
    begun = time.monotonic()
    response = client.post("/api/v1/products", content=body, headers={
        **tenant.headers, "Idempotency-Key": "busy-key", "content-type": "application/json"})
    assert time.monotonic() - begun >= 0.3
    assert response.status_code == 409
    assert response.headers["retry-after"] == "1"
    assert "still being processed" in response.json()["detail"]
