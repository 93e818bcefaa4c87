"""TikTok's errors on the publishing side, on the fake Business API (every answer
``{code, message, request_id, data}`` with HTTP 200, errors too), through the TikTok plugin
over httpx and the publish job run in this process: a revoked token, a rate limit, a policy
rejection."""

from __future__ import annotations

import logging

from sqlalchemy import select

from studio.db import Job, session_scope
from studio.services.publish_runs import run_publish_job
from tests.fakes import tiktok_api
from tests.publishing.test_publish_api import TIKTOK, _events, _publish_jobs

GROUP = tiktok_api.AD_GROUP["adgroup_id"]


def _connect_and_publish(client, tenant, make_video) -> tuple[int, int, list[str]]:
    """The connection's id, the video's, and the API's answers so far (to search)."""
    connected = client.post("/api/v1/connections", json=TIKTOK, headers=tenant.headers)
    assert connected.status_code == 201, connected.text
    account = connected.json()["connection"]["id"]
    video = make_video(tenant)
    asked = client.post(f"/api/v1/videos/{video}/publish", headers=tenant.headers,
                        json={"account": account, "ad_set_id": GROUP})
    assert asked.status_code == 202, asked.text
    return account, video, [connected.text, asked.text]


def _ads_of(client, tenant, video: int) -> tuple[dict, str]:
    answer = client.get(f"/api/v1/videos/{video}/ads", headers=tenant.headers)
    (ad,) = answer.json()["data"]
    return ad, answer.text


def test_a_revoked_tiktok_token_asks_to_reconnect_and_shows_nothing_published(
        client, tenant, tiktok, make_video, caplog):
    caplog.set_level(logging.DEBUG)
    account, video, answers = _connect_and_publish(client, tenant, make_video)
    tiktok.revoke()
    assert run_publish_job(_publish_jobs()[0])["status"] == "failed"
    ad, text = _ads_of(client, tenant, video)
    print("\nthe video's ad:", ad["status"], "-", ad["reason"])
    assert ad["status"] == "failed" and not ad["published"] and ad["ad_id"] is None
    assert "code 40105" in ad["reason"] and "reconnect this advertiser" in ad["reason"]
    assert tiktok.ads == {} and tiktok.videos == {}  # stopped before anything was made
    shown = client.get(f"/api/v1/connections/{account}", headers=tenant.headers)
    assert shown.json()["status"] == "needs_reconnecting"
    assert "invalid or has been revoked" in shown.json()["status_reason"]
    refused = client.post(f"/api/v1/videos/{video}/publish", headers=tenant.headers,
                          json={"account": account, "ad_set_id": GROUP})
    assert refused.status_code == 409
    assert refused.json()["code"] == "connection.needs_reconnecting"
    assert _events("ad.failed")[0]["reason"] == ad["reason"]
    listed = client.get("/api/v1/published-ads", headers=tenant.headers)
    assert [a["published"] for a in listed.json()["data"]] == [False]
    # reconnected (the token authorised again): publishing again makes the one ad
    tiktok.revoked = False
    fixed = client.patch(f"/api/v1/connections/{account}", headers=tenant.headers,
                         json={"access_token": tiktok_api.TOKEN})
    assert fixed.json()["status"] == "connected", fixed.text
    again = client.post(f"/api/v1/videos/{video}/publish", headers=tenant.headers,
                        json={"account": account, "ad_set_id": GROUP})
    assert run_publish_job(_publish_jobs()[0])["status"] == "succeeded"
    after, last = _ads_of(client, tenant, video)
    assert after["status"] == "paused" and after["published"] and len(tiktok.ads) == 1
    said = [*answers, text, shown.text, refused.text, listed.text, fixed.text, again.text, last]
    logged = "\n".join(r.getMessage() + str(r.__dict__) for r in caplog.records)
    assert tiktok_api.TOKEN not in "\n".join(said) + logged
    assert logged  # the run was logged, and the search above read it


def test_a_tiktok_rate_limit_waits_then_publishes(client, tenant, tiktok, make_video):
    _, video, _ = _connect_and_publish(client, tenant, make_video)
    tiktok.rate_limit_next = True  # code 40100, "Requests made too frequently."
    job = _publish_jobs()[0]
    assert run_publish_job(job)["status"] == "pending"
    ad, _ = _ads_of(client, tenant, video)
    print("\nwhile waiting:", ad["status"], "-", ad["reason"])
    assert ad["status"] == "queued" and not ad["published"]
    assert "code 40100" in ad["reason"] and "rate limit: trying again in 15 s" in ad["reason"]
    with session_scope() as session:
        waiting = session.get(Job, job)
        assert waiting.attempts == 0 and waiting.payload["not_before"]  # no attempt spent
    assert run_publish_job(job)["status"] == "waiting"  # too early: given back untouched
    with session_scope() as session:
        waiting = session.get(Job, job)
        waiting.payload = {k: v for k, v in waiting.payload.items() if k != "not_before"}
    assert run_publish_job(job)["status"] == "succeeded"
    ad, _ = _ads_of(client, tenant, video)
    assert ad["status"] == "paused" and ad["published"] and len(tiktok.ads) == 1
    assert {a["operation_status"] for a in tiktok.ads.values()} == {"DISABLE"}


def test_a_tiktok_policy_rejection_is_shown_on_the_video(client, tenant, tiktok, make_video):
    tiktok.reject_in[GROUP] = "Exaggerated claims: the ad promises results it cannot show"
    _, video, _ = _connect_and_publish(client, tenant, make_video)
    run_publish_job(_publish_jobs()[0])
    ad, _ = _ads_of(client, tenant, video)
    print("\nthe video's ad:", ad["status"], "-", ad["reason"])
    assert ad["status"] == "rejected" and not ad["published"]
    assert "promises results it cannot show" in ad["reason"]
    assert _events("ad.failed")[0]["status"] == "rejected"
    with session_scope() as session:
        assert session.scalars(select(Job.status).where(Job.kind == "publish")).all() == [
            "succeeded"]  # the platform answered: a rejection is not retried
