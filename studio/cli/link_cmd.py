"""`studio link AD_ID VIDEO`: map an ad to a video by hand; list and re-match unlinked ads."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from studio.cli.common import JSON, WORKSPACE, print_json, workspace


def link(
    ad_id: Annotated[str | None, typer.Argument(help="The ad's ID from the ad platform.")] = None,
    video: Annotated[str | None, typer.Argument(help="Video id or creative code.")] = None,
    platform: Annotated[str, typer.Option("--platform", "-p", help="meta or tiktok.")] = "meta",
    unmatched: Annotated[bool, typer.Option("--unmatched", help="List unlinked ads.")] = False,
    rematch: Annotated[bool, typer.Option("--relink", help="Match all ad rows again.")] = False,
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Link an ad to a video (its rows then count for that video's template in `studio roi`)."""
    from studio.services import links

    if bool(ad_id) != bool(video):
        raise typer.BadParameter("give both AD_ID and VIDEO, e.g. studio link 1202100 K7M2Q9XA")
    console = Console()
    with workspace(workspace_slug) as scope:
        if ad_id and video:
            made = links.link_ad(scope, platform=platform, ad_id=ad_id, video=video)
            if as_json:
                print_json(made)
            else:
                console.print(f"{platform} ad {ad_id} → video {made.video_id} "
                              f"({made.creative_code}); {made.rows_linked} day row(s) moved")
        if rematch:
            counts = links.relink(scope)
            if as_json:
                print_json(counts)
            else:
                console.print(", ".join(f"{n} ad(s) by {k}" for k, n in counts.items()))
        if unmatched or not (ad_id or rematch):
            page = links.unlinked_ads(scope)
            if as_json:
                print_json(page)
                return
            table = Table(title="Ads not linked to a video (largest spend first)")
            for column in ("platform", "ad id", "ad name", "days", "spend"):
                table.add_column(column)
            for row in page.data:
                table.add_row(row.platform, row.ad_id or "", row.ad_name or "", str(row.days),
                              f"{row.spend} {row.currency}")
            console.print(table)
            if page.data:
                console.print("link one with `studio link AD_ID VIDEO` (video id or creative code)")


def register(app: typer.Typer) -> None:
    app.command(name="link")(link)
