"""A third party adds an ad platform as a plugin (docs/plugins.md, "Adding an ad platform"):
a loose plugin file is enough for the studio to connect it, publish to it, resume a
half-done publish from what it saved, and link its results by ad id."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from studio.config import get_settings
from studio.db import AdStat, Job, session_scope
from studio.plugins import reset_host
from studio.services.ad_sync import sync_account
from studio.services.publish_runs import run_publish_job

PLUGIN = textwrap.dedent('''
    import datetime as dt
    from decimal import Decimal

    from studio import hookimpl
    from studio.contracts import AdStatRow
    from studio.publishing import (AccountInfo, AccountNeedsReconnecting, AdSet, AdState,
                                   PublishItem, publish_each)

    ADS = {}        # the "platform": ad id -> ad
    CALLS = []


    class ShelfAds:
        name, version, kinds = "shelf", "1.0", ("ad_stats",)

        def connect(self, config):
            self.config = dict(config)

        def _check(self):
            if self.config["access_token"] != "shelf-token-1234":
                raise AccountNeedsReconnecting("shelf: the token was revoked; connect again")

        def account(self):
            self._check()
            return AccountInfo(account_id=self.config["account_id"], name="Shelf shop",
                               currency="EUR", ad_sets=[AdSet(id="S1", name="Everyone")])

        def fetch(self, query):
            self._check()
            for ad_id, ad in ADS.items():
                yield AdStatRow(platform="other", ad_id=ad_id, ad_name=ad["name"],
                                date=query.until, currency="EUR", spend=Decimal("4"),
                                impressions=900, purchases=1, revenue=Decimal("19"))

        def sync(self, data):
            return publish_each(data, self._publish)

        def _publish(self, item: PublishItem):
            self._check()
            CALLS.append(dict(item.progress))
            if item.progress.get("ad_id"):
                return
            if not item.progress.get("platform_video_id"):
                item.save(platform_video_id=f"vid-{item.creative_code}")
                raise RuntimeError("the connection dropped")  # the worker "dies" here once
            ad_id = f"ad-{len(ADS) + 1}"
            ADS[ad_id] = {"name": item.ad_name, "paused": item.start_paused,
                          "link": item.landing_url}
            item.save(ad_id=ad_id, status="paused")

        def ad_states(self, ad_ids):
            return [AdState(ad_id=i, status="paused") for i in ad_ids]


    @hookimpl
    def register_data_sources(register):
        register(ShelfAds())
''')


@pytest.fixture
def shelf(settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "shelf_ads.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.setenv("STUDIO_PLUGINS_DIR", str(folder))
    get_settings.cache_clear()
    reset_host()
    yield
    reset_host()


def _run_publish_jobs() -> list[str]:
    with session_scope() as session:
        ids = list(session.scalars(select(Job.id).where(Job.kind == "publish",
                                                        Job.status == "pending")))
    return [run_publish_job(i)["status"] for i in ids]


def test_a_plugin_platform_is_connected_published_to_and_pulled(shelf, client, tenant,
                                                                 make_video):
    from studio.plugins import get_data_source

    bad = client.post("/api/v1/connections", headers=tenant.headers, json={
        "platform": "shelf", "account_id": "A1", "access_token": "shelf-wrong-token"})
    assert bad.status_code == 422 and "connect again" in bad.json()["detail"]
    account = client.post("/api/v1/connections", headers=tenant.headers, json={
        "platform": "shelf", "account_id": "A1", "access_token": "shelf-token-1234",
        "landing_url": "https://shop.example.com/"}).json()
    assert account["account"]["ad_sets"][0]["name"] == "Everyone"
    video = make_video(tenant)
    client.post(f"/api/v1/videos/{video}/publish", headers=tenant.headers,
                json={"account": account["connection"]["id"], "ad_set_id": "S1"})
    assert _run_publish_jobs() == ["pending"]  # a passing problem: tried again later
    with session_scope() as session:  # later is now
        job = session.scalars(select(Job).where(Job.kind == "publish")).one()
        job.payload = {k: v for k, v in job.payload.items() if k != "not_before"}
    assert _run_publish_jobs() == ["succeeded"]
    module = type(get_data_source("shelf")).__module__
    plugin = __import__("sys").modules[module]
    assert plugin.CALLS[-1]["platform_video_id"].startswith("vid-")  # resumed, not restarted
    (ad,) = client.get(f"/api/v1/videos/{video}/ads", headers=tenant.headers).json()["data"]
    assert ad["status"] == "paused" and ad["ad_id"] == "ad-1"
    assert plugin.ADS["ad-1"]["paused"] and "utm_content=" in plugin.ADS["ad-1"]["link"]
    pulled = sync_account(account["connection"]["id"], today=dt.date(2026, 12, 7))
    assert pulled.error is None and pulled.matched == 1 and pulled.videos_updated == [video]
    with session_scope() as session:
        assert session.scalar(select(AdStat.match_method)) == "ad_link"
