"""Commands plugins add, for `studio --help` without loading every plugin each time.

Running a plugin's command loads the plugin host (it must). Listing them for the help does
not need to: the names and help lines are kept in ``<home>/plugin-commands.json`` with a
fingerprint of what could change them — the installed plugins' entry points and versions,
the loose plugin files, the allow-list — and the host is loaded only when that changes.
Built-in plugins add no commands (a test holds them to it), so they are not part of it.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import typer

CACHE_NAME = "plugin-commands.json"


def _home() -> Path:
    # the settings class is not imported for this (pydantic-settings costs a tenth of a second)
    return Path(os.environ.get("STUDIO_HOME") or Path.cwd() / ".studio")


def fingerprint() -> str:
    parts = [f"allow={os.environ.get('STUDIO_PLUGINS', '')}"]
    for ep in sorted(entry_points(group="studio"), key=lambda e: e.name):
        version = ep.dist.version if ep.dist else "0"
        parts.append(f"ep={ep.name}={ep.value}={version}")
    folder = os.environ.get("STUDIO_PLUGINS_DIR")
    if folder and Path(folder).is_dir():
        for path in sorted(Path(folder).glob("*.py")):
            stat = path.stat()
            parts.append(f"file={path.name}={stat.st_mtime_ns}={stat.st_size}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def loaded_commands() -> dict[str, Any]:
    """The click commands plugins add (loads the plugin host)."""
    from studio.plugins import get_host

    holder = typer.Typer()
    get_host().add_commands(holder)
    if not holder.registered_commands and not holder.registered_groups:
        return {}
    return dict(typer.main.get_group(holder).commands)


def listed_commands() -> dict[str, str]:
    """name -> help line of every plugin command, from the cache when it is current."""
    print_ = fingerprint()
    cache = _home() / CACHE_NAME
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
        if kept.get("fingerprint") == print_:
            return dict(kept["commands"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    commands = {name: " ".join((command.help or "").strip().split("\n\n")[0].split())
                for name, command in loaded_commands().items()}
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"fingerprint": print_, "commands": commands}),
                         encoding="utf-8")
    except OSError:
        pass  # a read-only home: the next help loads the plugins again
    return commands
