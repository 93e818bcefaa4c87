"""A worker SIGKILLed in the middle of a Meta chunked upload: another worker notices the
lost job, resumes the same upload session from the offset Meta reports, and the video ends
as exactly one ad — real `studio worker` processes, the real SDK, the fake Graph API."""

from __future__ import annotations

import os
import time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from studio.db import Event, Job, PublishedAd, Video, session_scope
from studio.schemas.publishing import ConnectionCreate, PublishRequest
from studio.services.connections import connect
from studio.services.publishing import ask_to_publish
from studio.services.uow import unit_of_work
from studio.storage import open_storage
from tests.fakes import meta_api
from tests.fakes.meta_api import FakeGraph
from tests.jobs.conftest import StudioEnv, quick_recovery, wait_until

pytestmark = pytest.mark.slow
CHUNK = 16 * 1024


def _finished_video(studio: StudioEnv, size: int) -> int:
    """A made video: its MP4 and poster in storage, as a worker leaves them."""
    from studio.db import Product

    folder = studio.home / "made"
    folder.mkdir(exist_ok=True)
    (folder / "v.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(size))
    (folder / "p.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(2000))
    with session_scope() as session:
        product = Product(workspace_id=studio.workspace_id, title="Walnut desk lamp",
                          price=Decimal("59.00"), currency="USD")
        session.add(product)
        session.flush()
        video = Video(workspace_id=studio.workspace_id, creative_code="KILL0001",
                      product_id=product.id, template_id="showcase", format="9:16",
                      status="succeeded", progress=1.0, options={},
                      storage_key="videos/kill/KILL0001.mp4",
                      poster_key="videos/kill/KILL0001.jpg")
        session.add(video)
        session.flush()
        video_id = video.id
    storage = open_storage()
    storage.put_file("videos/kill/KILL0001.mp4", folder / "v.mp4")
    storage.put_file("videos/kill/KILL0001.jpg", folder / "p.jpg")
    return video_id


def _asked_to_publish(studio: StudioEnv, meta: FakeGraph, monkeypatch: pytest.MonkeyPatch,
                      size: int) -> int:
    """A made video of ``size`` bytes, a connected Meta account (the workers see the fake
    and upload in chunks), and the seller's Publish: its job sent when this commits."""
    for key, value in {"STUDIO_META_BASE_URL": meta.url,
                       "STUDIO_META_CHUNKED_ABOVE": "1024"}.items():
        monkeypatch.setenv(key, value)
        studio.env[key] = value
    video = _finished_video(studio, size=size)
    with unit_of_work(studio.workspace_id) as scope:
        check, _ = connect(scope, ConnectionCreate(
            platform="meta", account_id="123456", access_token=meta_api.TOKEN,
            page_id="1029384756", landing_url="https://shop.example.com/lamp"))
        ask_to_publish(scope, [video], PublishRequest(
            account=check.connection.id, ad_set_id=meta_api.AD_SET["id"]))
    return video


def test_a_worker_killed_mid_upload_still_ends_with_one_ad(embedded_env, workers, monkeypatch):
    studio = embedded_env
    quick_recovery(studio, monkeypatch)
    with FakeGraph(chunk_size=CHUNK) as meta:
        _asked_to_publish(studio, meta, monkeypatch, size=5 * CHUNK)  # six transfers
        meta.hold_transfer_at = 3  # the third chunk hangs until the test lets it go
        first = workers(studio, concurrency=1, name="doomed")
        wait_until(meta.held.is_set, 90, "the upload to reach its third chunk", [first])
        with session_scope() as session:
            row = session.scalars(select(PublishedAd)).one()
            assert row.status == "publishing" and row.upload_session_id
            assert row.ad_id is None and row.progress["start_offset"] == 2 * CHUNK
        first.kill()
        meta.release()  # Meta got the chunk; the dead worker never heard the answer
        began = time.monotonic()
        second = workers(studio, concurrency=1, name="survivor")

        def done() -> PublishedAd | None:
            with session_scope() as session:
                row = session.scalars(select(PublishedAd)).one()
                return row if row.status not in ("queued", "publishing") else None

        row = wait_until(done, 120, "the ad, published by the second worker", [second])
        took = time.monotonic() - began
    assert row.status == "paused" and row.ad_id in meta.ads
    assert len(meta.ads) == 1 and len(meta.creatives) == 1
    assert len(meta.sessions) == 1  # the same upload session, resumed
    uploaded = next(iter(meta.videos.values()))
    assert uploaded["size"] == 5 * CHUNK + 12 and len(uploaded["data"]) == uploaded["size"]
    with session_scope() as session:
        job = session.get(Job, row.job_id)
        started = session.scalar(select(func.count()).select_from(Event).where(
            Event.type == "ad.started"))
    assert job.status == "succeeded" and job.attempts == 2
    assert started == 1
    print(f"killed mid-upload (chunk 3 of 6); one ad {row.ad_id} after {took:.0f} s, "
          f"{meta.transfers} transfers in one session")
    _no_token_in_logs(studio)


def _no_token_in_logs(studio: StudioEnv) -> None:
    lines = [line for log in studio.log_dir.glob("*.log")
             for line in log.read_text(errors="replace").splitlines()]
    assert lines and not [line for line in lines if meta_api.TOKEN in line]


def test_a_token_revoked_mid_upload_leaves_nothing_shown_as_published(embedded_env, workers,
                                                                       monkeypatch):
    from studio.services.publishing import published_public

    studio = embedded_env
    with FakeGraph(chunk_size=CHUNK) as meta:
        _asked_to_publish(studio, meta, monkeypatch, size=3 * CHUNK)
        meta.hold_transfer_at = 2
        worker = workers(studio, concurrency=1)
        wait_until(meta.held.is_set, 90, "the upload to reach its second chunk", [worker])
        meta.revoke()  # the seller changed their Facebook password meanwhile
        meta.release()

        def settled() -> PublishedAd | None:
            with session_scope() as session:
                row = session.scalars(select(PublishedAd)).one()
                return row if row.status not in ("queued", "publishing") else None

        row = wait_until(settled, 60, "the publish job to give up", [worker])
        shown = published_public(row)
    assert shown.status == "failed" and not shown.published and shown.ad_id is None
    assert "reconnect this ad account with a new token" in (shown.reason or "")
    assert meta.ads == {} and meta.creatives == {}
    with session_scope() as session:
        from studio.db import AdAccount

        account = session.get(AdAccount, row.ad_account_id)
        assert account.status == "needs_reconnecting" and "code 190" in account.status_reason
    print("revoked mid-upload:", shown.reason)
    _no_token_in_logs(studio)
