"""Periodic work registry (beat) and usage records."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from celery.schedules import crontab
from sqlalchemy.orm import Session

from studio.db import Workspace
from studio.jobs.schedule import (
    StudioScheduler,
    beat_schedule,
    register_periodic,
    unregister_periodic,
)
from studio.usage import record_render, record_usage, usage_summary


def test_studio_schedule_has_its_periodic_work() -> None:
    schedule = beat_schedule()
    assert schedule["ad-stats-sync"]["task"] == "studio.ads.sync_stats"
    assert schedule["recover-lost-work"]["task"] == "studio.jobs.recover"


def test_plugins_add_periodic_work_and_beat_sees_it(studio_home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from studio.jobs.celery_app import app

    register_periodic("shop-orders", "myplugin.sync_orders", every=900, kwargs={"days": 1})
    register_periodic("nightly", "myplugin.nightly", cron=crontab(hour=3, minute=0))
    try:
        scheduler = StudioScheduler(app=app, schedule_filename=str(tmp_path / "beat"), lazy=False)
        try:
            names = set(scheduler.schedule)
            assert {"shop-orders", "nightly", "ad-stats-sync", "recover-lost-work"} <= names
            assert scheduler.schedule["shop-orders"].kwargs == {"days": 1}
            assert scheduler.schedule["shop-orders"].options["queue"] == "io"
        finally:
            scheduler.close()
    finally:
        unregister_periodic("shop-orders")
        unregister_periodic("nightly")
        app.conf.beat_schedule = {}
    assert "shop-orders" not in beat_schedule()


@pytest.mark.parametrize("every, cron, message", [
    (None, None, "exactly one"), (60, crontab(), "exactly one"), (0, None, "positive"),
])
def test_bad_periodic_registrations(every, cron, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        register_periodic("bad", "x.y", every=every, cron=cron)


def test_usage_per_workspace_and_video(session: Session,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDIO_RENDER_COST_PER_HOUR", "3.60")  # a tenth of a cent a second
    shops = []
    for slug in ("a", "b"):
        workspace = Workspace(name=slug, slug=slug)
        session.add(workspace)
        session.flush()
        shops.append(workspace.id)
    cost = record_render(session, workspace_id=shops[0], video_id=None, job_id=None,
                         render_seconds=12.5, output_seconds=15, generator="template")
    assert cost == Decimal("0.0125")
    ai = record_render(session, workspace_id=shops[0], video_id=None, job_id=None,
                       render_seconds=2, output_seconds=5, generator="sora",
                       ai_cost=Decimal("0.50"), ai_generated=True)
    assert ai == Decimal("0.502")
    record_usage(session, workspace_id=shops[1], kind="render_seconds", quantity=99)
    session.commit()

    lines = {line.kind: line for line in usage_summary(session, shops[0])}
    assert lines["render_seconds"].quantity == Decimal("14.5")
    assert lines["output_seconds"].quantity == Decimal("20")
    assert lines["ai_seconds"].quantity == Decimal("5")
    assert lines["ai_seconds"].cost == Decimal("0.5")
    assert [line.quantity for line in usage_summary(session, shops[1])] == [Decimal("99")]
    with pytest.raises(ValueError, match="usage kind 'gpu_hours' is unknown"):
        record_usage(session, workspace_id=shops[0], kind="gpu_hours", quantity=1)
