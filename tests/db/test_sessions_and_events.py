"""Sessions from settings, foreign keys on both databases, and reading the event log."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio.config import Settings
from studio.db import AdStat, Product, Video, Workspace, session_scope
from studio.events import event_to_dict, list_events, record_event
from studio.states import transition
from tests.db.factories import make_video, make_workspace


def test_session_scope_uses_settings_and_commits_or_rolls_back(studio_home_db: Settings) -> None:
    with session_scope() as session:
        session.add(Workspace(name="Acme", slug="acme"))
    with pytest.raises(RuntimeError), session_scope() as session:
        session.add(Workspace(name="Globex", slug="globex"))
        session.flush()
        raise RuntimeError("the request failed half-way")
    with session_scope() as session:
        assert session.scalars(select(Workspace.slug)).all() == ["acme"]


def test_foreign_keys_are_enforced_and_workspace_delete_cascades(session: Session) -> None:
    ws = make_workspace(session, "acme")
    video_id = make_video(session, ws).id
    session.add(Product(workspace_id=ws.id, title="mug", price=Decimal(1)))
    session.commit()
    session.add(Product(workspace_id=ws.id + 1000, title="orphan", price=Decimal(1)))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()

    session.delete(ws)
    session.commit()
    assert session.scalars(select(Product)).all() == []
    assert session.get(Video, video_id) is None


def test_event_log_filters_and_resumes_after_seq(session: Session) -> None:
    acme, globex = make_workspace(session, "acme"), make_workspace(session, "globex")
    video = make_video(session, acme)
    other = make_video(session, globex)
    transition(session, video, "running")
    transition(session, other, "running")
    transition(session, video, "succeeded")
    record_event(
        session,
        workspace_id=acme.id,
        type="batch.created",
        subject_type="batch",
        subject_id=1,
        payload={"total": Decimal("1.50")},
    )
    session.commit()

    mine = list_events(session, acme.id)
    assert [e.type for e in mine] == ["video.running", "video.succeeded", "batch.created"]
    assert [e.type for e in list_events(session, acme.id, types=["video.*"])] == [
        "video.running",
        "video.succeeded",
    ]
    assert [e.type for e in list_events(session, acme.id, types=["batch.created"])] == [
        "batch.created"
    ]
    assert list_events(session, acme.id, after_seq=mine[1].seq) == [mine[2]]
    assert [e.type for e in list_events(session, globex.id)] == ["video.running"]

    shown = event_to_dict(mine[2])
    assert shown["payload"] == {"total": "1.50"}
    assert shown["subject"] == {"type": "batch", "id": "1"}
    assert shown["id"] == str(mine[2].id) and shown["created_at"].endswith("+00:00")


def test_event_type_must_name_subject_and_verb(session: Session) -> None:
    ws = make_workspace(session, "acme")
    with pytest.raises(ValueError, match="must look like 'video.succeeded'"):
        record_event(session, workspace_id=ws.id, type="done", subject_type="video", subject_id=1)


def test_a_forked_child_opens_its_own_connections(db_url: str) -> None:
    from studio.db import get_engine

    engine = get_engine(db_url)
    with engine.connect():
        pass  # the pool now holds a connection of this process
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a Celery prefork worker in real life
        try:  # whatever happens, the child must never return into pytest
            ok = get_engine(db_url) is not engine
            with session_scope(db_url) as session:
                session.add(Workspace(name="child", slug="child"))
            os.write(write, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1" and os.waitstatus_to_exitcode(status) == 0
    os.close(read)
    with session_scope(db_url) as session:
        assert session.scalars(select(Workspace.slug)).all() == ["child"]


def test_sqlite_imports_keep_their_staging_table_in_memory_on_a_used_connection(
    sqlite_url: str,
) -> None:
    # a long-running API or worker process reuses pooled connections that have already used
    # temporary storage; SQLite then refuses to switch temp_store inside a transaction, so the
    # setting has to come with the connection, before any import runs on it
    from studio.contracts import AdStatRow
    from studio.roi.store import import_ad_stats

    with session_scope(sqlite_url) as session:
        ws = make_workspace(session, "acme")
        session.execute(text("CREATE TEMPORARY TABLE earlier_work (n INTEGER)"))
        session.execute(text("DROP TABLE earlier_work"))
    rows = [AdStatRow(platform="meta", ad_id="a1", date=dt.date(2026, 11, 1), currency="USD",
                      spend=Decimal("5"), impressions=100)]  # fmt: skip
    for _ in range(2):  # the second import reuses the connection the first one used
        with session_scope(sqlite_url) as session:
            summary = import_ad_stats(session, ws.id, rows, source="meta_export",
                                      platform="meta")  # fmt: skip
            assert session.execute(text("PRAGMA temp_store")).scalar() == 2  # 2: MEMORY
    assert summary.stored == 1
    with session_scope(sqlite_url) as session:
        assert session.scalars(select(AdStat.spend)).all() == [Decimal("5.000000")]
