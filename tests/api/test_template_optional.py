"""A template is needed by the template renderer only: a request for it without one names the
field, and another generator's request needs none (issue 17 item 6)."""

from __future__ import annotations

from decimal import Decimal

from studio.db import Product, session_scope


def _mug(settings, tenant) -> int:
    with session_scope(settings.resolved_database_url()) as session:
        mug = Product(workspace_id=tenant.workspace_id, title="Mug", price=Decimal("9"))
        session.add(mug)
        session.flush()
        return mug.id


def test_the_template_renderer_asks_for_its_template(client, tenant, settings) -> None:
    mug = _mug(settings, tenant)
    answer = client.post("/api/v1/videos", headers=tenant.headers, json={"product": mug})
    problem = answer.json()
    print(problem["detail"])
    assert answer.status_code == 422
    assert (problem["code"], problem["field"]) == ("video.template_required", "body.template")
    assert "needs a template" in problem["detail"]

    batch = client.post("/api/v1/batches", headers=tenant.headers, json={
        "items": [{"product": mug, "template": "showcase"}, {"product": mug, "format": "1:1"}]})
    problem = batch.json()
    assert batch.status_code == 422
    assert (problem["code"], problem["field"]) == ("video.template_required",
                                                   "body.items[1].template")
    assert problem["detail"].startswith("item 2 (1:1)")


def test_another_generator_needs_no_template(client, tenant, settings) -> None:
    mug = _mug(settings, tenant)
    answer = client.post("/api/v1/videos", headers=tenant.headers, json={
        "product": mug, "generator": "sora"})
    # accepted and recorded as the generator's, with no template to credit in ROI
    assert answer.status_code == 202, answer.text
    video = answer.json()
    assert (video["generator"], video["template_id"]) == ("sora", None)
    assert video["suggested_ad_name"] == f"Mug | sora | {video['creative_code']}"
