"""`studio videos list|cancel|rerender`: the videos made so far, and steering them."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

videos_app = typer.Typer(help="Videos: list them, cancel, render again.", no_args_is_help=True)


@videos_app.command("list")
def list_videos(
    batch: int | None = typer.Option(None, "--batch", help="Only this batch."),
    status: str | None = typer.Option(None, "--status", help="Only this status."),
    limit: int = typer.Option(50, "--limit", help="At most this many (newest first)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
) -> None:
    """List videos with status and where the file is."""
    from studio.cli.batch_cmd import STATUS_STYLE, video_rows
    from studio.jobs import runtime

    runtime.prepare()
    rows = video_rows(batch, limit=limit, status=status)
    if as_json:
        typer.echo(json.dumps(rows, indent=2, default=str))
        return
    table = Table(title=f"{len(rows)} video(s)")
    for column in ("id", "code", "product", "template", "format", "status", "file"):
        table.add_column(column, overflow="fold")
    for row in rows:
        style = STATUS_STYLE.get(row["status"], "white")
        table.add_row(str(row["id"]), row["creative_code"], row["product"] or "",
                      row["template"] or "", row["format"], f"[{style}]{row['status']}[/]",
                      row["file"] or (row["error"] or "")[:100])
    Console().print(table)


@videos_app.command("cancel")
def cancel(
    video_id: int | None = typer.Argument(None, help="The video to cancel."),
    batch: int | None = typer.Option(None, "--batch", help="Cancel a whole batch instead."),
) -> None:
    """Cancel a video or a batch: queued work never starts, a running render stops."""
    from studio.db import session_scope
    from studio.jobs.control import cancel_batch, cancel_video

    if (video_id is None) == (batch is None):
        raise typer.BadParameter("give a VIDEO_ID or --batch ID")
    with session_scope() as session:
        if batch is not None:
            typer.echo(f"{cancel_batch(session, batch)} video(s) of batch {batch} cancelled")
        elif cancel_video(session, video_id or 0):
            typer.echo(f"video {video_id} cancelled")
        else:
            typer.echo(f"video {video_id} had already finished")


@videos_app.command("rerender")
def rerender_video(video_id: int = typer.Argument(..., help="The video to render again.")) -> None:
    """Render a finished video again as a new version (same request, new file)."""
    from studio.db import Video, session_scope
    from studio.jobs.celery_app import reconfigure
    from studio.jobs.dispatch import dispatch
    from studio.jobs.submit import SubmissionError, rerender

    reconfigure()
    with session_scope() as session:
        video = session.get(Video, video_id)
        if video is None:
            raise typer.BadParameter(f"video {video_id} not found")
        try:
            submission = rerender(session, video.workspace_id, video_id)
        except SubmissionError as exc:
            raise typer.BadParameter(str(exc)) from None
    dispatch(submission)
    typer.echo(f"video {video_id} queued again ({len(submission.to_dispatch)} job)")


def register(app: typer.Typer) -> None:
    app.add_typer(videos_app, name="videos")
