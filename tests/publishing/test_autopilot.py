"""The autopilot, through the API: off by default; on, new products from a catalog import
become videos with the templates that earn (each with its reason), within the daily cap,
published paused where the seller said; pausing stops it at once; a daily digest."""

from __future__ import annotations

from sqlalchemy import select

from studio.db import Event, Mail, PublishedAd, Video, session_scope
from studio.services.autopilot_digest import send_due_digests
from tests.fakes import meta_api
from tests.publishing.history import seed_history
from tests.publishing.test_publish_api import META


def _import(client, tenant, names: list[str]) -> dict:
    rows = "".join(f"{name},29.90,9.50,mugs\n" for name in names)
    answer = client.post("/api/v1/products/import", headers=tenant.headers, files={
        "file": ("shop.csv", ("title,price,cost,category\n" + rows).encode(), "text/csv")})
    assert answer.status_code == 201, answer.text
    return answer.json()


def _log(client, tenant) -> list[dict]:
    return client.get("/api/v1/autopilot/log", headers=tenant.headers).json()["data"]


def _requested() -> list[dict]:
    with session_scope() as session:
        return [e.payload for e in session.scalars(select(Event).where(
            Event.type == "autopilot.video_requested").order_by(Event.seq))]


def test_off_by_default_then_renders_new_products_with_the_templates_that_earn(
        client, tenant, settings):
    shown = client.get("/api/v1/autopilot", headers=tenant.headers).json()
    assert shown["status"] == "off" and shown["max_videos_per_day"] == 10
    _import(client, tenant, ["Mug A"])
    with session_scope() as session:
        assert session.scalars(select(Video)).all() == []  # off: nothing happens
    seed_history(tenant.workspace_id, {"price-drop": (3, "300"), "showcase": (3, "60")})
    on = client.patch("/api/v1/autopilot", headers=tenant.headers, json={
        "enabled": True, "max_videos_per_day": 3, "options": {"preview": True}})
    assert on.json()["status"] == "on"
    favourite = on.json()["next"][0]
    assert favourite["template"] == "price-drop" and favourite["videos"] >= 9
    assert favourite["reason"].startswith("price-drop: ") and "chance of the best ROI" in \
        favourite["reason"]
    result = _import(client, tenant, ["Mug B", "Mug C", "Mug D", "Mug E"])
    asked = _requested()
    assert len(asked) == 3  # the daily cap
    assert {a["template"] for a in asked} == {"price-drop"}
    assert all("chance of the best ROI" in a["reason"] for a in asked)
    assert {a["product_id"] for a in asked} == set(result["product_ids"][:3])
    with session_scope() as session:
        videos = session.scalars(select(Video).where(Video.template_id == "price-drop",
                                                     Video.status == "queued")).all()
        assert len(videos) == 3 and all(v.options["preview"] for v in videos)
    skipped = [e for e in _log(client, tenant) if e["type"] == "autopilot.skipped"]
    assert skipped[0]["payload"]["products"] == [result["product_ids"][3]]
    assert "daily cap of 3 videos" in skipped[0]["payload"]["reason"]
    # a product that has a video is no news, and the cap holds for the rest of the day
    _import(client, tenant, ["Mug B"])
    assert len(_requested()) == 3
    assert client.get("/api/v1/autopilot", headers=tenant.headers).json()["videos_today"] == 3


def test_no_results_yet_tries_the_templates_in_turn_and_publishes_paused(
        client, tenant, meta):
    account = client.post("/api/v1/connections", json=META, headers=tenant.headers).json()
    client.patch("/api/v1/autopilot", headers=tenant.headers, json={
        "enabled": True, "templates": ["showcase", "price-drop"],
        "publish_to": [{"account": account["connection"]["id"],
                        "ad_set_id": meta_api.AD_SET["id"], "ad_set_name": "Broad 18-44"}]})
    _import(client, tenant, ["Lamp 1", "Lamp 2"])
    asked = _requested()
    assert [a["template"] for a in asked] == ["showcase", "price-drop"]
    assert "no template has results yet" in asked[0]["reason"]
    with session_scope() as session:
        ads = session.scalars(select(PublishedAd)).all()
        assert len(ads) == 2 and {a.status for a in ads} == {"queued"}
        assert all(a.start_paused and a.requested_by == "autopilot" for a in ads)
    publishing = [e for e in _log(client, tenant) if e["type"] == "autopilot.publishing"]
    assert "paused into Broad 18-44" in publishing[0]["payload"]["reason"]
    # pause: at once — the queued renders and the ads waiting for them are cancelled
    paused = client.post("/api/v1/autopilot/pause", headers=tenant.headers).json()
    assert paused["status"] == "paused"
    event = next(e for e in _log(client, tenant) if e["type"] == "autopilot.paused")
    assert len(event["payload"]["cancelled_videos"]) == 2
    assert len(event["payload"]["cancelled_ads"]) == 2
    with session_scope() as session:
        assert {v.status for v in session.scalars(select(Video))} == {"cancelled"}
        assert {a.status for a in session.scalars(select(PublishedAd))} == {"failed"}
    _import(client, tenant, ["Lamp 3"])
    assert len(_requested()) == 2  # paused: nothing new
    client.post("/api/v1/autopilot/resume", headers=tenant.headers)
    _import(client, tenant, ["Lamp 4"])
    assert len(_requested()) == 3


def test_the_daily_digest_is_an_event_and_a_mail(client, tenant, settings):
    seed_history(tenant.workspace_id, {"price-drop": (3, "300"), "showcase": (3, "60")})
    client.patch("/api/v1/autopilot", headers=tenant.headers,
                 json={"enabled": True, "digest_to": "owner@shop.example"})
    _import(client, tenant, ["Vase 1", "Vase 2"])
    assert send_due_digests()["digests"] == [tenant.workspace_id]
    assert send_due_digests()["digests"] == []  # once a day
    digest = next(e for e in _log(client, tenant) if e["type"] == "autopilot.digest")
    assert digest["payload"]["rendered"] == 2
    assert set(digest["payload"]["roi"]) == {"price-drop (USD)", "showcase (USD)"}
    with session_scope() as session:
        mail = session.scalars(select(Mail).where(Mail.kind == "autopilot_digest")).one()
    assert mail.to_address == "owner@shop.example" and "2 video(s)" in mail.subject
    assert "price-drop (USD): – → 3.50" in mail.body  # (225 - 50) ÷ 50; (45 - 50) ÷ 50
    assert "showcase (USD): – → -0.10" in mail.body


def test_a_store_pulled_on_a_schedule_brings_new_products_by_themselves(client, tenant):
    from studio.services.autopilot_store import pull_stores
    from tests.fakes.shopify_api import TOKEN, FakeShopify, product_node

    with FakeShopify([product_node(i) for i in range(2)]) as shop:
        on = client.patch("/api/v1/autopilot", headers=tenant.headers, json={
            "enabled": True, "store": {"shop_url": shop.url, "access_token": TOKEN}})
        assert on.status_code == 200, on.text
        store = on.json()["store"]
        assert store["shop_url"] == shop.url and store["token_hint"] == "…oken"
        assert TOKEN not in on.text
        assert pull_stores()["stores"][0]["stored"] == 2
        asked = _requested()
        assert [a["product"] for a in asked] == ["Product 0", "Product 1"]
        assert pull_stores()["stores"][0]["stored"] == 2 and len(_requested()) == 2  # no news
        shop.products.append(product_node(2))
        pull_stores()
        assert [a["product"] for a in _requested()][-1] == "Product 2"
        client.patch("/api/v1/autopilot", headers=tenant.headers, json={
            "store": {"shop_url": shop.url, "access_token": "shpat_revoked_one"}})
        (failed,) = pull_stores()["stores"]
        assert "the access token is wrong" in failed["error"]
        shown = client.get("/api/v1/autopilot", headers=tenant.headers).json()["store"]
        assert shown["error"] == failed["error"] and "shpat_revoked_one" not in str(shown)
        client.post("/api/v1/autopilot/pause", headers=tenant.headers)
        assert pull_stores() == {"stores": []}  # paused: not even pulled
