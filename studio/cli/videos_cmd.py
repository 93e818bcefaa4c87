"""`studio videos list|show|cancel|rerender`: the videos made so far, and steering them."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from studio.cli.common import JSON, WORKSPACE, print_json, workspace
from studio.cli.views import STATUS_STYLE

videos_app = typer.Typer(help="Videos: list them, show one, cancel, render again.",
                         no_args_is_help=True)


@videos_app.command("list")
def list_videos(
    batch: int | None = typer.Option(None, "--batch", help="Only this batch."),
    status: str | None = typer.Option(None, "--status", help="Only this status."),
    limit: int = typer.Option(50, "--limit", help="At most this many (newest first)."),
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """List videos with their status (newest first)."""
    from studio.services.videos import VideoFilter, list_videos

    with workspace(workspace_slug) as scope:
        page = list_videos(scope, VideoFilter(status=status, batch_id=batch), limit=limit)
    if as_json:
        print_json(page)
        return
    table = Table(title=f"{len(page.data)} of {page.count} video(s)")
    for column in ("id", "code", "template", "format", "status", "made with / error"):
        table.add_column(column, overflow="fold")
    for video in page.data:
        style = STATUS_STYLE.get(video.status, "white")
        table.add_row(str(video.id), video.creative_code, video.template_id or "",
                      video.format, f"[{style}]{video.status}[/]",
                      video.generator if video.status != "failed" else (video.error or "")[:100])
    Console().print(table)


@videos_app.command("show")
def show(
    video_id: int = typer.Argument(..., help="The video's id."),
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Everything about one video: status, file, and why it failed when it did."""
    from studio.services.videos import get_video, video_detail

    with workspace(workspace_slug) as scope:
        video = video_detail(get_video(scope, video_id))
    if as_json:
        print_json(video)
        return
    console = Console()
    style = STATUS_STYLE.get(video.status, "white")
    console.print(f"[bold]video {video.id}[/] {video.creative_code}  "
                  f"[{style}]{video.status}[/]  {video.template_id or video.generator} "
                  f"{video.format}")
    console.print(f"suggested ad name: {video.suggested_ad_name}")
    if video.duration:
        console.print(f"{video.duration:.1f} s, {video.width}x{video.height}")
    if video.error:
        console.print(video.error, style="red", markup=False)
    if video.failure is not None:  # a plugin's code failed: its author needs the traceback
        console.print(f"raised at {video.failure.raised_at or '?'} "
                      f"({video.failure.plugin}, {video.failure.type})", markup=False)
        console.print(video.failure.traceback.rstrip(), markup=False, highlight=False,
                      soft_wrap=True)


@videos_app.command("cancel")
def cancel(
    video_id: int | None = typer.Argument(None, help="The video to cancel."),
    batch: int | None = typer.Option(None, "--batch", help="Cancel a whole batch instead."),
    workspace_slug: str = WORKSPACE,
) -> None:
    """Cancel a video or a batch: queued work never starts, a running render stops."""
    from studio.services.batches import cancel_batch
    from studio.services.videos import cancel_video

    if (video_id is None) == (batch is None):
        raise typer.BadParameter("give a VIDEO_ID or --batch ID")
    with workspace(workspace_slug) as scope:
        if batch is not None:
            state = cancel_batch(scope, batch)
            typer.echo(f"batch {batch}: {state.counts.get('cancelled', 0)} video(s) cancelled")
        elif cancel_video(scope, video_id or 0):
            typer.echo(f"video {video_id} cancelled")
        else:
            typer.echo(f"video {video_id} had already finished")


@videos_app.command("rerender")
def rerender_video(
    video_id: int = typer.Argument(..., help="The video to render again."),
    workspace_slug: str = WORKSPACE,
) -> None:
    """Render a finished video again as a new version (same request, new file)."""
    from studio.jobs.celery_app import reconfigure
    from studio.services.videos import render_again

    reconfigure()
    with workspace(workspace_slug) as scope:
        video = render_again(scope, video_id)
        version = video.render_version
    typer.echo(f"video {video_id} queued again (version {version})")


def register(app: typer.Typer) -> None:
    app.add_typer(videos_app, name="videos")
