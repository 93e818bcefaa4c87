"""`studio batch catalog.csv --templates a,b --formats 9:16,1:1`: a catalog in, a batch of
videos out, followed live; ``--json`` prints the batch as the API shows it."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from studio.cli.common import JSON, WORKSPACE, print_json, workspace
from studio.cli.views import follow, print_result
from studio.schemas.videos import BatchPublic
from studio.services.requests import FORMATS


def split(value: str, what: str) -> list[str]:
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise typer.BadParameter(f"give at least one {what}")
    return items


def submit_catalog(
    catalog: Path, templates: Sequence[str | None], formats: list[str], *, preview: bool = False,
    generator: str = "template", name: str = "", workspace_slug: str = "default",
) -> tuple[BatchPublic, list[str]]:
    """Import the catalog (upserted: twice changes nothing) and save its batch (idempotent);
    the videos leave for the workers when this returns. Returns the batch and the rejected
    rows as readable lines."""
    from studio.services.batches import create_batch
    from studio.services.catalog import CatalogFile, import_catalog
    from studio.services.requests import VideoRequest

    options = {"preview": True} if preview else {}
    with workspace(workspace_slug) as scope:
        imported = import_catalog(scope, source="csv", config={},
                                  file=CatalogFile(catalog.resolve(), catalog.name))
        rejected = [f"row {r.row_number}: {r.reason}" for r in imported.rejected]
        if not imported.product_ids:
            raise typer.BadParameter(f"{catalog.name} has no usable product rows",
                                     param_hint="CATALOG")
        requests = [VideoRequest(product_id=pid, template_id=template, format=fmt,
                                 generator=generator, options=options)
                    for template in templates for pid in imported.product_ids
                    for fmt in formats]
        made_with = ", ".join(t for t in templates if t) or generator
        batch, _ = create_batch(scope, requests, name=name or f"{catalog.name}: {made_with}")
    return batch, rejected


def batch(
    catalog: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                            help="Catalog file (CSV/TSV/XLSX).")],
    templates: str | None = typer.Option(
        None, "--templates", "-t", help="Comma-separated template ids (see `studio templates`; "
        "default: showcase with the template renderer, none with another --generator)."),
    formats: str = typer.Option("9:16", "--formats", "-f",
                                help=f"Comma-separated formats: {', '.join(FORMATS)}."),
    preview: bool = typer.Option(False, "--preview", help="Fast low-resolution renders."),
    wait: bool = typer.Option(True, "--wait/--no-wait", help="Follow the batch until done."),
    as_json: bool = JSON,
    name: str = typer.Option("", "--name", help="A name for the batch."),
    generator: str = typer.Option("template", "--generator",
                                  help="Video generator plugin (see `studio plugins`)."),
    workspace_slug: str = WORKSPACE,
) -> None:
    """Render every product of a catalog in each template and format, on the workers."""
    from studio.jobs.celery_app import reconfigure

    chosen_formats = split(formats, "format")
    bad = [fmt for fmt in chosen_formats if fmt not in FORMATS]
    if bad:
        raise typer.BadParameter(f"{', '.join(bad)}: use {', '.join(FORMATS)}",
                                 param_hint="--formats")
    console = Console(stderr=as_json)
    reconfigure()
    chosen: list[str | None] = (
        list(split(templates, "template")) if templates is not None
        else ["showcase"] if generator == "template" else [None])
    state, rejected = submit_catalog(catalog, chosen, chosen_formats,
                                     preview=preview, name=name, generator=generator,
                                     workspace_slug=workspace_slug)
    for line in rejected:
        console.print(f"[yellow]skipped {line}[/]")
    if not as_json:
        verb = "submitted" if state.created else "already submitted (nothing new)"
        console.print(f"batch {state.id} {verb}: {len(state.video_ids)} videos"
                      + (f" ({len(state.reused_video_ids)} made before, not again)"
                         if state.reused_video_ids else ""))
    created = state.created
    if wait and not as_json:
        state, _ = follow(state.id, console, workspace_slug=workspace_slug)
    elif wait:
        state = wait_quietly(state.id, workspace_slug)
    state.created = created  # the batch as it is now; `created` says what this command did
    if as_json:
        print_json(state)
    elif wait:
        print_result(state, console, workspace_slug)
    if state.status == "failed":
        raise typer.Exit(1)


def wait_quietly(batch_id: int, workspace_slug: str = "default",
                 problem: Callable[[], str | None] | None = None) -> Any:
    from studio.services.batches import batch_public, get_batch
    from studio.states import FINISHED

    while True:
        with workspace(workspace_slug) as scope:
            state = batch_public(scope, get_batch(scope, batch_id))
        if state.status in FINISHED["batch"] or (problem and problem()):
            return state
        time.sleep(0.5)


def register(app: typer.Typer) -> None:
    app.command(name="batch")(batch)
