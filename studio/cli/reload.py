"""`studio serve --reload`: the plugin author's loop. The API and its embedded worker load
plugins once, at start; this watches the plugins' own files and starts both again when one
changes, so an edit is live a second or two later without stopping anything by hand.

Watched: the plugins folder (``STUDIO_PLUGINS_DIR``) and the package or module of every
plugin installed under the ``studio`` entry point (an editable install points at the author's
source; templates shipped in the package are in it). Polling the files' times and sizes once a
second: a few folders, no extra dependency, and it works on every filesystem.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from importlib.metadata import entry_points
from pathlib import Path
from types import FrameType

import typer

# files whose change matters to a running plugin (code, templates, their assets)
SKIPPED_DIRS = {"__pycache__", "node_modules"}  # and every hidden folder (.git, caches)
POLL_SECONDS = 1.0


def plugin_paths() -> list[Path]:
    """Folders and files of the plugins this studio would load, found without importing them
    (a plugin that fails to import is watched too: fixing it is what the author is doing)."""
    from studio.config import get_settings
    from studio.plugins import ENTRY_POINT_GROUP

    paths: list[Path] = []
    plugins_dir = get_settings().plugins_dir
    if plugins_dir:
        paths.append(Path(plugins_dir))
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        top = ep.module.split(".", 1)[0]
        try:
            spec = importlib.util.find_spec(top)
        except (ImportError, ValueError):
            continue
        if spec is None:
            continue
        if spec.submodule_search_locations:
            paths.extend(Path(p) for p in spec.submodule_search_locations)
        elif spec.origin:
            paths.append(Path(spec.origin))
    return paths


def snapshot(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file under ``paths``."""
    seen: dict[str, tuple[int, int]] = {}
    for path in paths:
        if path.is_file():
            _note(seen, path)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith(".")]
            for name in files:
                if not name.endswith((".pyc", ".swp", "~")):
                    _note(seen, Path(folder) / name)
    return seen


def _note(seen: dict[str, tuple[int, int]], path: Path) -> None:
    try:
        info = path.stat()
    except OSError:  # removed between the listing and now
        return
    seen[str(path)] = (info.st_mtime_ns, info.st_size)


def changed(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys()
                  if before.get(name) != after.get(name))


def supervise(serve_args: list[str]) -> None:
    """Run ``studio serve SERVE_ARGS`` and start it again whenever a plugin file changes;
    Ctrl+C or SIGTERM stops it (and its embedded worker) and returns."""
    paths = plugin_paths()
    shown = ", ".join(str(p) for p in paths) or "no plugin files (set STUDIO_PLUGINS_DIR)"
    typer.secho(f"reload: watching {shown}", err=True, fg="cyan")
    stopping = False

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    for caught in (signal.SIGTERM, signal.SIGINT):
        signal.signal(caught, stop)
    child = _start(serve_args)
    files = snapshot(paths)
    try:
        while not stopping:
            time.sleep(POLL_SECONDS)
            if child.poll() is not None:  # it stopped by itself (a port in use…): so do we
                raise typer.Exit(child.returncode or 1)
            now = snapshot(plugin_paths())
            edits = changed(files, now)
            if edits:
                names = ", ".join(Path(name).name for name in edits[:5])
                typer.secho(f"reload: {names} changed; restarting the API and the worker",
                            err=True, fg="cyan")
                _stop(child)
                child = _start(serve_args)
                files = now
    finally:
        _stop(child)


def _start(serve_args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "studio", "serve", *serve_args])


def _stop(child: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    """SIGTERM: the server stops its embedded worker (warm: a render under way ends first)."""
    if child.poll() is not None:
        return
    child.send_signal(signal.SIGTERM)
    try:
        child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
