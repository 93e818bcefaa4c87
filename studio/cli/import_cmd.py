"""`studio import catalog|ads|orders FILE`: bring a seller's data in through data-source plugins."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from studio.cli.common import JSON, WORKSPACE, print_json, workspace

import_app = typer.Typer(help="Import catalogs, ad results and shop orders.", no_args_is_help=True)
console = Console()
FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV, TSV or XLSX.")]


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep:
            raise typer.BadParameter(f"{pair!r}: use FIELD=COLUMN, e.g. title='Product name'")
        mapping[field.strip()] = column.strip()
    return mapping


def _show_rejected(rejected: list[Any], limit: int = 20) -> None:
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


def _file(path: Path) -> Any:
    from studio.services.catalog import CatalogFile

    return CatalogFile(path=path.resolve(), name=path.name)


@import_app.command("catalog")
def catalog(
    file: FileArg,
    source: str = typer.Option("csv", "--source", "-s", help="csv, shopify, or a plugin's name."),
    map_: Annotated[
        list[str] | None, typer.Option("--map", help="FIELD=COLUMN (csv source), repeatable.")
    ] = None,
    currency: str = typer.Option("USD", "--currency", help="Currency when the file has none."),
    include_drafts: bool = typer.Option(False, "--include-drafts", help="Shopify drafts too."),
    fetch_images: bool = typer.Option(False, "--fetch-images", help="Download images now."),
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Import products; re-importing the same file updates them instead of duplicating."""
    from studio.services.catalog import import_catalog

    config: dict[str, Any] = {"currency": currency.upper(), "include_drafts": include_drafts}
    if map_:
        config["mapping"] = _mapping(map_)
    with workspace(workspace_slug) as scope:
        result = import_catalog(scope, source=source, config=config, file=_file(file),
                                fetch_images=fetch_images)
    if as_json:
        print_json(result)
        return
    console.print(f"[green]{result.stored} product(s) imported[/] from {file.name} ({source})")
    for warning in result.warnings[:20]:
        console.print(f"[yellow]{warning}[/]")
    _show_rejected(result.rejected)


@import_app.command("ads")
def ads(
    file: FileArg,
    platform: str = typer.Option(..., "--platform", "-p", help="meta or tiktok."),
    currency: str | None = typer.Option(None, "--currency", help="When headers lack (USD)."),
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Import ad results; the same file twice never double counts, newer days replace older."""
    from studio.services.ad_imports import import_ads, rejected_rows

    config = {"currency": currency.upper()} if currency else {}
    with workspace(workspace_slug) as scope:
        run = import_ads(scope, source=platform, config=config, file=_file(file))
        rejected = rejected_rows(scope, run.id, limit=20).data if run.rejected else []
    if as_json:
        print_json(run)
        return
    if run.repeated_file_of:
        console.print(f"[yellow]this file was imported before (import {run.repeated_file_of});"
                      " its rows were replaced, nothing is counted twice[/]")
    console.print(
        f"import {run.id}: {run.rows_total} row(s) read, "
        f"[green]{run.matched} linked to a video[/], [yellow]{run.unmatched} unlinked[/], "
        f"[red]{run.rejected} rejected[/]"
    )
    if run.unmatched:
        console.print("see unlinked ads with `studio link --unmatched`")
    _show_rejected(rejected)


@import_app.command("orders")
def orders(
    file: FileArg,
    source: str = typer.Option("csv", "--source", "-s", help="Data source reading the file."),
    map_: Annotated[
        list[str] | None, typer.Option("--map", help="FIELD=COLUMN, repeatable.")
    ] = None,
    currency: str = typer.Option("USD", "--currency"),
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Import shop orders with UTM fields: revenue for `studio roi --revenue orders`."""
    from studio.services.ad_imports import import_orders

    config: dict[str, Any] = {"currency": currency.upper()}
    if map_:
        config["order_mapping"] = _mapping(map_)
    with workspace(workspace_slug) as scope:
        result = import_orders(scope, source=source, config=config, file=_file(file))
    if as_json:
        print_json(result)
        return
    console.print(f"[green]{result.stored} order(s) imported[/]")
    _show_rejected(result.rejected)


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
