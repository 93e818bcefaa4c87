"""What the contract test (test_fuzz.py) found, each pinned by a plain request: the methods a
path serves in `Allow`, ids that are numbers routed as numbers, dates and times in ISO 8601
only, an empty or non-finite exchange rate, and unreadable bodies answered with a status the
OpenAPI document lists."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("method, path, allowed", [
    ("PUT", "/api/v1/products/1", "DELETE, GET, PATCH"),
    ("OPTIONS", "/api/v1/products/1", "DELETE, GET, PATCH"),
    ("PATCH", "/api/v1/products/import", "POST"),   # not a product id
    ("GET", "/api/v1/ad-imports/run", "POST"),
    ("OPTIONS", "/api/v1/ad-imports/links", "POST"),
    ("DELETE", "/api/v1/batches", "GET, POST"),
])
def test_405_names_every_method_the_path_serves(client, tenant, method, path, allowed):
    response = client.request(method, path, headers=tenant.headers)
    assert response.status_code == 405, response.text
    assert response.headers["allow"] == allowed
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize("path, params, field", [
    ("/api/v1/videos", {"created_before": "0.5"}, "query.created_before"),
    ("/api/v1/videos", {"created_after": "1700000000"}, "query.created_after"),
    ("/api/v1/usage", {"since": "0"}, "query.since"),
    ("/api/v1/analytics/roi", {"until": "0"}, "query.until"),
    ("/api/v1/analytics/roi/trend", {"since": "20261101"}, "query.since"),
])
def test_a_number_is_not_a_date_or_a_time(client, tenant, path, params, field):
    response = client.get(path, headers=tenant.headers, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    assert "e.g. 2026-11-01" in response.json()["detail"]


def test_iso_dates_and_times_still_work(client, tenant):
    for path, params in [("/api/v1/videos", {"created_before": "2026-11-01T00:00:00Z"}),
                         ("/api/v1/usage", {"since": "2026-11-01T00:00:00+08:00"}),
                         ("/api/v1/analytics/roi", {"since": "2026-10-01",
                                                    "until": "2026-11-01"})]:
        assert client.get(path, headers=tenant.headers, params=params).status_code == 200


def test_an_empty_rate_is_no_rate_and_a_non_finite_one_is_refused(client, tenant):
    assert client.get("/api/v1/analytics/roi", headers=tenant.headers,
                      params={"rate": ""}).status_code == 200
    for rate in ("EUR=NaN", "EUR=Infinity", "EUR=sNaN"):
        response = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                              params={"currency": "USD", "rate": rate})
        assert response.status_code == 422, response.text  # was a 500 for NaN
        assert response.json()["code"] == "analytics.bad_rate"


def test_unreadable_bodies_answer_a_documented_status(client, tenant):
    documented = client.get("/openapi.json").json()["paths"]
    broken_json = client.post("/api/v1/products", content=b'{"title": ', headers={
        **tenant.headers, "content-type": "application/json"})
    assert broken_json.status_code == 422
    assert broken_json.json()["errors"][0]["code"] == "json_invalid"
    assert "not valid JSON" in documented["/api/v1/products"]["post"]["responses"]["422"][
        "description"]
    broken_form = client.post("/api/v1/products/import", content=b"--x\r\nbroken",
                              headers={**tenant.headers, "content-type": "multipart/form-data"})
    assert broken_form.status_code == 400
    assert "400" in documented["/api/v1/products/import"]["post"]["responses"]


def test_a_template_id_is_not_refused_by_its_pattern(client, tenant):
    response = client.get("/api/v1/templates/0", headers=tenant.headers)
    assert response.status_code == 404
    assert response.json()["code"] == "template.not_found"


def test_a_preview_at_true_is_not_a_number_of_seconds(client, tenant):
    response = client.post("/api/v1/templates/showcase/preview", headers=tenant.headers,
                           json={"product_id": 1, "at": True})
    assert response.status_code == 422
    assert response.json()["field"] == "body.at"
