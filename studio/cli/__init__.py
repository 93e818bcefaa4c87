"""The ``studio`` command line (Typer + Rich), quick to start.

Each command lives in its own module exposing ``register(app)`` and is imported only when it
runs: ``studio version`` and ``studio --help`` never load the database layer, the renderer or
a plugin's SDK (the help lists built-in commands from :data:`COMMANDS`; a test keeps those
lines equal to the commands' own). Plugins add commands through the ``register_commands``
hook; the plugin host is loaded only for a name that is not built in, and for the help.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from studio import __version__

# name -> (module, the help line `studio --help` shows)
COMMANDS: dict[str, tuple[str, str]] = {
    "batch": ("studio.cli.batch_cmd",
              "Render every product of a catalog in each template and format, on the workers."),
    "db": ("studio.cli.db_cmd", "Database schema: upgrade to the latest version, or step back."),
    "demo": ("studio.cli.demo_cmd",
             "Render the sample catalog in several templates on local worker processes."),
    "import": ("studio.cli.import_cmd",
               "Import any export: `studio import FILE` detects a Shopify product export, a "
               "catalog, a Meta or TikTok ad export or shop orders; or name the kind."),
    "keys": ("studio.cli.keys_cmd", "API keys and web-studio users of a workspace."),
    "link": ("studio.cli.link_cmd", "Link an ad to a video (its rows then count for that "
                                    "video's template in `studio roi`)."),
    "plugins": ("studio.cli.plugins_cmd", "List plugins with name, kind, version and status."),
    "publish": ("studio.cli.publish_cmd", "Publish videos (or a batch) as ads into an ad set "
                                          "/ ad group, paused unless --active."),
    "render": ("studio.cli.render_cmd",
               "Render one product into an MP4, with a template or another generator."),
    "roi": ("studio.cli.roi_cmd", "ROI per template (or version, product, category, platform, "
                                  "generator) with 90% intervals, and — by template — which "
                                  "templates to render next; `studio roi creatives` ranks the "
                                  "videos themselves."),
    "serve": ("studio.cli.serve_cmd", "Serve the API (docs at /docs) and the web studio; "
                                      "Ctrl+C or SIGTERM stops everything."),
    "sync": ("studio.cli.sync_cmd", "Pull ad results from the connected Meta and TikTok "
                                    "accounts now."),
    "templates": ("studio.cli.templates_cmd", "Video templates: list, show, preview, schema."),
    "videos": ("studio.cli.videos_cmd", "Videos: list them, show one, cancel, render again."),
    "worker": ("studio.cli.worker_cmd",
               "Run a worker process that renders videos (Ctrl+C stops it after the current "
               "work)."),
}
COMMAND_MODULES = tuple(module for module, _ in COMMANDS.values())

# where a person at the terminal finds the ids a "not found" error is about
LIST_COMMANDS = {"api_key": "studio keys list", "video": "studio videos list",
                 "batch": "studio videos list", "template": "studio templates list",
                 "ad_import": "studio link --unmatched", "plugin": "studio plugins --all"}


def load_command(name: str) -> Any:
    """The click command of a built-in command, its module imported now."""
    module, _ = COMMANDS[name]
    holder = typer.Typer()
    importlib.import_module(module).register(holder)
    return typer.main.get_group(holder).commands[name]


class StudioGroup(TyperGroup):
    """Commands loaded when used; every command's :class:`~studio.errors.StudioError` becomes
    its sentence on stderr and an exit code (2: the input was wrong; 1: anything else) — no
    traceback."""

    _describing = False

    def list_commands(self, ctx: Any) -> list[str]:
        names = set(super().list_commands(ctx)) | set(COMMANDS)
        if self._describing:
            from studio.cli.plugin_commands import listed_commands

            names |= set(listed_commands())
        return sorted(names)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = super().get_command(ctx, cmd_name)
        if found is not None:
            return found
        if cmd_name in COMMANDS:
            if self._describing:  # the help needs the line, not the command's code
                return TyperCommand(cmd_name, help=COMMANDS[cmd_name][1])
            return load_command(cmd_name)
        from studio.cli import plugin_commands

        if self._describing:
            listed = plugin_commands.listed_commands()
            return TyperCommand(cmd_name, help=listed[cmd_name]) if cmd_name in listed else None
        return plugin_commands.loaded_commands().get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._describing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._describing = False

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


app = typer.Typer(
    cls=StudioGroup,
    name="studio",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def studio() -> None:
    """AI video studio for sellers: catalog in, product videos out, ROI per template."""
    # (a callback keeps `studio` a group while only `version` is defined up front)


@app.command()
def version() -> None:
    """Print the studio's version."""
    typer.echo(__version__)


def get_app() -> typer.Typer:
    """The root app; its commands load when they are used."""
    return app


def main() -> None:
    app()
