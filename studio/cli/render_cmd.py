"""`studio render`: one product, one template, one format → an MP4, with a progress bar."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from studio.templating import (
    FieldProblem,
    ImageProblem,
    MergeError,
    TemplateError,
    TemplateNotFound,
    default_registry,
    resolve_template,
)
from studio.templating.thumbnails import load_product_file

FORMAT_HELP = "9:16 (1080x1920), 1:1 (1080x1080), 16:9 (1920x1080) or 4:5 (1080x1350)"


def parse_fields(values: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"--set {item!r}: write name=value, e.g. --set cta='Buy now'")
        fields[name.strip()] = value
    return fields


def render_product(
    template_id: str,
    product_file: Path,
    format_key: str,
    output: Path,
    *,
    preview: bool,
    fields: dict[str, str],
    voiceover: bool = True,
    console: Console | None = None,
) -> None:
    """Shared by `studio render` and `studio templates preview`; exits 1 with a clear message."""
    console = console or Console(stderr=True)
    try:
        from studio.render import RenderError, render_video

        template = default_registry().get(template_id)
        product, base_dir = load_product_file(product_file)
        with tempfile.TemporaryDirectory(prefix="studio-render-") as tmp:
            video = resolve_template(
                template,
                product,
                format_key,
                work_dir=Path(tmp),
                overrides=fields,
                base_dir=base_dir,
                voiceover=voiceover,
            )
            for note in video.notes:
                console.print(f"[yellow]note:[/] {note}")
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TimeElapsedColumn(),
                console=console,
            ) as bar:
                task = bar.add_task(f"{template.id} {format_key}", total=1.0)
                result = render_video(
                    video.plan,
                    output,
                    preview=preview,
                    progress=lambda fraction, _msg: bar.update(task, completed=fraction),
                )
                bar.update(task, completed=1.0)
    except (
        TemplateNotFound,
        TemplateError,
        FieldProblem,
        ImageProblem,
        MergeError,
        ValueError,
    ) as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from None
    except RenderError as exc:
        console.print(f"[red]render failed:[/] {exc}")
        raise typer.Exit(1) from None
    typer.echo(
        json.dumps(
            {
                "path": str(result.path),
                "template": template.id,
                "version": template.version,
                "format": format_key,
                "width": result.width,
                "height": result.height,
                "duration": round(result.duration, 3),
                "seconds": round(result.render_seconds, 2),
            }
        )
    )


def render(
    product_file: Annotated[
        Path,
        typer.Option(
            "--product-file",
            "-p",
            exists=True,
            dir_okay=False,
            help="product.json; image paths relative to it",
        ),
    ],
    template: str = typer.Option("showcase", "--template", "-t", help="Template id."),
    format_key: str = typer.Option("9:16", "--format", "-f", help=FORMAT_HELP),
    output: Annotated[Path, typer.Option("--output", "-o", help="MP4 to write.")] = Path("out.mp4"),
    preview: bool = typer.Option(False, "--preview", help="Fast low-resolution preview."),
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Template field, name=value (repeat).")
    ] = None,
    no_voiceover: bool = typer.Option(False, "--no-voiceover", help="Skip text-to-speech."),
) -> None:
    """Render one product with one template into an MP4."""
    render_product(
        template,
        product_file,
        format_key,
        output,
        preview=preview,
        fields=parse_fields(set_ or []),
        voiceover=not no_voiceover,
    )


def register(app: typer.Typer) -> None:
    app.command("render")(render)
