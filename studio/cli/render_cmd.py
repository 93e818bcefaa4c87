"""`studio render`: one product (a product.json) into an MP4 with a template or any video
generator plugin, on this machine, with a progress bar."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

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
    template_id: str | None,
    product_file: Path,
    format_key: str,
    output: Path,
    *,
    preview: bool,
    fields: dict[str, str],
    voiceover: bool = True,
    generator: str = "template",
    console: Console | None = None,
) -> None:
    """Shared by `studio render` and `studio templates preview`: the product's photos become
    local files (as a worker's would), then the generator plugin makes the video."""
    from studio.contracts import GenerationRequest, PluginError
    from studio.plugins import get_generator
    from studio.product_media import with_local_photos
    from studio.services.requests import check_generators
    from studio.templating.thumbnails import load_product_file

    console = console or Console(stderr=True)
    check_generators([generator], "--generator")
    product, base_dir = load_product_file(product_file)
    with tempfile.TemporaryDirectory(prefix="studio-render-") as tmp:
        local = with_local_photos(product, Path(tmp) / "photos", base_dir=base_dir)
        request = GenerationRequest(
            output_path=output.resolve(), aspect_ratio=format_key,  # type: ignore[arg-type]
            product=local, template_id=template_id, preview=preview,
            options={"fields": fields, "voiceover": voiceover}, scratch_dir=Path(tmp),
        )
        plugin = get_generator(generator)
        with Progress(TextColumn("{task.description}"), BarColumn(),
                      TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                      console=console) as bar:
            task = bar.add_task(f"{template_id or generator} {format_key}", total=1.0)
            def report(fraction: float, _message: str = "") -> None:
                bar.update(task, completed=fraction)

            try:
                result = plugin.generate(request, report)
            except PluginError as exc:
                console.print(f"[red]error:[/] {exc}")
                raise typer.Exit(1) from None
            bar.update(task, completed=1.0)
    for note in result.metadata.get("notes") or []:
        console.print(f"[yellow]note:[/] {note}")
    typer.echo(json.dumps({
        "path": str(result.path), "generator": generator,
        "template": result.metadata.get("template_id"),
        "version": result.metadata.get("template_version"), "format": format_key,
        "width": result.width, "height": result.height,
        "duration": round(result.duration, 3), "cost": str(result.cost),
    }))


def render(
    product_file: Annotated[
        Path,
        typer.Option("--product-file", "-p", exists=True, dir_okay=False,
                     help="product.json; image paths relative to it"),
    ],
    template: str | None = typer.Option(
        None, "--template", "-t", help="Template id (default: showcase, for the template "
        "generator; other generators may need none)."),
    generator: str = typer.Option("template", "--generator", "-g",
                                  help="Video generator plugin (see `studio plugins`)."),
    format_key: str = typer.Option("9:16", "--format", "-f", help=FORMAT_HELP),
    output: Annotated[Path, typer.Option("--output", "-o", help="MP4 to write.")] = Path("out.mp4"),
    preview: bool = typer.Option(False, "--preview", help="Fast low-resolution preview."),
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Template field, name=value (repeat).")
    ] = None,
    no_voiceover: bool = typer.Option(False, "--no-voiceover", help="Skip text-to-speech."),
) -> None:
    """Render one product into an MP4, with a template or another generator."""
    if template is None and generator == "template":
        template = "showcase"
    render_product(template, product_file, format_key, output, preview=preview,
                   fields=parse_fields(set_ or []), voiceover=not no_voiceover,
                   generator=generator)


def register(app: typer.Typer) -> None:
    app.command("render")(render)
