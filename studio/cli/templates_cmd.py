"""`studio templates`: list, show, preview and the published JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from studio.cli.render_cmd import parse_fields, render_product
from studio.templating import TemplateNotFound, default_registry, template_json_schema_text

templates_app = typer.Typer(
    help="Video templates: list, show, preview, schema.", no_args_is_help=True
)


@templates_app.command("list")
def list_templates(
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
) -> None:
    """List the templates with id, name, style, duration and version."""
    registry = default_registry()
    rows = [template.summary() for template in registry.list()]
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table(title="Templates")
    for column in ("id", "name", "style", "duration", "voice-over", "version"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["id"]),
            str(row["name"]),
            str(row["style"]),
            f"{row['duration']:g} s",
            "yes" if row["voiceover"] else "",
            str(row["version"]),
        )
    console = Console()
    console.print(table)
    for problem in registry.problems:
        console.print(f"[red]not loaded:[/] {problem}")


@templates_app.command("show")
def show(
    template_id: str = typer.Argument(..., help="Template id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
) -> None:
    """Show a template's fields (what a seller can fill in) and details."""
    try:
        template = default_registry().get(template_id)
    except TemplateNotFound as exc:
        Console(stderr=True).print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from None
    info = template.describe()
    if as_json:
        typer.echo(json.dumps(info, indent=2, ensure_ascii=False, default=str))
        return
    console = Console()
    console.print(f"[bold]{info['name']}[/] ({info['id']}, version {info['version']})")
    console.print(str(info["description"]).strip())
    console.print(
        f"formats: {', '.join(template.spec.formats)}  ·  duration {info['duration']:g} s"
    )
    table = Table(title="Fields")
    for column in ("field", "type", "label", "bound to", "default"):
        table.add_column(column)
    for name, field in template.spec.fields.items():
        table.add_row(
            name,
            field.type,
            field.label,
            field.bind or "",
            "" if field.default is None else str(field.default),
        )
    console.print(table)


@templates_app.command("preview")
def preview(
    product_file: Annotated[
        Path, typer.Option("--product-file", "-p", exists=True, dir_okay=False)
    ],
    template_id: str = typer.Argument(..., help="Template id."),
    output: Annotated[Path, typer.Option("--output", "-o")] = Path("preview.mp4"),
    format_key: str = typer.Option("9:16", "--format", "-f"),
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Template field, name=value (repeat).")
    ] = None,
) -> None:
    """Render a fast low-resolution preview of a template on a product."""
    render_product(
        template_id, product_file, format_key, output, preview=True, fields=parse_fields(set_ or [])
    )


@templates_app.command("schema")
def schema() -> None:
    """Print the JSON Schema of template.yaml."""
    typer.echo(template_json_schema_text())


def register(app: typer.Typer) -> None:
    app.add_typer(templates_app, name="templates")
