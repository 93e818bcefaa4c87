"""`studio publish`: videos (ids or creative codes) or a whole batch become ads in an ad set
/ ad group of a connected account, paused unless --active; workers do the uploading."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from studio.cli.common import JSON, WORKSPACE, print_json, workspace

if TYPE_CHECKING:
    from studio.db import Scope

FINISHED = ("in_review", "paused", "active", "rejected", "failed")


def publish(
    videos: Annotated[list[str] | None, typer.Argument(
        help="Video ids or creative codes.")] = None,
    batch: Annotated[int | None, typer.Option("--batch", "-b",
                                              help="Every made video of this batch.")] = None,
    account: Annotated[int, typer.Option("--account", "-a", help="The connection's id (the "
                                         "Connections page, GET /api/v1/connections).")] = 0,
    ad_set: Annotated[str, typer.Option("--ad-set", help="Meta ad set or TikTok ad group "
                                        "id.")] = "",
    active: Annotated[bool, typer.Option("--active", help="Let the ad deliver once reviewed "
                                         "(default: created paused).")] = False,
    text: Annotated[str | None, typer.Option("--text", help="The ad's text (default: the "
                                             "video's AI copy, else the template's).")] = None,
    landing_url: Annotated[str | None, typer.Option("--landing-url", help="The page the ad "
                                                    "opens; utm_content is added.")] = None,
    wait: Annotated[bool, typer.Option("--wait", help="Wait until every ad is published or "
                                       "failed (needs running workers).")] = False,
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Publish videos (or a batch) as ads into an ad set / ad group, paused unless --active."""
    from studio.schemas.publishing import PublishRequest
    from studio.services import publishing

    if not account or not ad_set or bool(videos) == (batch is not None):
        raise typer.BadParameter("give VIDEOS or --batch, and --account and --ad-set, e.g. "
                                 "studio publish K7M2Q9XA --account 1 --ad-set 1203300000101")
    with workspace(workspace_slug) as scope:
        body = PublishRequest(account=account, ad_set_id=ad_set, start_paused=not active,
                              primary_text=text, landing_url=landing_url,
                              ad_set_name=_ad_set_name(scope, account, ad_set))
        rows = publishing.publish_batch(scope, batch, body) if batch is not None \
            else publishing.publish_videos(scope, videos or [], body)
    while wait and any(r.status not in FINISHED for r in rows.data):
        time.sleep(1)
        with workspace(workspace_slug) as scope:
            rows = publishing.list_published(scope, limit=len(rows.data) or 1,
                                             ids=[r.id for r in rows.data])
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"{rows.count} ad(s)")
    for column in ("video", "platform", "ad set", "status", "ad id", "reason / step"):
        table.add_column(column)
    for row in rows.data:
        table.add_row(str(row.video_id), row.platform, row.ad_set_name or row.ad_set_id,
                      row.status, row.ad_id or "", row.reason or row.step or "")
    Console().print(table)
    if not wait:
        Console().print("a worker publishes them; see their status with `studio publish "
                        "... --wait`, on the video's page, or GET /api/v1/videos/{id}/ads")


def _ad_set_name(scope: Scope, account: int, ad_set: str) -> str:
    """The ad set's name from the account's list, as the web studio's picker sends it (the
    ads are shown by it). An id the account does not have is refused here, naming the ones
    it has; a platform that cannot be reached now leaves the name empty (the id is shown)."""
    from studio.errors import Unavailable
    from studio.services.connections import ad_sets

    try:
        listed = ad_sets(scope, account).data
    except Unavailable as exc:
        Console(stderr=True).print(f"the ad set's name could not be read ({exc.message}); "
                                   "its id is shown instead")
        return ""
    found = next((s for s in listed if s.id == ad_set), None)
    if found is None:
        have = ", ".join(f"{s.id} ({s.name})" for s in listed[:10]) or "none"
        raise typer.BadParameter(f"account {account} has no ad set / ad group {ad_set}; it "
                                 f"has: {have}", param_hint="--ad-set")
    return found.name


def register(app: typer.Typer) -> None:
    app.command(name="publish")(publish)
