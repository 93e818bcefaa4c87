"""The autopilot's daily cap on AI spend (issue 19, item 4): products arrive, the autopilot
asks for their videos, each video's AI clip is made by the Sora plugin on the fake OpenAI
API at 0.40 USD (4 s of sora-2 at 0.10 USD a second), and the cap stops the videos at the
first one whose clip would take today's spend past it — before that clip is paid for —
with the reason in the autopilot's log; later products that day wait for the next day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import select

from studio.db import Event, Job, UsageRecord, Video, session_scope
from studio.jobs.ai_steps import ai_clips
from tests.fakes.openai_videos import FakeOpenAI
from tests.publishing.test_autopilot import _import, _log, _requested


@pytest.fixture
def openai(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        monkeypatch.setenv("OPENAI_API_KEY", FakeOpenAI.API_KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", f"{fake.url}/v1")
        monkeypatch.delenv("SORA_BASE_URL", raising=False)
        monkeypatch.delenv("STUDIO_AI_BUDGET", raising=False)  # only the autopilot's cap
        yield fake


def _clip_steps(product_ids: list[int]) -> list[dict]:
    """Each product's video's AI-clip step, run here in the order the products came."""
    results = []
    for product in product_ids:
        with session_scope() as session:
            video = session.scalars(select(Video).where(Video.product_id == product)).one()
            job = session.scalars(select(Job.id).where(Job.video_id == video.id)).one()
        results.append(ai_clips(video.id, job))
    return results


def _created_clips(fake: FakeOpenAI) -> int:
    return sum(1 for r in fake.seen if r.method == "POST" and r.path.endswith("/videos"))


def test_the_ai_spend_cap_stops_the_video_that_would_pass_it(client, tenant, openai):
    on = client.patch("/api/v1/autopilot", headers=tenant.headers, json={
        "enabled": True, "max_videos_per_day": 10, "max_ai_spend_per_day": "1.00",
        "options": {"ai_clip": {"generator": "sora", "duration": 4}}})
    assert on.status_code == 200, on.text
    first = _import(client, tenant, ["Mug 1", "Mug 2", "Mug 3", "Mug 4"])["product_ids"]
    assert len(_requested()) == 4  # nothing spent yet: all four asked for

    results = _clip_steps(first)

    # 0.40 + 0.40 = 0.80; the third clip would make 1.20: refused before any call to Sora
    print("\nclip steps:", [(r["status"], r.get("error")) for r in results])
    assert [r["status"] for r in results] == ["clips_ready", "clips_ready", "failed", "failed"]
    assert _created_clips(openai) == 2
    with session_scope() as session:
        costs = session.scalars(select(UsageRecord.cost).where(
            UsageRecord.kind == "ai_seconds")).all()
        stopped = session.scalars(select(Video).where(Video.product_id.in_(first[2:]))).all()
        assert {v.status for v in stopped} == {"failed"}
        assert all("daily cap is 1.00 USD" in (v.error or "") for v in stopped)
    assert sum(costs, Decimal(0)) == Decimal("0.80")
    shown = client.get("/api/v1/autopilot", headers=tenant.headers).json()
    assert Decimal(shown["ai_spend_today"]) == Decimal("0.80")
    caps = [e["payload"] for e in _log(client, tenant)
            if e["type"] == "autopilot.skipped" and e["payload"]["why"] == "cap_ai_spend"]
    assert sorted(p for e in caps for p in e["products"]) == first[2:]
    reason = caps[0]["reason"]
    print("the seller reads:", reason)
    assert reason == ("not made today: the autopilot's videos spent 0.80 USD on AI today, and "
                      "its daily cap is 1.00 USD; this video's AI step would cost about "
                      "0.40 USD more")

    # more products the same day: none is asked for, and the log says why
    again = _import(client, tenant, ["Mug 5"])["product_ids"]
    assert len(_requested()) == 4
    held = next(e["payload"] for e in _log(client, tenant) if e["type"] == "autopilot.skipped")
    print("later that day:", held["reason"])
    assert held["products"] == again and held["why"] == "cap_ai_spend"
    assert "leaves no room for another video under the daily cap of 1.00 USD" in held["reason"]

    # the next day (today's requests moved to yesterday), the products the cap held back —
    # those stopped in their AI step too — are asked for when they arrive again
    with session_scope() as session:
        for event in session.scalars(select(Event)):
            event.created_at -= dt.timedelta(days=1)
    _import(client, tenant, ["Mug 3", "Mug 4", "Mug 5"])
    asked = [a["product"] for a in _requested()[4:]]
    assert asked == ["Mug 3", "Mug 4", "Mug 5"]
