"""Migrations create exactly what the models describe, and go both ways, on both databases."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio.db import Base, Batch, IdempotencyKey, Job, Video, make_engine
from studio.db.migrate import (
    VERSIONS,
    current_revision,
    downgrade,
    head_revision,
    newest_file_revision,
    schema_is_current,
    upgrade,
)
from studio.db.statuses import BatchStatus, JobStatus, VideoStatus
from tests.conftest import POSTGRES_ADMIN_URL
from tests.db.factories import make_workspace

REPO = Path(__file__).resolve().parents[2]


def schema_diffs(url: str, metadata: MetaData) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def test_models_and_migrations_agree(db_url: str) -> None:
    assert current_revision(db_url) == head_revision()
    assert schema_diffs(db_url, Base.metadata) == []


def test_the_check_notices_a_model_change_without_migration(db_url: str) -> None:
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["videos"].append_column(Column("loudness", Integer, nullable=True))
    diffs = schema_diffs(db_url, changed)
    assert [(d[0], d[2], d[3].name) for d in diffs] == [("add_column", "videos", "loudness")]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all (its own PostgreSQL database, not the shared one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    request.getfixturevalue("_postgres_database")  # skips or fails when there is no server
    name = f"studio_test_mig_{os.getpid()}_{secrets.token_hex(4)}"
    admin = make_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def table_names(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_downgrade_base_and_upgrade_again(empty_url: str) -> None:
    upgrade(empty_url)
    assert table_names(empty_url) == set(Base.metadata.tables) | {"alembic_version"}
    downgrade("base", empty_url)
    assert table_names(empty_url) <= {"alembic_version"}
    assert current_revision(empty_url) is None
    upgrade(empty_url)
    assert schema_diffs(empty_url, Base.metadata) == []


def test_alembic_command_line_from_the_repo(tmp_path: Path) -> None:
    """`alembic upgrade head` in a checkout uses the studio settings; -x url= overrides them."""
    env = {**os.environ, "STUDIO_DATABASE_URL": f"sqlite:///{tmp_path / 'settings.db'}"}
    env.pop("PYTHONPATH", None)
    alembic = [sys.executable, "-m", "alembic"]
    run = subprocess.run(
        [*alembic, "upgrade", "head"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert current_revision(env["STUDIO_DATABASE_URL"]) == head_revision()

    other = f"sqlite:///{tmp_path / 'other.db'}"
    run = subprocess.run(
        [*alembic, "-x", f"url={other}", "upgrade", "head"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert current_revision(other) == head_revision()
    run = subprocess.run(
        [*alembic, "-x", f"url={other}", "downgrade", "base"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert table_names(other) <= {"alembic_version"}


@pytest.mark.parametrize(
    ("model", "statuses"),
    [(Video, VideoStatus), (Job, JobStatus), (Batch, BatchStatus)],
    ids=["video", "job", "batch"],
)
def test_database_accepts_exactly_the_state_machine_statuses(
    session: Session, model: Any, statuses: Any
) -> None:
    # autogenerate does not compare CHECK constraints, so this test does: a status added to
    # studio.db.statuses without a migration fails here
    ws = make_workspace(session, "acme")
    extra = (
        {"creative_code": "AB12"} if model is Video else {"kind": "render"} if model is Job else {}
    )
    row = model(workspace_id=ws.id, **extra)
    session.add(row)
    session.commit()
    table = model.__table__
    for status in statuses:
        session.execute(update(table).where(table.c.id == row.id).values(status=status.value))
    session.commit()
    with pytest.raises(IntegrityError):
        session.execute(update(table).where(table.c.id == row.id).values(status="done"))
        session.flush()
    session.rollback()


def test_upgrade_keeps_the_answers_of_the_apis_own_idempotency_table(empty_url: str) -> None:
    # before 0004 the API created api_idempotency_keys itself on first use: a retry arriving
    # after the upgrade must still be answered from what that table held
    upgrade(empty_url, "0003")
    old = MetaData()
    runtime = Table(
        "api_idempotency_keys",
        old,
        Column("id", Integer, primary_key=True),
        Column("caller", String(64), nullable=False),
        Column("key", String(255), nullable=False),
        Column("request_hash", String(64), nullable=False),
        Column("status_code", Integer),
        Column("headers", Text),
        Column("body", LargeBinary),
        Column("created_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("caller", "key", name="uq_api_idempotency_keys_caller_key"),
    )
    created = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    engine = make_engine(empty_url)
    try:
        old.create_all(engine)
        with engine.begin() as connection:
            connection.execute(runtime.insert(), [
                {"caller": "c" * 64, "key": "order-7", "request_hash": "h" * 64,
                 "status_code": 201, "headers": '[["content-type", "application/json"]]',
                 "body": b'{"id": 7}', "created_at": created},
                {"caller": "c" * 64, "key": "running", "request_hash": "r" * 64,
                 "status_code": None, "headers": None, "body": None, "created_at": created},
            ])  # fmt: skip
        engine.dispose()

        upgrade(empty_url)
        assert schema_diffs(empty_url, Base.metadata) == []
        assert table_names(empty_url) == set(Base.metadata.tables) | {"alembic_version"}
        with Session(engine) as session:
            kept = session.scalars(select(IdempotencyKey).order_by(IdempotencyKey.key)).all()
            assert [(k.key, k.status_code, k.body, k.created_at) for k in kept] == [
                ("order-7", 201, b'{"id": 7}', created),
                ("running", None, None, created),
            ]
            # the new table's own constraint and id sequence work after the move
            session.add(IdempotencyKey(caller="d" * 64, key="order-7", request_hash="x" * 64,
                                       created_at=created))  # fmt: skip
            session.flush()
            session.add(IdempotencyKey(caller="d" * 64, key="order-7", request_hash="y" * 64,
                                       created_at=created))  # fmt: skip
            with pytest.raises(IntegrityError):
                session.flush()
    finally:
        engine.dispose()


def test_upgrade_to_one_import_key_keeps_every_ad_row(empty_url: str) -> None:
    # 0006: ad_stats reference (import, workspace); rows that had no import get one, and
    # deleting the workspace still deletes its rows (through its imports)
    upgrade(empty_url, "0005")
    engine = make_engine(empty_url)
    day, now = "2026-11-01", datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
    try:
        with engine.begin() as connection:
            for ws in (1, 2):
                connection.execute(
                    text("INSERT INTO workspaces (id, slug, name, default_currency, created_at, "
                         "updated_at) VALUES (:id, :slug, :slug, 'USD', :now, :now)"),
                    {"id": ws, "slug": f"shop-{ws}", "now": now},
                )  # fmt: skip
            connection.execute(
                text("INSERT INTO ad_imports (id, workspace_id, source, platform, status, "
                     "rows_total, matched, unmatched, rejected, created_at, updated_at) "
                     "VALUES (10, 1, 'meta_export', 'meta', 'done', 1, 0, 1, 0, :now, :now)"),
                {"now": now},
            )  # fmt: skip
            for ws, ad, imported in ((1, "a", 10), (1, "b", None), (2, "c", None)):
                connection.execute(
                    text("INSERT INTO ad_stats (workspace_id, platform, ad_id, ad_key, date, "
                         "spend, impressions, clicks, link_clicks, purchases, revenue, currency, "
                         "raw, ad_import_id, created_at, updated_at) VALUES (:ws, 'meta', :ad, "
                         ":key, :day, 1, 10, 0, 0, 0, 0, 'USD', '{}', :imp, :now, :now)"),
                    {"ws": ws, "ad": ad, "key": f"id:{ad}", "day": day, "imp": imported,
                     "now": now},
                )  # fmt: skip
        engine.dispose()

        upgrade(empty_url)
        assert schema_diffs(empty_url, Base.metadata) == []
        with engine.begin() as connection:
            rows = connection.execute(
                text("SELECT s.ad_id, s.workspace_id, i.workspace_id, i.source FROM ad_stats s "
                     "JOIN ad_imports i ON i.id = s.ad_import_id ORDER BY s.ad_id")
            ).all()  # fmt: skip
            assert rows == [
                ("a", 1, 1, "meta_export"),
                ("b", 1, 1, "before-0006"),
                ("c", 2, 2, "before-0006"),
            ]
            connection.execute(text("DELETE FROM workspaces WHERE id = 1"))
            left = connection.execute(text("SELECT ad_id FROM ad_stats")).scalars().all()
            assert left == ["c"]
        downgrade("0005", empty_url)
        assert current_revision(empty_url) == "0005"
    finally:
        engine.dispose()


def test_each_migration_file_is_named_after_its_revision() -> None:
    # the quick "already at head" check reads the newest revision from the file names
    for path in VERSIONS.glob("[0-9]*_*.py"):
        revision = re.search(r'^revision: str = "([^"]+)"', path.read_text(), re.M)
        assert revision and revision.group(1) == path.name.split("_", 1)[0], path.name
    assert newest_file_revision() == head_revision()


def test_the_quick_check_says_when_migrations_are_needed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert not schema_is_current(url)  # empty: no alembic_version table yet
    upgrade(url)
    assert schema_is_current(url)
    downgrade("0010", url)
    assert not schema_is_current(url)
