"""Run the Alembic migrations from code (``studio db upgrade``, test fixtures).

Alembic is imported when a migration really runs: ``studio serve`` and the workers ask
:func:`schema_is_current` first, which reads the database's revision with one query and
the newest revision from the migration files' names (each file is named after its
revision, ``0011_ad_accounts_and_publishing.py`` → ``0011``; a test holds them to it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from studio.db.engine import database_url, make_engine

if TYPE_CHECKING:
    from alembic.config import Config

VERSIONS = Path(__file__).resolve().parents[1] / "migrations" / "versions"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config that needs no alembic.ini (works from an installed package)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "studio:migrations")
    # configparser treats % as interpolation; URLs may contain %-escapes
    config.set_main_option("sqlalchemy.url", database_url(url).replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade(revision: str, url: str | None = None) -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def newest_file_revision() -> str:
    """The newest migration's revision, from the files' names (no Alembic needed)."""
    return max(path.name.split("_", 1)[0] for path in VERSIONS.glob("[0-9]*_*.py"))


def current_revision(url: str | None = None) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(database_url(url))
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def schema_is_current(url: str | None = None) -> bool:
    """True when the database is at the newest migration: one query, no Alembic. Anything
    unexpected (no table yet, a database that cannot be read) says False, and the caller
    runs the migrations, which say what is wrong."""
    engine = make_engine(database_url(url))
    try:
        with engine.connect() as connection:
            found = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return False
    finally:
        engine.dispose()
    return [row[0] for row in found] == [newest_file_revision()]
