"""`studio import FILE`: any export, its kind detected (a Shopify product export, a catalog,
a Meta or TikTok ad export, shop orders) and imported with the source made for it — the
same service as the web studio's import box. `studio import catalog|ads|orders FILE` name
the kind themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

from studio.cli.common import JSON, WORKSPACE, print_json, workspace


class ImportGroup(TyperGroup):
    """``studio import FILE`` runs the detecting command; a kind's name runs that one."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["file", *args]
        return super().parse_args(ctx, args)


HELP = ("Import any export: `studio import FILE` detects a Shopify product export, a "
        "catalog, a Meta or TikTok ad export or shop orders; or name the kind.")
import_app = typer.Typer(cls=ImportGroup, help=HELP, no_args_is_help=True)
console = Console()
FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV, TSV or XLSX.")]
MapOption = Annotated[list[str] | None, typer.Option(
    "--map", help="FIELD=COLUMN (catalogs and orders), repeatable.")]


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


def _counts(found: Any) -> str:
    c = found.counts
    if found.kind == "shopify_products":
        return (f"{c['products']} product(s), {c['variants']} variant(s), "
                f"{c['drafts']} draft(s)")
    if found.kind == "catalog":
        return f"{c['products']} product(s)"
    if found.kind == "orders":
        return f"{c['orders']} order(s)"
    days = f", {found.first_day} to {found.last_day}" if found.first_day else ""
    return f"{c['rows']} row(s), {c['ads']} ad(s){days}"


def _print_detected(found: Any, include_drafts: bool) -> None:
    more = "" if found.complete else " (in its first rows)"
    console.print(f"[bold]{found.file_name}[/]: {found.kind_name} — {_counts(found)}{more}")
    for note in found.notes:
        if note.code in ("drafts", "store_currency", "currency_not_in_file", "wrong_page"):
            continue  # said below in the terminal's words, or an error follows
        console.print(f"  {note.message}")
    drafts = found.counts.get("drafts", 0)
    if drafts and not include_drafts:
        console.print(f"  [yellow]{drafts} draft(s) left out; add --include-drafts to "
                      "import them[/]")
    if found.currency_needed:
        console.print("  [red]the file does not say its currency: add --currency CODE "
                      "(a Shopify export: the store's currency)[/]")


def _print_result(result: Any, rejected_ads: list[Any]) -> None:
    if result.products is not None:
        products = result.products
        console.print(f"[green]{products.stored} product(s) imported[/] ({result.source})")
        for warning in products.warnings[:20]:
            console.print(f"[yellow]{warning}[/]")
        _show_rejected(products.rejected)
    elif result.ads is not None:
        _print_ad_run(result.ads, rejected_ads)
    elif result.orders is not None:
        console.print(f"[green]{result.orders.stored} order(s) imported[/]")
        _show_rejected(result.orders.rejected)


def _rejected_ads(scope: Any, run: Any) -> list[Any]:
    from studio.services.ad_imports import rejected_rows

    return rejected_rows(scope, run.id, limit=20).data if run is not None and run.rejected \
        else []


@import_app.command("file", hidden=True)
def any_file(
    file: FileArg,
    kind: str | None = typer.Option(None, "--kind", help="When detection is wrong: "
                                    "shopify_products, catalog, meta_ads, tiktok_ads, orders."),
    currency: str | None = typer.Option(None, "--currency",
                                        help="When the file does not say it."),
    map_: MapOption = None,
    include_drafts: bool = typer.Option(False, "--include-drafts", help="Shopify drafts too."),
    fetch_images: bool = typer.Option(False, "--fetch-images", help="Download images now."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only say what the file is."),
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Detect what the file is, then import it (again: updates, never duplicates)."""
    from studio.schemas.imports import FileImportPublic
    from studio.services.detect import detect_file
    from studio.services.file_imports import ImportChoices, import_file

    choices = ImportChoices(kind=kind, currency=currency, mapping=_mapping(map_ or []),
                            include_drafts=include_drafts, fetch_images=fetch_images)
    found = detect_file(_file(file), choices)
    if as_json and dry_run:
        print_json(found)
        return
    if not as_json:
        _print_detected(found, include_drafts)
    if dry_run:
        return
    with workspace(workspace_slug) as scope:
        result = import_file(scope, _file(file), choices)  # no size limit: never a job
        assert isinstance(result, FileImportPublic)
        rejected = _rejected_ads(scope, result.ads)
    if as_json:
        print_json(result)
        return
    _print_result(result, rejected)


@import_app.command("catalog")
def catalog(
    file: FileArg,
    source: str | None = typer.Option(None, "--source", "-s", help="csv, shopify, or a "
                                      "plugin's name; by default detected from the file."),
    map_: MapOption = None,
    currency: str = typer.Option("USD", "--currency", help="Currency when the file has none."),
    include_drafts: bool = typer.Option(False, "--include-drafts", help="Shopify drafts too."),
    fetch_images: bool = typer.Option(False, "--fetch-images", help="Download images now."),
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Import products; re-importing the same file updates them instead of duplicating."""
    from studio.schemas.imports import FileImportPublic
    from studio.services.catalog import import_catalog
    from studio.services.file_imports import ImportChoices, import_file

    with workspace(workspace_slug) as scope:
        if source is None:  # a Shopify export goes to the shopify source, others to csv
            choices = ImportChoices(page="catalog", currency=currency,
                                    mapping=_mapping(map_ or []), include_drafts=include_drafts,
                                    fetch_images=fetch_images)
            answer = import_file(scope, _file(file), choices)
            assert isinstance(answer, FileImportPublic)
            result, source = answer.products, answer.source
        else:
            config: dict[str, Any] = {"currency": currency.upper(),
                                      "include_drafts": include_drafts}
            if map_:
                config["mapping"] = _mapping(map_)
            result = import_catalog(scope, source=source, config=config, file=_file(file),
                                    fetch_images=fetch_images)
    assert result is not None
    if as_json:
        print_json(result)
        return
    console.print(f"[green]{result.stored} product(s) imported[/] from {file.name} ({source})")
    if result.skipped_drafts:
        console.print(f"[yellow]{result.skipped_drafts} draft(s) left out; add "
                      "--include-drafts to import them[/]")
    for warning in result.warnings[:20]:
        console.print(f"[yellow]{warning}[/]")
    _show_rejected(result.rejected)


def _print_ad_run(run: Any, rejected: list[Any]) -> None:
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


@import_app.command("ads")
def ads(
    file: FileArg,
    platform: str | None = typer.Option(None, "--platform", "-p", help="meta or tiktok; by "
                                        "default detected from the file."),
    currency: str | None = typer.Option(None, "--currency", help="When headers lack (USD)."),
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Import ad results; the same file twice never double counts, newer days replace older."""
    from studio.schemas.imports import FileImportPublic
    from studio.services.ad_imports import import_ads
    from studio.services.file_imports import ImportChoices, import_file

    with workspace(workspace_slug) as scope:
        if platform is None:
            answer = import_file(scope, _file(file), ImportChoices(page="ads", currency=currency))
            assert isinstance(answer, FileImportPublic)
            run = answer.ads
        else:
            config = {"currency": currency.upper()} if currency else {}
            answer, run = None, import_ads(scope, source=platform, config=config,
                                           file=_file(file))
        rejected = _rejected_ads(scope, run)
    if as_json:
        print_json(run if answer is None or run is not None else answer)
        return
    if answer is not None and run is None:  # a shop order export dropped here
        _print_result(answer, rejected)
        return
    _print_ad_run(run, rejected)


@import_app.command("orders")
def orders(
    file: FileArg,
    source: str = typer.Option("csv", "--source", "-s", help="Data source reading the file."),
    map_: MapOption = None,
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
