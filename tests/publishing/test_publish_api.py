"""Connecting ad accounts and publishing through the API, on the Meta and TikTok fakes (the
real facebook-business SDK and httpx), with the publish job run in this process."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select

from studio.db import AdAccount, AdLink, Event, Job, PublishedAd, session_scope
from studio.services.publish_runs import run_publish_job
from tests.fakes import meta_api, tiktok_api

META = {"platform": "meta", "account_id": "123456", "access_token": meta_api.TOKEN,
        "page_id": "1029384756", "landing_url": "https://shop.example.com/mug"}
TIKTOK = {"platform": "tiktok", "account_id": tiktok_api.ADVERTISER,
          "access_token": tiktok_api.TOKEN, "identity_id": "6990000000001",
          "identity_type": "CUSTOMIZED_USER", "landing_url": "https://shop.example.com/mug"}


def _bigger_file(settings, video_id: int, size: int = 10_000) -> None:
    """The video's MP4 in storage, big enough for several resumable chunks."""
    from studio.db import Video
    from studio.storage import open_storage

    with session_scope() as session:
        key = session.get(Video, video_id).storage_key
    path = Path(settings.home) / "big.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(size))
    open_storage(settings.resolved_storage_url()).put_file(key, path)


def _publish_jobs() -> list[int]:
    with session_scope() as session:
        return list(session.scalars(select(Job.id).where(Job.kind == "publish",
                                                         Job.status == "pending")))


def _events(kind: str) -> list[dict]:
    with session_scope() as session:
        return [e.payload for e in session.scalars(select(Event).where(Event.type == kind)
                                                   .order_by(Event.seq))]


def test_connect_test_and_list_ad_sets_without_ever_showing_the_token(client, tenant, meta):
    answer = client.post("/api/v1/connections", json=META, headers=tenant.headers)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["connection"]["account_id"] == "act_123456"
    assert body["connection"]["name"] == "Acme Shop ads" and body["connection"]["currency"] == "USD"
    assert body["connection"]["token_hint"] == "…oken"
    assert [s["name"] for s in body["account"]["ad_sets"]] == ["Broad 18-44"]
    assert body["account"]["ad_sets"][0]["campaign_name"] == "Spring sale"
    listed = client.get("/api/v1/connections", headers=tenant.headers)
    sets = client.get(f"/api/v1/connections/{body['connection']['id']}/ad-sets",
                      headers=tenant.headers)
    assert sets.json()["data"][0]["id"] == meta_api.AD_SET["id"]
    for text in (answer.text, listed.text, sets.text):
        assert meta_api.TOKEN not in text
    with session_scope() as session:
        stored = session.scalars(select(AdAccount)).one()
        assert meta_api.TOKEN not in stored.token_ciphertext
    # the same account again: its token is replaced, not a second account
    again = client.post("/api/v1/connections", json=META, headers=tenant.headers)
    assert again.status_code == 200 and again.json()["connection"]["id"] == body["connection"]["id"]


def test_a_refused_token_says_what_to_do(client, tenant, meta):
    answer = client.post("/api/v1/connections", json={**META, "access_token": "EAAB-wrong-one"},
                         headers=tenant.headers)
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["code"] == "connection.refused" and problem["field"] == "body.access_token"
    assert "Invalid OAuth access token" in problem["detail"]
    assert "reconnect" in problem["detail"] and "EAAB-wrong-one" not in answer.text
    missing = client.post("/api/v1/connections", json={**META, "page_id": None},
                          headers=tenant.headers)
    assert missing.status_code == 422 and missing.json()["code"] == "connection.missing_identity"


def test_publish_a_video_to_meta_once_however_often_it_is_asked(client, tenant, meta, settings,
                                                                make_video):
    account = client.post("/api/v1/connections", json=META, headers=tenant.headers).json()
    video = make_video(tenant)
    _bigger_file(settings, video)
    ask = {"account": account["connection"]["id"], "ad_set_id": meta_api.AD_SET["id"],
           "ad_set_name": "Broad 18-44"}
    first = client.post(f"/api/v1/videos/{video}/publish", json=ask, headers=tenant.headers)
    second = client.post(f"/api/v1/videos/{video}/publish", json=ask, headers=tenant.headers)
    assert first.status_code == second.status_code == 202
    assert first.json()["id"] == second.json()["id"] and first.json()["status"] == "queued"
    assert first.json()["published"] is False and first.json()["ad_id"] is None
    jobs = _publish_jobs()
    assert len(jobs) == 1
    assert run_publish_job(jobs[0])["status"] == "succeeded"
    ads = client.get(f"/api/v1/videos/{video}/ads", headers=tenant.headers).json()["data"]
    assert len(ads) == 1 and ads[0]["status"] == "paused" and ads[0]["published"]
    (ad,) = meta.ads.values()
    assert ads[0]["ad_id"] == ad["id"] and ad["configured_status"] == "PAUSED"
    assert ad["name"].endswith(ads[0]["ad_name"].split(" | ")[-1])  # the creative code
    creative = meta.creatives[ad["creative_id"]]
    data = creative["spec"]["video_data"]
    assert "utm_content=" + ads[0]["ad_name"].split(" | ")[-1] in \
        data["call_to_action"]["value"]["link"]
    assert data["image_hash"] in meta.images and data["message"]
    assert meta.transfers == 3  # 10 kB in 4 kB chunks: the resumable upload
    with session_scope() as session:
        link = session.scalars(select(AdLink)).one()
        assert (link.platform, link.ad_id, link.video_id) == ("meta", ad["id"], video)
    started = _events("ad.started")
    assert len(started) == 1 and started[0]["status"] == "paused"
    # asked again once published: the same ad, no new job
    third = client.post(f"/api/v1/videos/{video}/publish", json=ask, headers=tenant.headers)
    assert third.json()["status"] == "paused" and _publish_jobs() == [] and len(meta.ads) == 1


def test_a_batch_to_tiktok_paused_with_md5_signed_uploads(client, tenant, tiktok, make_video):
    account = client.post("/api/v1/connections", json=TIKTOK, headers=tenant.headers).json()
    batch_id = _batch_with(tenant, [make_video(tenant), make_video(tenant)])
    ask = {"account": account["connection"]["id"], "ad_set_id": tiktok_api.AD_GROUP["adgroup_id"]}
    answer = client.post(f"/api/v1/batches/{batch_id}/publish", json=ask, headers=tenant.headers)
    assert answer.status_code == 202 and answer.json()["count"] == 2
    for job in _publish_jobs():
        assert run_publish_job(job)["status"] == "succeeded"
    assert len(tiktok.ads) == 2
    assert {a["operation_status"] for a in tiktok.ads.values()} == {"DISABLE"}
    assert all("utm_content=" in a["landing_page_url"] for a in tiktok.ads.values())
    listed = client.get("/api/v1/published-ads", params={"batch_id": batch_id},
                        headers=tenant.headers).json()
    assert {a["status"] for a in listed["data"]} == {"paused"} and listed["count"] == 2


def _batch_with(tenant, video_ids: list[int]) -> int:
    from studio.db import Batch, Video

    with session_scope() as session:
        batch = Batch(workspace_id=tenant.workspace_id, name="two mugs", status="completed")
        session.add(batch)
        session.flush()
        for video_id in video_ids:
            session.get(Video, video_id).batch_id = batch.id
        return batch.id


def test_a_revoked_token_fails_the_ad_and_asks_to_reconnect(client, tenant, meta, make_video):
    account = client.post("/api/v1/connections", json=META, headers=tenant.headers).json()
    video = make_video(tenant)
    ask = {"account": account["connection"]["id"], "ad_set_id": meta_api.AD_SET["id"]}
    client.post(f"/api/v1/videos/{video}/publish", json=ask, headers=tenant.headers)
    meta.revoke()
    assert run_publish_job(_publish_jobs()[0])["status"] == "failed"
    (ad,) = client.get(f"/api/v1/videos/{video}/ads", headers=tenant.headers).json()["data"]
    assert ad["status"] == "failed" and not ad["published"] and ad["ad_id"] is None
    assert "reconnect this ad account" in ad["reason"]
    shown = client.get(f"/api/v1/connections/{account['connection']['id']}",
                       headers=tenant.headers).json()
    assert shown["status"] == "needs_reconnecting" and "code 190" in shown["status_reason"]
    refused = client.post(f"/api/v1/videos/{video}/publish", json=ask, headers=tenant.headers)
    assert refused.status_code == 409 and refused.json()["code"] == "connection.needs_reconnecting"
    assert _events("ad.failed")[0]["reason"] == ad["reason"]
    # reconnected with a new token: publishing again resumes and makes the one ad
    meta.revoked, meta.token = False, "EAAB-new-token-after-reset"
    fixed = client.patch(f"/api/v1/connections/{account['connection']['id']}",
                         json={"access_token": meta.token}, headers=tenant.headers)
    assert fixed.json()["status"] == "connected"
    client.post(f"/api/v1/videos/{video}/publish", json=ask, headers=tenant.headers)
    assert run_publish_job(_publish_jobs()[0])["status"] == "succeeded"
    assert len(meta.ads) == 1


def test_a_policy_rejection_is_shown_on_the_video(client, tenant, meta, make_video):
    account = client.post("/api/v1/connections", json=META, headers=tenant.headers).json()
    meta.reject_in[meta_api.AD_SET["id"]] = "The ad makes claims the product page does not back"
    video = make_video(tenant)
    client.post(f"/api/v1/videos/{video}/publish", headers=tenant.headers,
                json={"account": account["connection"]["id"], "ad_set_id": meta_api.AD_SET["id"]})
    run_publish_job(_publish_jobs()[0])
    (ad,) = client.get(f"/api/v1/videos/{video}/ads", headers=tenant.headers).json()["data"]
    assert ad["status"] == "rejected" and not ad["published"]
    assert "claims the product page does not back" in ad["reason"]
    assert _events("ad.failed")[0]["status"] == "rejected"


def test_publishing_needs_a_page_to_open_and_a_connected_account(client, tenant, meta,
                                                                  other_tenant, make_video):
    account = client.post("/api/v1/connections", json={**META, "landing_url": None},
                          headers=tenant.headers).json()
    video = make_video(tenant)
    ask = {"account": account["connection"]["id"], "ad_set_id": meta_api.AD_SET["id"]}
    answer = client.post(f"/api/v1/videos/{video}/publish", json=ask, headers=tenant.headers)
    assert answer.status_code == 422 and answer.json()["code"] == "publish.no_landing_url"
    given = client.post(f"/api/v1/videos/{video}/publish", headers=tenant.headers,
                        json={**ask, "landing_url": "https://shop.example.com/p/1?ref=x"})
    assert given.status_code == 202
    assert "ref=x" in given.json()["landing_url"] and "utm_content=" in given.json()["landing_url"]
    foreign = client.post(f"/api/v1/videos/{video}/publish", json=ask,
                          headers=other_tenant.headers)
    assert foreign.status_code == 404
    with session_scope() as session:
        assert session.scalar(select(PublishedAd.status)) == "queued"


def test_an_ad_made_by_an_attempt_that_died_is_adopted_not_made_twice(client, tenant, meta,
                                                                       make_video):
    """A worker killed after Meta made the ad but before the studio stored its id: the next
    attempt finds the ad in the ad set by the video's code."""
    account = client.post("/api/v1/connections", json=META, headers=tenant.headers).json()
    video = make_video(tenant)
    ask = {"account": account["connection"]["id"], "ad_set_id": meta_api.AD_SET["id"]}
    client.post(f"/api/v1/videos/{video}/publish", json=ask, headers=tenant.headers)
    job = _publish_jobs()[0]
    assert run_publish_job(job)["status"] == "succeeded"
    with session_scope() as session:  # forget what the first attempt stored, as if it died
        row = session.scalars(select(PublishedAd)).one()
        row.ad_id, row.creative_id, row.status, row.progress = None, None, "publishing", {}
        again = Job(workspace_id=tenant.workspace_id, kind="publish", video_id=video,
                    payload={"published_ad": row.id})
        session.add(again)
        session.flush()
        again_id = again.id
    assert run_publish_job(again_id)["status"] == "succeeded"
    assert len(meta.ads) == 1
    (ad,) = client.get(f"/api/v1/videos/{video}/ads", headers=tenant.headers).json()["data"]
    assert ad["ad_id"] == next(iter(meta.ads)) and ad["status"] == "paused"
    assert _events("ad.started")[-1]["adopted"] is True


def test_a_rate_limit_waits_as_meta_says_without_spending_an_attempt(client, tenant, meta,
                                                                    make_video):
    account = client.post("/api/v1/connections", json=META, headers=tenant.headers).json()
    video = make_video(tenant)
    client.post(f"/api/v1/videos/{video}/publish", headers=tenant.headers,
                json={"account": account["connection"]["id"], "ad_set_id": meta_api.AD_SET["id"]})
    meta.rate_limit_next = 1
    job = _publish_jobs()[0]
    assert run_publish_job(job)["status"] == "pending"
    (ad,) = client.get(f"/api/v1/videos/{video}/ads", headers=tenant.headers).json()["data"]
    assert ad["status"] == "queued" and "rate limit: trying again in 60 s" in ad["reason"]
    with session_scope() as session:
        waiting = session.get(Job, job)
        assert waiting.attempts == 0 and waiting.payload["not_before"]
        assert waiting.celery_task_id is None  # the sweep sends it again when it is time
    assert run_publish_job(job)["status"] == "waiting"  # too early: given back untouched
    with session_scope() as session:
        waiting = session.get(Job, job)
        waiting.payload = {k: v for k, v in waiting.payload.items() if k != "not_before"}
    assert run_publish_job(job)["status"] == "succeeded" and len(meta.ads) == 1
