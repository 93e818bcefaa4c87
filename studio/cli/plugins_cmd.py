"""`studio plugins`: what is installed, what each provides, and what failed.

``studio plugins`` (a group whose bare call lists) ends with "N plugin(s) failed" whenever one
did; ``studio plugins new`` scaffolds a plugin package; ``studio plugins reference`` writes
the plugin reference (docs/reference) from the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from studio.cli.common import JSON, print_json

STATUS_STYLE = {"loaded": "green", "failed": "red", "disabled": "dim", "not configured": "yellow",
                "loaded with errors": "yellow"}

app = typer.Typer(no_args_is_help=False, add_completion=False)


@app.callback(invoke_without_command=True)
def plugins(
    ctx: typer.Context,
    all_: bool = typer.Option(False, "--all", help="Include disabled and failed plugins, "
                              "with why each failed."),
    as_json: bool = JSON,
) -> None:
    """List plugins with name, kind, version and status.

    Start a plugin package with `studio plugins new NAME --kind generator`.

    Write the reference of every object a plugin meets with `studio plugins reference`.
    """
    if ctx.invoked_subcommand is not None:
        return
    from studio.services.plugins import plugins_and_failures

    page, failed = plugins_and_failures(everything=all_)
    if as_json:
        print_json(page)
    else:
        _print_table([row.model_dump() for row in page.data], details=all_)
    if failed:  # on stderr: the JSON on stdout stays whole
        typer.secho(f"{len(failed)} plugin(s) failed — `studio plugins --all`", err=True,
                    fg="red")


def _print_table(rows: list[dict], *, details: bool) -> None:
    table = Table(title="Plugins")
    for column in ("name", "kind", "version", "source", "status", "provides"):
        table.add_column(column)
    for row in rows:
        status = row["status"]
        detail = ""
        if status == "not configured":  # what to set (and why: e.g. Sora's upstream shutdown)
            detail += "".join(
                f"\n{escape(p['configuration']['hint'])}" for p in row["provides"]
                if isinstance(p.get("configuration"), dict) and p["configuration"].get("hint")
            )
        table.add_row(row["name"], row["kind"], row["version"], row["source"],
                      f"[{STATUS_STYLE.get(status, 'white')}]{status}[/]{detail}",
                      ", ".join(p["name"] for p in row["provides"]))
    console = Console()
    console.print(table)
    # reasons in full lines below the table, where a narrow column cannot cut them up
    for row in rows:
        if row["error"] and (details or row["status"] == "loaded with errors"):
            console.print(f"[{STATUS_STYLE.get(row['status'], 'white')}]{row['name']}[/] "
                          f"{row['status']}:", highlight=False)
            for line in str(row["error"]).splitlines():
                console.print(f"  {escape(line)}", highlight=False, soft_wrap=True)


@app.command("new")
def new(
    name: str = typer.Argument(..., help="The plugin's name, e.g. collage (lower-case, "
                               "hyphens allowed): its entry point, and what it registers."),
    kind: str = typer.Option(..., "--kind", "-k",
                             help="generator, ai-service, data-source or template."),
    folder: Annotated[Path | None, typer.Option(
        "--dir", "-d", help="Where to write it (default: ./studio-NAME).")] = None,
) -> None:
    """Start a plugin package that installs and passes its tests at once."""
    from studio.authoring.scaffold import new_plugin

    try:
        made = new_plugin(name, kind, folder)
    except ValueError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{made}\n  cd {made}\n  pip install -e .        # --no-build-isolation offline\n"
               "  pytest\n  studio plugins")


@app.command("reference")
def reference(
    folder: Annotated[Path, typer.Option("--dir", "-d", help="Where the pages go.")] = Path(
        "docs/reference"),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 when a page "
                               "differs from the code."),
) -> None:
    """Write the plugin reference (every contract object, hook and kit function) from the code."""
    from studio.authoring import reference as pages

    if check:
        stale = pages.differences(folder)
        for name in stale:
            typer.secho(f"{folder / name} differs from the code", fg="red", err=True)
        raise typer.Exit(1 if stale else 0)
    for path in pages.write(folder):
        typer.echo(path)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="plugins")
