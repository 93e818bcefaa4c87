"""`studio templates`: list, show, preview and the published JSON Schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from studio.cli.common import JSON, print_json
from studio.cli.render_cmd import parse_fields, render_product

templates_app = typer.Typer(
    help="Video templates: list, show, preview, schema.", no_args_is_help=True
)


@templates_app.command("list")
def list_templates(as_json: bool = JSON) -> None:
    """List the templates with id, name, style, duration and version."""
    from studio.services.templates import list_templates, template_problems

    page = list_templates()
    if as_json:
        print_json(page)
        return
    table = Table(title="Templates")
    for column in ("id", "name", "style", "duration", "voice-over", "version"):
        table.add_column(column)
    for row in page.data:
        table.add_row(row.id, row.name, row.style, f"{row.duration:g} s",
                      "yes" if row.voiceover else "", row.version)
    console = Console()
    console.print(table)
    for problem in template_problems():
        console.print(f"[red]not loaded:[/] {problem}")


@templates_app.command("show")
def show(
    template_id: str = typer.Argument(..., help="Template id."),
    as_json: bool = JSON,
) -> None:
    """Show a template's fields (what a seller can fill in) and details."""
    from studio.services.templates import describe_template, get_template

    info = describe_template(template_id)
    template = get_template(template_id)
    if as_json:
        print_json(info)
        return
    console = Console()
    console.print(f"[bold]{info.name}[/] ({info.id}, version {info.version})")
    console.print(info.description.strip())
    console.print(
        f"formats: {', '.join(template.spec.formats)}  ·  duration {info.duration:g} s"
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
    from studio.templating import template_json_schema_text

    typer.echo(template_json_schema_text())


def register(app: typer.Typer) -> None:
    app.add_typer(templates_app, name="templates")
