"""`studio worker`: a Celery worker for renders, AI steps and I/O (webhooks, batch closing).

With no broker configured it uses the embedded broker under the studio home, so one machine
needs no server at all; with STUDIO_BROKER_URL=redis://… any number of machines can run it.
"""

from __future__ import annotations

import os
import socket

import typer

QUEUE_HELP = "Queues to take work from (render, ai, io); one machine type per queue if you like."


def worker(
    concurrency: int = typer.Option(
        0, "--concurrency", "-c", help="Worker processes (default: number of CPU cores)."
    ),
    queues: str = typer.Option("render,ai,io", "--queues", "-Q", help=QUEUE_HELP),
    loglevel: str = typer.Option("info", "--loglevel", "-l", help="debug, info, warning…"),
    beat: bool = typer.Option(False, "--beat", help="Also run the periodic scheduler here."),
    name: str = typer.Option("", "--name", "-n", help="Worker name (default: unique per run)."),
) -> None:
    """Run a worker process that renders videos (Ctrl+C stops it after the current work)."""
    from studio.config import get_settings
    from studio.jobs import runtime
    from studio.jobs.celery_app import QUEUES, app, broker_url, reconfigure

    chosen = [queue.strip() for queue in queues.split(",") if queue.strip()]
    unknown = sorted(set(chosen) - set(QUEUES))
    if unknown or not chosen:
        raise typer.BadParameter(
            f"unknown queue(s) {', '.join(unknown) or '(none)'}; use {', '.join(QUEUES)}",
            param_hint="--queues",
        )
    settings = get_settings()
    runtime.prepare(settings)
    reconfigure(settings)
    argv = [
        "worker", f"--loglevel={loglevel}", f"--queues={','.join(chosen)}",
        f"--concurrency={concurrency or os.cpu_count() or 1}",
        f"--hostname={name or f'studio-{os.getpid()}@{socket.gethostname()}'}",
        "--prefetch-multiplier=1",
    ]
    if broker_url(settings).startswith("studiofs://"):
        # broadcast chatter between workers goes through files here: not worth it
        argv += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    if beat:
        argv += ["--beat", f"--schedule={settings.home / 'celerybeat-schedule'}"]
    app.worker_main(argv)


def register(app: typer.Typer) -> None:
    app.command(name="worker")(worker)
