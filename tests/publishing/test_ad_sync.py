"""Results come back by themselves: a pull of every connected account, incremental with the
attribution window, linked by the ad id the studio stored, an event per video whose numbers
moved, the ads' review status read again."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from studio.db import AdStat, Event, Job, session_scope
from studio.services.ad_sync import sync_account, sync_all, sync_range
from studio.services.publish_runs import run_publish_job
from tests.fakes import meta_api
from tests.publishing.test_publish_api import META

TODAY = dt.date(2026, 12, 7)


def _published(client, tenant, meta, make_video) -> tuple[int, int, str]:
    account = client.post("/api/v1/connections", json=META, headers=tenant.headers).json()
    video = make_video(tenant)
    client.post(f"/api/v1/videos/{video}/publish", headers=tenant.headers,
                json={"account": account["connection"]["id"],
                      "ad_set_id": meta_api.AD_SET["id"]})
    with session_scope() as session:
        job = session.scalar(select(Job.id).where(Job.kind == "publish"))
    run_publish_job(job)
    (ad_id,) = meta.ads
    return account["connection"]["id"], video, ad_id


def _performance(video: int) -> list[dict]:
    with session_scope() as session:
        return [e.payload for e in session.scalars(
            select(Event).where(Event.type == "ad.performance_updated",
                                Event.subject_id == str(video)).order_by(Event.seq))]


def test_the_window_reaches_back_to_the_last_pull(monkeypatch):
    monkeypatch.delenv("STUDIO_ADS_SYNC_DAYS", raising=False)
    assert sync_range(None, TODAY) == (TODAY - dt.timedelta(days=6), TODAY)
    assert sync_range(TODAY - dt.timedelta(days=1), TODAY)[0] == TODAY - dt.timedelta(days=6)
    assert sync_range(TODAY - dt.timedelta(days=20), TODAY)[0] == TODAY - dt.timedelta(days=19)
    monkeypatch.setenv("STUDIO_ADS_SYNC_DAYS", "28")
    assert sync_range(None, TODAY)[0] == TODAY - dt.timedelta(days=27)


def test_a_pull_links_by_ad_id_and_tells_which_videos_moved(client, tenant, meta, make_video):
    account, video, ad_id = _published(client, tenant, meta, make_video)
    for back in range(7):
        meta.add_results(ad_id, TODAY - dt.timedelta(days=back), spend="10.00",
                         impressions=2000, purchases=1, revenue="35.00")
    # an ad the studio did not publish, named without a code: kept, not linked
    meta.records.append({**meta_api.insights_record(9, TODAY), "ad_name": "Old ad"})
    first = sync_account(account, today=TODAY)
    assert first.error is None and first.rows == 8 and first.matched == 7
    assert first.unmatched == 1 and first.videos_updated == [video]
    (moved,) = _performance(video)
    assert moved["spend"] == "70.00" and moved["revenue"] == "245.00" and moved["roas"] == "3.50"
    assert moved["before"] is None and moved["since"] == "2026-12-01"
    with session_scope() as session:
        methods = set(session.scalars(select(AdStat.match_method).where(
            AdStat.video_id == video)))
    assert methods == {"ad_link"}
    # the same numbers again: nothing moved, no event; a restated day: one event
    assert sync_account(account, today=TODAY).videos_updated == []
    meta.records[0]["spend"] = "25.00"
    again = sync_account(account, today=TODAY + dt.timedelta(days=1))
    assert again.videos_updated == [video] and again.since == dt.date(2026, 12, 2)
    last = _performance(video)[-1]
    assert last["before"]["spend"] == "60.00" and last["spend"] == "75.00"
    shown = client.get(f"/api/v1/connections/{account}", headers=tenant.headers).json()
    assert shown["synced_through"] == "2026-12-08" and shown["sync_error"] is None


def test_a_pull_reads_review_status_and_a_revoked_token_stops_only_that_account(
        client, tenant, meta, make_video):
    account, video, _ = _published(client, tenant, meta, make_video)
    meta.reject_in[meta_api.AD_SET["id"]] = "Before-and-after images are not allowed"
    result = sync_all(today=TODAY)["accounts"]
    assert result[0]["ads_checked"] == 1
    (ad,) = client.get(f"/api/v1/videos/{video}/ads", headers=tenant.headers).json()["data"]
    assert ad["status"] == "rejected" and "Before-and-after" in ad["reason"]
    meta.revoke()
    refused = sync_account(account, today=TODAY)
    assert "reconnect" in refused.error and meta_api.TOKEN not in refused.error
    shown = client.get(f"/api/v1/connections/{account}", headers=tenant.headers).json()
    assert shown["status"] == "needs_reconnecting"
    assert sync_all(today=TODAY) == {"accounts": []}  # skipped until reconnected


def test_an_ad_switched_on_in_ads_manager_is_an_ad_started(client, tenant, meta, make_video):
    account, video, ad_id = _published(client, tenant, meta, make_video)
    meta.ads[ad_id]["effective_status"] = "ACTIVE"  # the seller switched it on
    assert sync_account(account, today=TODAY).ads_checked == 1
    (ad,) = client.get(f"/api/v1/videos/{video}/ads", headers=tenant.headers).json()["data"]
    assert ad["status"] == "active" and ad["published"]
    with session_scope() as session:
        started = [e.payload for e in session.scalars(
            select(Event).where(Event.type == "ad.started").order_by(Event.seq))]
    assert [s.get("enabled", False) for s in started] == [False, True]
    assert started[1]["was"] == "paused"
