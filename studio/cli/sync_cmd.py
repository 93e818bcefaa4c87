"""`studio sync`: pull connected ad accounts' results now (since the last pull, re-reading
the attribution window) and their ads' review status; beat does this every hour anyway."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from studio.cli.common import JSON, WORKSPACE, print_json, workspace


def sync(
    account: Annotated[int | None, typer.Option("--account", "-a", help="Only this "
                                                "connection (default: every connected one).")
                       ] = None,
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Pull ad results from the connected Meta and TikTok accounts now."""
    from studio.services import ad_sync

    with workspace(workspace_slug) as scope:
        results = ad_sync.sync_now(scope, account)
    if as_json:
        print_json([r.model_dump(mode="json") for r in results])
        return
    if not results:
        Console().print("no connected ad account; connect one on the Connections page")
        return
    table = Table(title="Ad results pulled")
    for column in ("account", "platform", "days", "rows", "linked", "not linked",
                   "videos updated", "ads checked", "problem"):
        table.add_column(column)
    for r in results:
        days = f"{r.since} … {r.until}" if r.since else ""
        table.add_row(str(r.account), r.platform, days, str(r.rows), str(r.matched),
                      str(r.unmatched), str(len(r.videos_updated)), str(r.ads_checked),
                      r.error or "")
    Console().print(table)
    if any(r.error for r in results):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command(name="sync")(sync)
