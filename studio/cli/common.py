"""What every command shares: its workspace's unit of work, JSON output, errors as messages.

A command parses its options, calls one service inside :func:`workspace`, and prints — a
table for people, or with ``--json`` exactly the JSON the API answers for the same thing.
A :class:`~studio.errors.StudioError` is printed as its sentence (``main`` catches it), so a
command never words an error of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from studio.db import Scope

WORKSPACE = typer.Option("default", "--workspace", "-w", help="Workspace slug.")
JSON = typer.Option(False, "--json", help="Print JSON for scripts (the API's shape).")


@contextmanager
def workspace(slug: str = "default") -> Iterator[Scope]:
    """The workspace's database, migrated, in one transaction committed at the end."""
    from studio.jobs import runtime
    from studio.services.uow import unit_of_work

    runtime.prepare()
    workspace_id = runtime.default_workspace_id(slug)
    with unit_of_work(workspace_id) as scope:
        yield scope


def print_json(value: Any) -> None:
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        typer.echo(value.model_dump_json(indent=2))
        return
    import json

    typer.echo(json.dumps(value, indent=2, default=str, ensure_ascii=False))
