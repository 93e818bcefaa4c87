"""`studio import catalog|ads|orders FILE`: bring a seller's data in through data-source plugins."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from studio.contracts import FetchQuery, PluginError, RejectedRow

import_app = typer.Typer(help="Import catalogs, ad results and shop orders.", no_args_is_help=True)
WORKSPACE = typer.Option("default", "--workspace", "-w", help="Workspace slug.")
console = Console()


def _workspace_id(slug: str) -> int:
    from studio.jobs import runtime

    runtime.prepare()
    return runtime.default_workspace_id(slug)


def _source(name: str, config: dict[str, Any]) -> Any:
    from studio.plugins import get_data_source

    try:
        source = get_data_source(name)
    except (KeyError, LookupError):
        typer.secho(f"no data source named {name!r}; see `studio plugins`", fg="red", err=True)
        raise typer.Exit(2) from None
    try:
        source.connect(config)
    except PluginError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2) from None
    return source


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep:
            raise typer.BadParameter(f"{pair!r}: use FIELD=COLUMN, e.g. title='Product name'")
        mapping[field.strip()] = column.strip()
    return mapping


def _show_rejected(rejected: list[RejectedRow], limit: int = 20) -> None:
    if not rejected:
        return
    table = Table(title=f"{len(rejected)} rejected row(s): fix them and import again")
    table.add_column("row", justify="right")
    table.add_column("reason")
    for r in rejected[:limit]:
        table.add_row(str(r.row_number or ""), r.reason)
    console.print(table)
    if len(rejected) > limit:
        console.print(f"… and {len(rejected) - limit} more")


@import_app.command("catalog")
def catalog(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="CSV, TSV or XLSX file.")
    ],
    source: str = typer.Option("csv", "--source", "-s", help="csv, shopify, or a plugin's name."),
    map_: Annotated[
        list[str] | None, typer.Option("--map", help="FIELD=COLUMN (csv source), repeatable.")
    ] = None,
    currency: str = typer.Option("USD", "--currency", help="Currency when the file has none."),
    include_drafts: bool = typer.Option(False, "--include-drafts", help="Shopify drafts too."),
    fetch_images: bool = typer.Option(False, "--fetch-images", help="Download images now."),
    workspace: str = WORKSPACE,
) -> None:
    """Import products; re-importing the same file updates them instead of duplicating."""
    from studio.ingest.catalog_store import store_products

    config: dict[str, Any] = {"currency": currency, "include_drafts": include_drafts}
    if map_:
        config["mapping"] = _mapping(map_)
    plugin = _source(source, config)
    workspace_id = _workspace_id(workspace)
    try:
        rows = list(plugin.fetch(FetchQuery(kind="products", path=file)))
        result = store_products(workspace_id, rows, source=source, fetch_images=fetch_images)
    except PluginError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    console.print(f"[green]{result.stored} product(s) imported[/] from {file.name} ({source})")
    for warning in result.warnings[:20]:
        console.print(f"[yellow]{warning}[/]")
    _show_rejected(result.rejected)


@import_app.command("ads")
def ads(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Ads Manager export.")],
    platform: str = typer.Option(..., "--platform", "-p", help="meta or tiktok."),
    currency: str | None = typer.Option(None, "--currency", help="When headers lack (USD)."),
    workspace: str = WORKSPACE,
) -> None:
    """Import ad results; the same file twice never double counts, newer days replace older."""
    from studio.db import session_scope
    from studio.roi.store import import_ad_stats

    if platform not in ("meta", "tiktok"):
        raise typer.BadParameter("use --platform meta or --platform tiktok")
    plugin = _source(platform, {"currency": currency} if currency else {})
    workspace_id = _workspace_id(workspace)
    try:
        with session_scope() as session:
            rows = plugin.fetch(FetchQuery(kind="ad_stats", path=file))
            s = import_ad_stats(
                session, workspace_id, rows, source=platform, platform=platform, file=file
            )
    except PluginError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    if s.repeated_file_of:
        console.print(
            f"[yellow]this file was imported before (import {s.repeated_file_of}); "
            "its rows were replaced, nothing is counted twice[/]"
        )
    console.print(
        f"import {s.import_id}: {s.rows_total} row(s) read, {s.stored} ad-day(s) stored, "
        f"[green]{s.matched} linked to a video[/], [yellow]{s.unmatched} unlinked[/], "
        f"[red]{len(s.rejected)} rejected[/]"
    )
    if s.unmatched:
        console.print("see unlinked ads with `studio link --unmatched`")
    _show_rejected(s.rejected)


@import_app.command("orders")
def orders(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Orders CSV/XLSX.")],
    source: str = typer.Option("csv", "--source", "-s", help="Data source reading the file."),
    map_: Annotated[
        list[str] | None, typer.Option("--map", help="FIELD=COLUMN, repeatable.")
    ] = None,
    currency: str = typer.Option("USD", "--currency"),
    workspace: str = WORKSPACE,
) -> None:
    """Import shop orders with UTM fields: revenue for `studio roi --revenue orders`."""
    from studio.db import session_scope
    from studio.roi.store import import_orders

    config: dict[str, Any] = {"currency": currency}
    if map_:
        config["order_mapping"] = _mapping(map_)
    plugin = _source(source, config)
    workspace_id = _workspace_id(workspace)
    try:
        with session_scope() as session:
            rows = plugin.fetch(FetchQuery(kind="orders", path=file))
            stored, rejected = import_orders(session, workspace_id, rows, source=source)
    except PluginError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    console.print(f"[green]{stored} order(s) imported[/]")
    _show_rejected(rejected)


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
