"""`studio plugins`: what is installed, what each plugin provides, and what failed."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from studio.cli.common import JSON, print_json

STATUS_STYLE = {"loaded": "green", "failed": "red", "disabled": "dim", "not configured": "yellow"}


def plugins(
    all_: bool = typer.Option(False, "--all", help="Include disabled and failed plugins."),
    as_json: bool = JSON,
) -> None:
    """List plugins with name, kind, version and status."""
    from studio.services.plugins import list_plugins

    page = list_plugins(everything=all_)
    if as_json:
        print_json(page)
        return
    rows = [row.model_dump() for row in page.data]
    table = Table(title="Plugins")
    for column in ("name", "kind", "version", "source", "status", "provides"):
        table.add_column(column)
    for row in rows:
        provides = ", ".join(p["name"] for p in row["provides"])
        status = row["status"]
        detail = f"\n{row['error']}" if row["error"] else ""
        if status == "not configured":  # what to set (and why: e.g. Sora's upstream shutdown)
            detail += "".join(
                f"\n{escape(p['configuration']['hint'])}" for p in row["provides"]
                if isinstance(p.get("configuration"), dict) and p["configuration"].get("hint")
            )
        table.add_row(
            row["name"],
            row["kind"],
            row["version"],
            row["source"],
            f"[{STATUS_STYLE.get(status, 'white')}]{status}[/]{detail}",
            provides,
        )
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.command(name="plugins")(plugins)
