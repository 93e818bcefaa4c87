"""`studio batch catalog.csv --templates a,b --formats 9:16,1:1`: a catalog in, a batch of
videos out, followed live; ``--json`` for scripts."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, Group
from rich.live import Live
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from studio.jobs.submit import FORMATS

STATUS_STYLE = {"succeeded": "green", "failed": "red", "cancelled": "yellow",
                "running": "cyan", "queued": "white", "pending": "dim"}
IDLE_WARNING_SECONDS = 20.0


def _split(value: str, what: str) -> list[str]:
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise typer.BadParameter(f"give at least one {what}")
    return items


def import_catalog(
    path: Path, workspace_id: int, *, source: str = "csv"
) -> tuple[list[int], list[str]]:
    """Products from a catalog file (upserted: importing twice changes nothing); returns their
    ids and the rejected rows as readable lines. Relative image paths are read from the
    catalog's folder."""
    from sqlalchemy import select

    from studio.contracts import FetchQuery, RejectedRow
    from studio.db import Product, session_scope
    from studio.ingest.catalog_store import store_products
    from studio.plugins import get_data_source
    from studio.product import ProductData

    plugin = get_data_source(source)
    plugin.connect({})
    rows: list[Any] = []
    rejected: list[str] = []
    for row in plugin.fetch(FetchQuery(kind="products", path=path)):
        if isinstance(row, RejectedRow):
            rejected.append(f"row {row.row_number}: {row.reason}")
        elif isinstance(row, ProductData):
            images = []
            for image in row.images:
                local = path.parent / image
                is_url = image.startswith(("http://", "https://"))
                images.append(str(local.resolve()) if not is_url and local.exists() else image)
            rows.append(row.model_copy(update={"images": images}))
    store_products(workspace_id, rows, source=source)
    keys = [(row.source or source, row.external_id or f"title:{row.title[:190]}") for row in rows]
    with session_scope() as session:
        found = {
            (p.source, p.external_id): p.id
            for p in session.scalars(select(Product).where(Product.workspace_id == workspace_id))
        }
    return [found[key] for key in keys if key in found], rejected


def submit_catalog(
    catalog: Path, templates: list[str], formats: list[str], *, preview: bool = False,
    generator: str = "template", name: str = "",
) -> tuple[Any, list[str]]:
    """Import, submit (idempotent) and send a batch; returns the submission and rejects."""
    from studio.db import session_scope
    from studio.jobs import runtime
    from studio.jobs.celery_app import reconfigure
    from studio.jobs.dispatch import dispatch
    from studio.jobs.submit import VideoRequest, submit_batch

    runtime.prepare()
    reconfigure()
    workspace_id = runtime.default_workspace_id()
    product_ids, rejected = import_catalog(catalog, workspace_id)
    if not product_ids:
        raise typer.BadParameter(f"{catalog} has no usable product rows", param_hint="CATALOG")
    options = {"preview": True} if preview else {}
    requests = [
        VideoRequest(product_id=pid, template_id=template, format=fmt, generator=generator,
                     options=options)
        for template in templates for pid in product_ids for fmt in formats
    ]
    with session_scope() as session:
        submission = submit_batch(session, workspace_id, requests,
                                  name=name or f"{catalog.name}: {', '.join(templates)}")
    try:
        dispatch(submission)
    except Exception as exc:  # kombu/redis raise several unrelated types for "unreachable"
        from studio.jobs.celery_app import app

        raise typer.BadParameter(
            f"the batch is saved (id {submission.batch_id}) but the broker at "
            f"{app.conf.broker_url} could not be reached ({type(exc).__name__}: {exc}); "
            "start it; the recovery sweep (beat, or `studio worker --beat`) sends saved work "
            "that was never sent"
        ) from None
    return submission, rejected


def video_rows(batch_id: int | None = None, limit: int | None = None,
               status: str | None = None) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from studio.db import Product, Video, session_scope
    from studio.storage import open_storage

    storage = open_storage()
    with session_scope() as session:
        statement = select(Video, Product.title).outerjoin(Product, Video.product_id == Product.id)
        if batch_id is not None:
            statement = statement.where(Video.batch_id == batch_id)
        if status:
            statement = statement.where(Video.status == status)
        statement = statement.order_by(Video.id.desc() if limit else Video.id)
        if limit:
            statement = statement.limit(limit)
        rows = []
        for video, title in session.execute(statement).all():
            local = storage.local_path(video.storage_key) if video.storage_key else None
            rows.append({
                "id": video.id, "creative_code": video.creative_code, "product": title,
                "template": video.template_id, "template_version": video.template_version,
                "format": video.format, "status": video.status,
                "progress": round(float(video.progress or 0), 3), "batch_id": video.batch_id,
                "render_version": video.render_version, "duration": video.duration,
                "file": str(local) if local else (storage.url(video.storage_key)
                                                  if video.storage_key else None),
                "error": video.error,
            })
    return rows


def _view(state: dict[str, Any], running: list[dict[str, Any]], idle_hint: str) -> Group:
    counts = state["counts"]
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                   TextColumn("{task.percentage:>5.1f}%"), TimeRemainingColumn())
    bar.add_task(f"batch {state['batch_id']}", total=100, completed=state["progress"])
    summary = "  ".join(
        f"[{STATUS_STYLE.get(name, 'white')}]{name} {counts[name]}[/]"
        for name in ("queued", "running", "succeeded", "failed", "cancelled") if counts.get(name)
    )
    eta = f"  ETA {state['eta_seconds']:.0f} s" if state.get("eta_seconds") else ""
    table = Table(box=None, show_header=False)
    for row in running[:8]:
        table.add_row(f"[cyan]{row['creative_code']}[/]", row["product"] or "",
                      f"{row['template']} {row['format']}", f"{100 * row['progress']:.0f}%")
    parts: list[Any] = [bar, f"{summary}{eta}", table]
    if idle_hint:
        parts.append(f"[yellow]{idle_hint}[/]")
    return Group(*parts)


def follow(batch_id: int, console: Console, *, timeout: float | None = None,
           problem: Callable[[], str | None] | None = None) -> dict[str, Any]:
    """A live Rich view of the batch until it settles; returns the final status.

    ``problem`` is asked on every refresh; a message stops following (a dead worker)."""
    from studio.db import session_scope
    from studio.jobs.control import batch_status
    from studio.states import FINISHED

    began = time.monotonic()
    with Live(console=console, refresh_per_second=4, transient=False) as live:
        while True:
            with session_scope() as session:
                state = batch_status(session, batch_id)
            running = [r for r in video_rows(batch_id) if r["status"] == "running"]
            idle = (state["counts"].get("running", 0) == 0 and state["finished"] == 0
                    and time.monotonic() - began > IDLE_WARNING_SECONDS)
            hint = ("no worker has taken any work yet: start one with `studio worker`"
                    if idle else "")
            live.update(_view(state, running, hint))
            if state["status"] in FINISHED["batch"]:
                return state
            trouble = problem() if problem else None
            if trouble:
                return {**state, "problem": trouble}
            if timeout is not None and time.monotonic() - began > timeout:
                return state
            time.sleep(0.5)


def print_result(state: dict[str, Any], console: Console) -> None:
    rows = video_rows(state["batch_id"])
    table = Table(title=f"batch {state['batch_id']}: {state['status']}")
    for column in ("code", "product", "template", "format", "status", "file"):
        table.add_column(column, overflow="fold")
    for row in rows:
        style = STATUS_STYLE.get(row["status"], "white")
        table.add_row(row["creative_code"], row["product"] or "", row["template"] or "",
                      row["format"], f"[{style}]{row['status']}[/]",
                      row["file"] or (row["error"] or "")[:120])
    console.print(table)
    for failure in state["failures"]:
        console.print(f"[red]✗ {failure['product']} · {failure['template']} "
                      f"{failure['format']}: {failure['error']}[/]")


def batch(
    catalog: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                            help="Catalog file (CSV/TSV/XLSX).")],
    templates: str = typer.Option("showcase", "--templates", "-t",
                                  help="Comma-separated template ids (see `studio templates`)."),
    formats: str = typer.Option("9:16", "--formats", "-f",
                                help=f"Comma-separated formats: {', '.join(FORMATS)}."),
    preview: bool = typer.Option(False, "--preview", help="Fast low-resolution renders."),
    wait: bool = typer.Option(True, "--wait/--no-wait", help="Follow the batch until done."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts (no live view)."),
    name: str = typer.Option("", "--name", help="A name for the batch."),
    generator: str = typer.Option("template", "--generator",
                                  help="Video generator plugin (see `studio plugins`)."),
) -> None:
    """Render every product of a catalog in each template and format, on the workers."""
    chosen_formats = _split(formats, "format")
    bad = [fmt for fmt in chosen_formats if fmt not in FORMATS]
    if bad:
        raise typer.BadParameter(f"{', '.join(bad)}: use {', '.join(FORMATS)}",
                                 param_hint="--formats")
    console = Console(stderr=as_json)
    from studio.jobs.submit import SubmissionError

    try:
        submission, rejected = submit_catalog(catalog, _split(templates, "template"),
                                              chosen_formats, preview=preview, name=name,
                                              generator=generator)
    except SubmissionError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    for line in rejected:
        console.print(f"[yellow]skipped {line}[/]")
    if not as_json:
        verb = "submitted" if submission.created else "already submitted (nothing new)"
        console.print(f"batch {submission.batch_id} {verb}: {len(submission.video_ids)} videos")
    from studio.db import session_scope
    from studio.jobs.control import batch_status

    if wait:
        state = (follow(submission.batch_id, console) if not as_json
                 else _wait_quietly(submission.batch_id))
    else:
        with session_scope() as session:
            state = batch_status(session, submission.batch_id)
    if as_json:
        typer.echo(json.dumps({**state, "created": submission.created, "rejected": rejected,
                               "videos": video_rows(submission.batch_id)}, indent=2, default=str))
    elif wait:
        print_result(state, console)
    if state["status"] in ("failed",):
        raise typer.Exit(1)


def _wait_quietly(batch_id: int) -> dict[str, Any]:
    from studio.db import session_scope
    from studio.jobs.control import batch_status
    from studio.states import FINISHED

    while True:
        with session_scope() as session:
            state = batch_status(session, batch_id)
        if state["status"] in FINISHED["batch"]:
            return state
        time.sleep(0.5)


def register(app: typer.Typer) -> None:
    app.command(name="batch")(batch)
