"""`studio db upgrade` / `downgrade` on the configured database."""

from __future__ import annotations

import typer
from sqlalchemy import inspect
from typer.testing import CliRunner

from studio.config import Settings
from studio.db import Base, get_engine
from studio.db.migrate import head_revision


def studio_app() -> typer.Typer:
    from studio.cli import get_app

    return get_app()


def test_db_upgrade_creates_the_schema_and_is_safe_to_repeat(studio_home: Settings) -> None:
    runner = CliRunner()
    app = studio_app()
    for _ in range(2):
        result = runner.invoke(app, ["db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert f"at revision {head_revision()} (latest)" in result.output
    assert str(studio_home.home / "studio.db") in result.output
    assert set(Base.metadata.tables) <= set(inspect(get_engine()).get_table_names())

    result = runner.invoke(app, ["db", "downgrade", "base"])
    assert result.exit_code == 0, result.output
    assert "at revision base (empty)" in result.output
    assert set(inspect(get_engine()).get_table_names()) <= {"alembic_version"}


def test_db_upgrade_names_an_unreachable_database(studio_home: Settings) -> None:
    url = "postgresql+psycopg://studio:secret@127.0.0.1:1/nowhere"
    result = CliRunner().invoke(studio_app(), ["db", "upgrade", "--url", url])
    assert result.exit_code == 1
    assert "cannot reach the database" in result.output
    assert "127.0.0.1:1/nowhere" in result.output and "secret" not in result.output
