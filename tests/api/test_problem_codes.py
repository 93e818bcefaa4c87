"""Problem documents carry a stable `code` and its `params` besides the English `detail`, so
the web studio (or any client) can show the error in the seller's language."""

from __future__ import annotations

from decimal import Decimal


def _products(settings, tenant, n=1):
    from studio.db import Product, session_scope

    with session_scope(settings.resolved_database_url()) as session:
        made = [Product(workspace_id=tenant.workspace_id, title=f"Mug {i}", price=Decimal("9"))
                for i in range(n)]
        session.add_all(made)
        session.flush()
        return [p.id for p in made]


def test_a_batch_whose_products_are_gone_says_so_with_a_code(client, settings, tenant):
    answer = client.post("/api/v1/batches", headers=tenant.headers, json={
        "catalog": {"templates": ["showcase"], "formats": ["9:16"], "product_ids": [987654]}})
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["code"] == "batch.no_products"
    assert problem["params"] == {"field": "body.catalog"}
    assert problem["detail"].startswith("no product matches")  # the English text stays


def test_a_missing_product_in_an_item_names_item_and_product(client, settings, tenant):
    [mug] = _products(settings, tenant)
    answer = client.post("/api/v1/batches", headers=tenant.headers, json={"items": [
        {"product": mug, "template": "showcase"}, {"product": 987654, "template": "showcase"}]})
    assert answer.status_code == 404
    problem = answer.json()
    assert problem["code"] == "batch.product_missing"
    assert problem["params"] == {"field": "body.items[1]", "item": 2, "product": 987654,
                                 "resource": "product", "id": 987654, "name": "Product",
                                 "template": "showcase", "format": "9:16"}
    assert problem["detail"] == ("item 2 (showcase, 9:16): product 987654 not found in this "
                                 "workspace")


def test_schema_errors_carry_the_pydantic_type_and_its_context(client, tenant):
    answer = client.post("/api/v1/batches", headers=tenant.headers,
                         json={"name": "x", "items": [{"product": 0, "template": "showcase"}]})
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["code"] == "validation" and problem["params"]["count"] == 1
    error = problem["errors"][0]
    assert error["field"] == "body.items[0].product"
    assert (error["code"], error["params"]) == ("greater_than_equal", {"ge": 1})
    missing = client.post("/api/v1/candidates", headers=tenant.headers, json={"template": "x"})
    assert {e["code"] for e in missing.json()["errors"]} == {"missing"}


def test_not_found_names_the_resource_and_id(client, tenant):
    problem = client.get("/api/v1/batches/424242", headers=tenant.headers).json()
    assert (problem["code"], problem["params"]) == (
        "not_found", {"resource": "batch", "id": 424242, "name": "Batch"})
    group = client.get("/api/v1/candidates/nosuchgroup", headers=tenant.headers).json()
    assert group["code"] == "not_found"
    assert group["params"] == {"resource": "candidate_group", "id": "nosuchgroup",
                               "name": "Candidate group"}


def test_every_error_has_a_code_of_its_own(client, tenant):
    """Codes come from where the error is raised (never from reading the English text)."""
    path = client.get("/api/v1/no-such-route", headers=tenant.headers).json()
    assert path["code"] == "not_found" and path["params"] == {}
    unsigned = client.get("/api/v1/products").json()
    assert unsigned["code"] == "auth.signed_out"
    bad_key = client.get("/api/v1/products", headers={"Authorization": "Bearer nope"}).json()
    assert (bad_key["code"], bad_key["params"]) == ("auth.missing_key",
                                                    {"field": "header.authorization"})
    rate = client.get("/api/v1/analytics/roi", headers=tenant.headers,
                      params={"currency": "USD", "rate": "EUR:1.1"}).json()
    assert (rate["code"], rate["params"]) == (
        "analytics.bad_rate", {"field": "query.rate", "rate": "EUR:1.1"})
