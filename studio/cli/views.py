"""Live and final views of a batch in the terminal (Rich), read through the services."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from studio.cli.common import workspace
from studio.schemas.videos import BatchPublic

STATUS_STYLE = {"succeeded": "green", "failed": "red", "cancelled": "yellow",
                "running": "cyan", "queued": "white", "pending": "dim"}
IDLE_WARNING_SECONDS = 20.0


def batch_videos(batch_id: int, workspace_slug: str) -> list[Any]:
    from studio.services.batches import get_batch
    from studio.services.videos import VideoFilter, list_videos

    with workspace(workspace_slug) as scope:
        ids = set(get_batch(scope, batch_id).options.get("video_ids") or [])
        own = list_videos(scope, VideoFilter(batch_id=batch_id), limit=5000,
                          oldest_first=True).data
        found = {v.id for v in own}
        others = [v for v in list_videos(scope, VideoFilter(), limit=5000).data
                  if v.id in ids - found] if ids - found else []
    return own + others


def _view(state: BatchPublic, running: list[Any], idle_hint: str) -> Group:
    counts = state.counts
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                   TextColumn("{task.percentage:>5.1f}%"), TimeRemainingColumn())
    task = bar.add_task(f"batch {state.id}", total=100)
    bar.update(task, completed=state.progress)
    summary = "  ".join(
        f"[{STATUS_STYLE.get(name, 'white')}]{name} {counts[name]}[/]"
        for name in ("queued", "running", "succeeded", "failed", "cancelled") if counts.get(name)
    )
    eta = f"  ETA {state.eta_seconds:.0f} s" if state.eta_seconds else ""
    table = Table(box=None, show_header=False)
    for video in running[:8]:
        table.add_row(f"[cyan]{video.creative_code}[/]", video.suggested_ad_name,
                      f"{video.template_id} {video.format}", f"{100 * video.progress:.0f}%")
    parts: list[Any] = [bar, f"{summary}{eta}", table]
    if idle_hint:
        parts.append(f"[yellow]{idle_hint}[/]")
    return Group(*parts)


def follow(batch_id: int, console: Console, *, workspace_slug: str = "default",
           timeout: float | None = None,
           problem: Callable[[], str | None] | None = None) -> tuple[BatchPublic, str | None]:
    """A live view of the batch until it settles; returns its final state, and what stopped
    the following early. ``problem`` is asked on every refresh; a message stops following
    (a dead worker)."""
    from studio.services.batches import batch_public, get_batch
    from studio.states import FINISHED

    began = time.monotonic()
    with Live(console=console, refresh_per_second=4, transient=False) as live:
        while True:
            with workspace(workspace_slug) as scope:
                state = batch_public(scope, get_batch(scope, batch_id))
            running = [v for v in batch_videos(batch_id, workspace_slug)
                       if v.status == "running"]
            finished = sum(state.counts.get(s, 0)
                           for s in ("succeeded", "failed", "cancelled"))
            idle = (state.counts.get("running", 0) == 0 and finished == 0
                    and time.monotonic() - began > IDLE_WARNING_SECONDS)
            hint = ("no worker has taken any work yet: start one with `studio worker`"
                    if idle else "")
            live.update(_view(state, running, hint))
            if state.status in FINISHED["batch"]:
                return state, None
            trouble = problem() if problem else None
            if trouble:
                return state, trouble
            if timeout is not None and time.monotonic() - began > timeout:
                return state, None
            time.sleep(0.5)


def print_result(state: BatchPublic, console: Console, workspace_slug: str = "default") -> None:
    from studio.storage import open_storage

    storage = open_storage()
    table = Table(title=f"batch {state.id}: {state.status}")
    for column in ("code", "product", "template", "format", "status", "file"):
        table.add_column(column, overflow="fold")
    for video in batch_videos(state.id, workspace_slug):
        style = STATUS_STYLE.get(video.status, "white")
        local = None
        if video.status == "succeeded" and video.download_url:
            from studio.services.videos import file_key

            with workspace(workspace_slug) as scope:
                key, _ = file_key(scope, video.id)
            local = storage.local_path(key) or storage.url(key)
        table.add_row(video.creative_code, video.suggested_ad_name.split(" | ")[0],
                      video.template_id or video.generator, video.format,
                      f"[{style}]{video.status}[/]",
                      str(local) if local else (video.error or "")[:120])
    console.print(table)
    for failure in state.failures:
        console.print(f"[red]✗ {failure.product} · {failure.template} "
                      f"{failure.format}: {failure.error}[/]")
