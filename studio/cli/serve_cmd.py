"""`studio serve`: the API and web studio on one port, plus an embedded worker by default."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from types import FrameType

import typer


def _term_with_parent() -> Callable[[], None] | None:
    """What the child runs before ``studio worker`` (Linux): SIGTERM when the server dies,
    even by SIGKILL (``PR_SET_PDEATHSIG``). None elsewhere: the handlers below stop it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, int(signal.SIGTERM))  # 1: PR_SET_PDEATHSIG


class EmbeddedWorker:
    """``studio worker`` in a process group of its own: stopping the server stops it, its
    pool processes included — on Ctrl+C, SIGTERM, or an error; and a server killed outright
    takes it along too (the worker is told to stop when its parent dies)."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            command, env=os.environ.copy(), start_new_session=True,
            preexec_fn=_term_with_parent())

    def stop(self, timeout: float = 60.0) -> None:
        if self.process.poll() is not None:
            return
        try:
            self.process.send_signal(signal.SIGTERM)  # warm shutdown: the current render ends
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # whatever is left of the group
        except ProcessLookupError:
            pass
        self.process.wait()


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", "-p", help="Port to listen on."),
    worker: bool = typer.Option(
        True, "--worker/--no-worker",
        help="Also run a render worker here (turn off when workers run elsewhere).",
    ),
    concurrency: int = typer.Option(0, "--concurrency", "-c",
                                    help="Embedded worker processes (default: CPU cores)."),
    api_workers: int = typer.Option(1, "--api-workers", help="API server processes."),
    log_level: str = typer.Option("info", "--log-level", help="debug, info, warning…"),
    reload: bool = typer.Option(
        False, "--reload",
        help="For plugin authors: start the API and the worker again when a plugin's files "
        "change (the plugins folder and installed studio plugins)."),
) -> None:
    """Serve the API (docs at /docs) and the web studio; Ctrl+C or SIGTERM stops everything."""
    if reload:
        from studio.cli.reload import supervise

        supervise(["--host", host, "--port", str(port),
                   "--worker" if worker else "--no-worker", "--concurrency", str(concurrency),
                   "--api-workers", str(api_workers), "--log-level", log_level])
        return
    import uvicorn

    from studio.jobs import runtime

    runtime.prepare()  # schema up to date before the first request
    child: EmbeddedWorker | None = None
    if worker:
        # `studio worker` in its own process: a render never competes with the event loop
        command = [sys.executable, "-m", "studio", "worker", "--loglevel", log_level]
        if concurrency:
            command += ["--concurrency", str(concurrency)]
        child = EmbeddedWorker(command)
        typer.secho(f"embedded worker started (pid {child.process.pid})", err=True,
                    fg="green")

    def stop(signum: int, _frame: FrameType | None) -> None:
        # uvicorn hands a signal back once it has shut down: then the worker goes too
        if child is not None:
            child.stop()
        raise SystemExit(128 + signum)

    for caught in (signal.SIGTERM, signal.SIGINT):
        signal.signal(caught, stop)
    typer.secho(f"API on http://{host}:{port}  (docs: http://{host}:{port}/docs)", err=True,
                fg="green")
    try:
        uvicorn.run(
            "api.main:create_app", factory=True, host=host, port=port, workers=api_workers,
            log_level=log_level, access_log=False,  # our middleware writes JSON access logs
        )
    finally:
        if child is not None:
            child.stop()


def register(app: typer.Typer) -> None:
    app.command(name="serve")(serve)
