"""The periodic ad sync pulls the Insights and TikTok report APIs into import runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from sqlalchemy import func, select

from studio.config import Settings

TODAY = dt.date(2026, 10, 31)


def test_sync_imports_both_apis_and_repeating_it_changes_nothing(
    studio_home: Settings, monkeypatch
):
    from studio.db import AdImport, AdStat, session_scope
    from studio.jobs import runtime
    from studio.services.ad_imports import sync_configured_sources
    from tests.fakes.meta_api import TOKEN as META_TOKEN
    from tests.fakes.meta_api import FakeGraph, insights_record
    from tests.fakes.tiktok_api import TOKEN as TIKTOK_TOKEN
    from tests.fakes.tiktok_api import FakeTikTok, report_item

    runtime.prepare()
    days = [TODAY - dt.timedelta(days=i) for i in range(1, 15)]
    with (
        FakeGraph([insights_record(ad, d) for ad in (1, 2) for d in days]) as graph,
        FakeTikTok([report_item(ad, d) for ad in (1,) for d in days]) as tiktok,
    ):
        monkeypatch.setenv("STUDIO_META_ACCESS_TOKEN", META_TOKEN)
        monkeypatch.setenv("STUDIO_META_ACCOUNT_ID", "123456")
        monkeypatch.setenv("STUDIO_META_BASE_URL", graph.url)
        monkeypatch.setenv("STUDIO_TIKTOK_ACCESS_TOKEN", TIKTOK_TOKEN)
        monkeypatch.setenv("STUDIO_TIKTOK_ADVERTISER_ID", "7001")
        monkeypatch.setenv("STUDIO_TIKTOK_BASE_URL", tiktok.url)
        first = sync_configured_sources(TODAY)
        second = sync_configured_sources(TODAY)
    assert first["meta"]["rows"] == 2 * 7 and first["tiktok"]["rows"] == 7
    assert (
        second["meta"]["rows"] == 14 and second["meta"]["import_id"] != first["meta"]["import_id"]
    )
    with session_scope() as session:
        count, spend = session.execute(select(func.count(), func.sum(AdStat.spend))).one()
        assert count == 21  # the second run replaced, not doubled
        assert session.scalar(select(func.count()).select_from(AdImport)) == 4
        dates = session.execute(select(func.min(AdStat.date), func.max(AdStat.date))).one()
    assert dates == (dt.date(2026, 10, 24), dt.date(2026, 10, 30))
    assert spend > D(0)


def test_sync_without_configuration_is_a_no_op(studio_home: Settings, monkeypatch):
    from studio.services.ad_imports import sync_configured_sources

    for name in ("META_ACCESS_TOKEN", "TIKTOK_ACCESS_TOKEN"):
        monkeypatch.delenv(f"STUDIO_{name}", raising=False)
        monkeypatch.delenv(name, raising=False)
    assert "skipped" in sync_configured_sources(TODAY)
