"""`studio link AD_ID VIDEO`: map an ad to a video by hand; list and re-match unlinked ads."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


def link(
    ad_id: Annotated[str | None, typer.Argument(help="The ad's ID from the ad platform.")] = None,
    video: Annotated[str | None, typer.Argument(help="Video id or creative code.")] = None,
    platform: Annotated[str, typer.Option("--platform", "-p", help="meta or tiktok.")] = "meta",
    unmatched: Annotated[bool, typer.Option("--unmatched", help="List unlinked ads.")] = False,
    rematch: Annotated[bool, typer.Option("--relink", help="Match all ad rows again.")] = False,
    workspace: Annotated[str, typer.Option("--workspace", "-w")] = "default",
) -> None:
    """Link an ad to a video (its rows then count for that video's template in `studio roi`)."""
    from studio.db import session_scope
    from studio.jobs import runtime
    from studio.linking import link_ad, relink, unmatched_ads

    runtime.prepare()
    workspace_id = runtime.default_workspace_id(workspace)
    console = Console()
    with session_scope() as session:
        if ad_id and video:
            try:
                found, moved = link_ad(session, workspace_id, platform, ad_id, video)
            except LookupError as exc:
                typer.secho(str(exc), fg="red", err=True)
                raise typer.Exit(1) from None
            console.print(
                f"{platform} ad {ad_id} → video {found.id} ({found.creative_code}, "
                f"template {found.template_id}); {moved} day row(s) moved"
            )
        elif ad_id or video:
            raise typer.BadParameter("give both AD_ID and VIDEO, e.g. studio link 1202100 K7M2Q9XA")
        if rematch:
            counts = relink(session, workspace_id)
            console.print(", ".join(f"{n} ad(s) by {k}" for k, n in counts.items()))
        if unmatched or not (ad_id or rematch):
            rows = unmatched_ads(session, workspace_id)
            table = Table(title="Ads not linked to a video (largest spend first)")
            for column in ("platform", "ad id", "ad name", "days", "spend"):
                table.add_column(column)
            for plat, aid, name, cur, days, spend in rows:
                table.add_row(plat, aid or "", name or "", str(days), f"{spend:.2f} {cur}")
            console.print(table)
            if rows:
                console.print("link one with `studio link AD_ID VIDEO` (video id or creative code)")


def register(app: typer.Typer) -> None:
    app.command(name="link")(link)
