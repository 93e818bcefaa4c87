"""`studio demo`: the sample catalog × several templates, rendered by real worker processes on
the embedded default (no servers), followed live; then where the videos are and ROI per
template. With ``--json`` the progress and the ROI table go to stderr and stdout holds the
batch alone, as `studio batch --json` and GET /api/v1/batches/{id} show it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from studio.cli.common import JSON, print_json

DEFAULT_TEMPLATES = "showcase,price-drop,feature-list"


def sample_catalog() -> Path:
    """The sample catalog of this checkout (media/samples/catalog.csv)."""
    for root in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = root / "media" / "samples" / "catalog.csv"
        if candidate.is_file():
            return candidate
    raise typer.BadParameter("media/samples/catalog.csv not found; pass --catalog FILE")


class DemoWorker:
    """A `studio worker` subprocess in its own process group, stopped however the demo ends."""

    def __init__(self, home: Path, concurrency: int) -> None:
        logs = home / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        self.log = logs / "demo-worker.log"
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "studio", "worker", "-c", str(concurrency),
                 "-l", "warning", "-n", f"demo-{os.getpid()}@%h"],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )

    def problem(self) -> str | None:
        code = self.process.poll()
        if code is None:
            return None
        tail = self.log.read_text(errors="replace").strip().splitlines()[-15:]
        return f"the worker stopped (exit code {code}); its log ends with:\n" + "\n".join(tail)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        # warm shutdown: SIGTERM to the main process only; it stops its pool itself (a
        # SIGTERM to the whole group kills the pool under it and the shutdown hangs)
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # anything left behind
        except ProcessLookupError:
            pass
        self.process.wait()


def show_roi(console: Console, workspace_id: int, *, to_stderr: bool = False) -> None:
    console.rule("ROI per template")
    from studio.roi import demo as roi_demo

    roi_demo.import_demo_ads(workspace_id)
    subprocess.run([sys.executable, "-m", "studio", "roi"], check=False,
                   stdout=sys.stderr if to_stderr else None)


def demo(
    templates: str = typer.Option(DEFAULT_TEMPLATES, "--templates", "-t",
                                  help="Comma-separated template ids."),
    formats: str = typer.Option("9:16", "--formats", "-f", help="Comma-separated formats."),
    preview: bool = typer.Option(False, "--preview", help="Fast low-resolution renders."),
    catalog: Annotated[Path | None, typer.Option("--catalog", help="Another catalog file.")] = None,
    concurrency: int = typer.Option(0, "--concurrency", "-c",
                                    help="Renders at once (default: CPU cores)."),
    roi: bool = typer.Option(True, "--roi/--no-roi", help="Show ROI per template at the end."),
    as_json: bool = JSON,
) -> None:
    """Render the sample catalog in several templates on local worker processes."""
    from studio.cli.batch_cmd import split, submit_catalog, wait_quietly
    from studio.cli.views import follow, print_result
    from studio.config import get_settings
    from studio.jobs import runtime

    console = Console(stderr=as_json)
    settings = get_settings()
    runtime.prepare(settings)
    catalog = catalog or sample_catalog()
    cores = concurrency or os.cpu_count() or 1
    console.print(f"[bold]studio demo[/]: {catalog} × {templates} × {formats}"
                  f"{' (preview quality)' if preview else ''}; {cores} render(s) at a time, "
                  f"no servers (state in {settings.home})")
    worker = DemoWorker(Path(settings.home), cores)
    try:
        submitted, rejected = submit_catalog(
            catalog, split(templates, "template"), split(formats, "format"),
            preview=preview, name="demo",
        )
        for line in rejected:
            console.print(f"[yellow]skipped {line}[/]")
        if not submitted.created:
            console.print("[dim]these videos were made before: showing them again[/]")
        if as_json:
            state = wait_quietly(submitted.id, problem=worker.problem)
            problem = worker.problem()
        else:
            state, problem = follow(submitted.id, console, problem=worker.problem)
    finally:
        worker.stop()
    if as_json:
        state.created = submitted.created
        print_json(state)
    else:
        print_result(state, console)
    succeeded = state.counts.get("succeeded", 0)
    folder = Path(settings.media_root).resolve() / "videos"
    console.print(f"[green]{succeeded} video(s)[/] in {folder}"
                  f"  ·  list them with `studio videos list`")
    if problem:
        console.print(f"[red]{problem}[/]")
        raise typer.Exit(1)
    if roi:
        show_roi(console, runtime.default_workspace_id(), to_stderr=as_json)
    if state.status not in ("completed", "completed_with_failures"):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command(name="demo")(demo)

