"""A retry with the same Idempotency-Key that arrives while the first request is still being
answered waits for the stored answer and gets it replayed (docs/api.md, section 3); past the
bound it is a 409 with Retry-After; if the first failed, the waiting retry runs for real.

Two requests really run at once here: the app is called in-process over ASGI from one event
loop, the first request made slow inside its service, the second sent while it works."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import anyio
import httpx
import pytest

from api import idempotency
from studio.services import catalog

PRODUCT = {"title": "Ceramic mug", "price": "12.50", "category": "kitchen"}


def _run(scenario) -> None:
    """``anyio.run`` on a thread of its own: this thread may already hold a running loop (the
    browser tests' Playwright, when they ran first in this process)."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(anyio.run, scenario).result()


def _slow_first_call(monkeypatch, seconds: float, *, fail: bool = False) -> threading.Event:
    """The first ``create_product`` waits ``seconds`` (then fails, with ``fail``); later calls
    are the real service. The event is set once the first call is inside the service."""
    started = threading.Event()
    real = catalog.create_product
    calls = []

    def create_product(scope, body):
        calls.append(body)
        if len(calls) == 1:
            started.set()
            time.sleep(seconds)
            if fail:
                raise RuntimeError("the database went away")
        return real(scope, body)

    monkeypatch.setattr(catalog, "create_product", create_product)
    return started


def _both(app, headers: dict[str, str], started: threading.Event):
    """Send the first request, and the same one again once the first is being worked on."""
    answers: dict[str, tuple[httpx.Response, float]] = {}

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://studio") as client:

            async def send(name: str) -> None:
                if name == "retry":
                    assert await anyio.to_thread.run_sync(started.wait, 10)
                begun = time.monotonic()
                response = await client.post("/api/v1/products", json=PRODUCT, headers=headers)
                answers[name] = (response, time.monotonic() - begun)

            async with anyio.create_task_group() as group:
                group.start_soon(send, "first")
                group.start_soon(send, "retry")

    _run(scenario)
    return answers["first"], answers["retry"]


@pytest.mark.parametrize("settings", [
    "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_a_retry_while_the_first_is_running_waits_and_gets_the_same_answer(
        app, client, tenant, monkeypatch):
    started = _slow_first_call(monkeypatch, 1.5)
    headers = {**tenant.headers, "Idempotency-Key": "order-slow"}
    (first, _), (retry, waited) = _both(app, headers, started)
    print(f"first {first.status_code}; retry {retry.status_code} after {waited:.2f}s, "
          f"replayed={retry.headers.get('idempotent-replayed')}")
    assert first.status_code == 201, first.text
    assert retry.status_code == 201, retry.text  # not 409 idempotency.in_progress
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.json() == first.json()
    assert retry.headers["location"] == first.headers["location"]
    assert 0.5 < waited < idempotency.IN_PROGRESS_WAIT_SECONDS
    assert client.get("/api/v1/products", headers=tenant.headers).json()["count"] == 1


def test_a_waiting_retry_runs_for_real_when_the_first_fails(app, client, tenant, monkeypatch):
    started = _slow_first_call(monkeypatch, 0.8, fail=True)
    headers = {**tenant.headers, "Idempotency-Key": "order-failing"}
    (first, _), (retry, _) = _both(app, headers, started)
    assert first.status_code == 500  # a server error is not stored...
    assert retry.status_code == 201, retry.text  # ...so the retry ran, once
    assert "idempotent-replayed" not in retry.headers
    assert client.get("/api/v1/products", headers=tenant.headers).json()["count"] == 1


def test_past_the_bound_the_retry_is_409_with_retry_after(app, client, tenant, monkeypatch):
    monkeypatch.setattr(idempotency, "IN_PROGRESS_WAIT_SECONDS", 0.4)
    started = _slow_first_call(monkeypatch, 2.0)
    headers = {**tenant.headers, "Idempotency-Key": "order-very-slow"}
    (first, _), (retry, waited) = _both(app, headers, started)
    assert first.status_code == 201
    assert retry.status_code == 409
    assert retry.json()["code"] == "idempotency.in_progress"
    assert retry.headers["retry-after"] == "1"
    assert 0.4 <= waited < 1.9
    # and once the first has its answer, the same retry gets it
    again = client.post("/api/v1/products", json=PRODUCT, headers=headers)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()


def test_the_answer_is_stored_before_the_client_has_read_it(app, settings, tenant):
    """A client that retries the moment it has read a 202 finds the answer stored: the row is
    written before the last byte of the response is sent."""
    from sqlalchemy import text

    from studio.db import get_engine

    seen: list[object] = []

    async def scenario() -> None:
        async def receive():
            return {"type": "http.request", "body": b'{"title": "Mug", "price": "1"}',
                    "more_body": False}

        async def send(message):
            if message["type"] == "http.response.body" and not message.get("more_body"):
                with get_engine(settings.resolved_database_url()).connect() as connection:
                    seen.append(connection.execute(text(
                        "select status_code from api_idempotency_keys where key = 'k-1'"
                    )).scalar())

        scope = {"type": "http", "method": "POST", "path": "/api/v1/products",
                 "raw_path": b"/api/v1/products", "root_path": "", "scheme": "http",
                 "query_string": b"", "server": ("studio", 80), "client": ("127.0.0.1", 1),
                 "http_version": "1.1", "asgi": {"version": "3.0"},
                 "headers": [(b"host", b"studio"), (b"content-type", b"application/json"),
                             (b"authorization", f"Bearer {tenant.key}".encode()),
                             (b"idempotency-key", b"k-1")]}
        await app(scope, receive, send)

    _run(scenario)
    assert seen == [201]
