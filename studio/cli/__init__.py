"""The ``studio`` command line (Typer + Rich).

Each command group lives in its own module exposing ``register(app)``; plugins add commands
through the ``register_commands`` hook.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup

from studio import __version__


class StudioGroup(TyperGroup):
    """Every command's :class:`~studio.errors.StudioError` becomes its sentence on stderr and
    an exit code (2: the input was wrong; 1: anything else) — no traceback."""

    def invoke(self, ctx: Any) -> Any:  # typer's own (vendored) click Context
        from studio.errors import StudioError

        try:
            return super().invoke(ctx)
        except StudioError as exc:
            where = f" ({exc.field})" if exc.field and exc.field not in exc.message else ""
            hint = LIST_COMMANDS.get(str(exc.params.get("resource"))) \
                if exc.kind == "not_found" else None
            typer.secho(f"error: {exc.message}{where}" + (f"; see `{hint}`" if hint else ""),
                        fg="red", err=True)
            ctx.exit(2 if exc.kind == "invalid" else 1)


# where a person at the terminal finds the ids a "not found" error is about
LIST_COMMANDS = {"api_key": "studio keys list", "video": "studio videos list",
                 "batch": "studio videos list", "template": "studio templates list",
                 "ad_import": "studio link --unmatched", "plugin": "studio plugins --all"}


app = typer.Typer(
    cls=StudioGroup,
    name="studio",
    help="AI video studio for sellers: catalog in, product videos out, ROI per template.",
    no_args_is_help=True,
    add_completion=False,
)

# one line per command module; each exposes register(app)
COMMAND_MODULES = (
    "studio.cli.plugins_cmd",
    "studio.cli.db_cmd",
    "studio.cli.worker_cmd",
    "studio.cli.batch_cmd",
    "studio.cli.videos_cmd",
    "studio.cli.demo_cmd",
    "studio.cli.serve_cmd",
    "studio.cli.keys_cmd",
    "studio.cli.render_cmd",
    "studio.cli.templates_cmd",
    "studio.cli.import_cmd",
    "studio.cli.roi_cmd",
    "studio.cli.link_cmd",
)


@app.command()
def version() -> None:
    """Print the studio's version."""
    typer.echo(__version__)


_built = False


def get_app() -> typer.Typer:
    """The root app with every command module and plugin command added (once per process)."""
    global _built
    if not _built:
        _built = True
        for module_name in COMMAND_MODULES:
            importlib.import_module(module_name).register(app)
        from studio.plugins import get_host

        get_host().add_commands(app)
    return app


def main() -> None:
    get_app()()
