"""Issue 16's fixes at the doors that had no test of their own: a ``null`` for a product's
field, header-only and bad-row uploads named as the seller named them, the broker's
visibility timeout as a setting, and the cloud SDK pins that match the features used."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("field", ["images", "attributes", "description", "category", "title"])
def test_a_null_for_a_product_field_is_a_422_naming_it(client, tenant, field) -> None:
    h = tenant.headers
    product = client.post("/api/v1/products", headers=h, json={
        "title": "Linen shirt", "price": "39.90", "category": "apparel",
        "description": "Soft", "attributes": {"material": "linen"}}).json()
    answer = client.patch(f"/api/v1/products/{product['id']}", headers=h, json={field: None})
    assert answer.status_code == 422, answer.text  # it was a 500 (NOT NULL, pydantic)
    assert answer.json()["field"] == f"body.{field}"
    after = client.get(f"/api/v1/products/{product['id']}", headers=h).json()
    assert after == product  # nothing half-written (and money in the currency's decimals)


@pytest.mark.parametrize("route,extra", [("/api/v1/products/import", {}),
                                         ("/api/v1/ad-imports", {"source": "meta"})])
def test_a_header_only_upload_says_no_rows_and_stores_nothing(client, tenant, route,
                                                              extra) -> None:
    header = (b"sku,title,price,currency,image\n" if "products" in route else
              b"Day,Ad name,Ad ID,Amount spent (USD),Impressions\n")
    answer = client.post(route, headers=tenant.headers, data=extra,
                         files={"file": ("week 49.csv", header, "text/csv")})
    assert answer.status_code == 422, answer.text  # it was a 201 with nothing stored
    problem = answer.json()
    assert (problem["code"], problem["field"]) == ("import.no_rows", "body.file")
    assert "week 49.csv" in problem["detail"]
    assert client.get("/api/v1/products", headers=tenant.headers).json()["count"] == 0
    assert client.get("/api/v1/ad-imports", headers=tenant.headers).json()["count"] == 0


def test_rejected_rows_name_the_file_as_uploaded_never_a_server_path(client, tenant) -> None:
    data = (b"sku,title,price,currency\n"
            b"A1,Blue mug,12.50,USD\n"
            b"A2,Lamp,twelve,USD\n")
    answer = client.post("/api/v1/products/import", headers=tenant.headers,
                         files={"file": ("my catalog.csv", data, "text/csv")})
    assert answer.status_code == 201, answer.text
    reasons = [row["reason"] for row in answer.json()["rejected"]]
    assert len(reasons) == 1 and reasons[0].startswith("my catalog.csv row 3"), reasons
    assert "/" not in reasons[0] and "studio-upload" not in reasons[0]


def test_the_visibility_timeout_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.config import Settings
    from studio.jobs.celery_app import celery_config

    monkeypatch.setenv("STUDIO_BROKER_VISIBILITY_TIMEOUT", "300")
    settings = Settings(broker_url="redis://127.0.0.1:6379/0")
    assert settings.broker_visibility_timeout == 300  # it was a constant of 3,420 s
    options = celery_config(settings)["broker_transport_options"]
    assert options["visibility_timeout"] == 300


def _pin(name: str) -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    cloud = project["optional-dependencies"]["cloud"]
    found = [Requirement(r) for r in cloud if Requirement(r).name == name]
    assert found, f"{name} is not among the cloud extras"
    return found[0]


def test_the_cloud_sdk_pins_admit_only_versions_with_the_features_used() -> None:
    # client.videos first shipped in openai 2.2.0 and is still in 3.x (the old <3.2 cap's
    # reason was false); GenerateVideosSource first shipped in google-genai 1.32.0
    openai = _pin("openai").specifier
    assert "2.1.0" not in openai and "2.2.0" in openai and "3.51.0" in openai
    genai = _pin("google-genai").specifier
    assert "1.31.0" not in genai and "1.32.0" in genai
    from google.genai import types
    from openai import OpenAI

    assert hasattr(OpenAI(api_key="sk-test", base_url="http://127.0.0.1:9"), "videos")
    assert hasattr(types, "GenerateVideosSource")
