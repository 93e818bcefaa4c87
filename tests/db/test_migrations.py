"""Migrations create exactly what the models describe, and go both ways, on both databases."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, inspect, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio.db import Base, Batch, Job, Video, make_engine
from studio.db.migrate import current_revision, downgrade, head_revision, upgrade
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
