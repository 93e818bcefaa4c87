"""`studio db`: create or update the database schema (Alembic migrations)."""

from __future__ import annotations

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from studio.db import migrate
from studio.db.engine import database_url


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _run(action: str, revision: str, url: str | None) -> None:
    resolved = database_url(url)
    try:
        if action == "upgrade":
            migrate.upgrade(resolved, revision)
        else:
            migrate.downgrade(revision, resolved)
        current = migrate.current_revision(resolved)
    except OperationalError as exc:
        typer.secho(
            f"cannot reach the database {_shown(resolved)}: {str(exc.orig).strip()}\n"
            "check STUDIO_DATABASE_URL (or --url) and that the server is running",
            fg="red",
            err=True,
        )
        raise typer.Exit(1) from None
    head = migrate.head_revision()
    where = "latest" if current == head else ("empty" if current is None else "not latest")
    typer.echo(f"{_shown(resolved)}: at revision {current or 'base'} ({where})")


def upgrade(
    revision: str = typer.Argument("head", help="Revision to upgrade to."),
    url: str | None = typer.Option(None, "--url", help="Database URL (default: settings)."),
) -> None:
    """Create the tables or bring them up to date (safe to run again)."""
    _run("upgrade", revision, url)


def downgrade(
    revision: str = typer.Argument(..., help="Revision to go back to; 'base' removes all."),
    url: str | None = typer.Option(None, "--url", help="Database URL (default: settings)."),
) -> None:
    """Undo migrations down to REVISION ('base' drops every studio table and its data)."""
    _run("downgrade", revision, url)


def current(
    url: str | None = typer.Option(None, "--url", help="Database URL (default: settings)."),
) -> None:
    """Show which revision the database is at."""
    resolved = database_url(url)
    try:
        revision = migrate.current_revision(resolved)
    except OperationalError as exc:
        typer.secho(f"cannot reach the database {_shown(resolved)}: {exc.orig}", fg="red", err=True)
        raise typer.Exit(1) from None
    head = migrate.head_revision()
    typer.echo(f"{revision or 'base'}{' (latest)' if revision == head else ''}")


def register(app: typer.Typer) -> None:
    db_app = typer.Typer(help="Database schema: upgrade to the latest version, or step back.")
    db_app.command()(upgrade)
    db_app.command()(downgrade)
    db_app.command()(current)
    app.add_typer(db_app, name="db")
