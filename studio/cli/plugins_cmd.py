"""`studio plugins`: what is installed, what each plugin provides, and what failed."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from studio.plugins import get_host

STATUS_STYLE = {"loaded": "green", "failed": "red", "disabled": "dim", "not configured": "yellow"}


def plugins(
    all_: bool = typer.Option(False, "--all", help="Include disabled and failed plugins."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
) -> None:
    """List plugins with name, kind, version and status."""
    host = get_host()
    rows = [host.describe(record) for record in host.records.values()]
    if not all_:
        rows = [row for row in rows if row["status"] in ("loaded", "not configured")]
    if as_json:
        typer.echo(json.dumps(rows, indent=2, default=str))
        return
    table = Table(title="Plugins")
    for column in ("name", "kind", "version", "source", "status", "provides"):
        table.add_column(column)
    for row in rows:
        provides = ", ".join(p["name"] for p in row["provides"])
        status = row["status"]
        detail = f"\n{row['error']}" if row["error"] else ""
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
