"""`studio keys`: API keys of a workspace (create — shown once —, list, revoke) and web users."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from studio.cli.common import JSON, WORKSPACE, print_json, workspace

keys_app = typer.Typer(help="API keys and web-studio users of a workspace.", no_args_is_help=True)


@keys_app.command("create")
def create(
    name: str = typer.Option("", "--name", "-n", help="What the key is for, e.g. 'ERP sync'."),
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Create an API key. It is printed once: store it now, only its hash is kept."""
    from studio.services.accounts import create_key

    with workspace(workspace_slug) as scope:
        key = create_key(scope, name=name)
    if as_json:
        print_json(key)
        return
    typer.echo(key.key)
    typer.secho(
        f"key {key.id} for workspace {workspace_slug!r}: send it as "
        "`Authorization: Bearer <key>`. It will not be shown again.",
        err=True, fg="yellow",
    )


@keys_app.command("list")
def list_keys(as_json: bool = JSON, workspace_slug: str = WORKSPACE) -> None:
    """Keys of the workspace (prefix only; the keys themselves are not stored)."""
    from studio.services.accounts import list_keys

    with workspace(workspace_slug) as scope:
        page = list_keys(scope)
    if as_json:
        print_json(page)
        return
    table = Table(title=f"API keys of {workspace_slug}")
    for column in ("id", "name", "prefix", "created", "last used", "status"):
        table.add_column(column)
    for key in page.data:
        table.add_row(
            str(key.id), key.name, key.prefix + "…", f"{key.created_at:%Y-%m-%d %H:%M}",
            f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never",
            "[red]revoked[/]" if key.revoked_at else "[green]active[/]",
        )
    Console().print(table)


@keys_app.command("revoke")
def revoke(
    key_id: int = typer.Argument(..., help="The key's id (see `studio keys list`)."),
    workspace_slug: str = WORKSPACE,
) -> None:
    """Revoke a key: requests with it are refused from now on."""
    from studio.services.accounts import revoke_key

    with workspace(workspace_slug) as scope:
        revoke_key(scope, key_id)
    typer.echo(f"key {key_id} revoked")


@keys_app.command("add-user")
def add_user(
    email: str = typer.Argument(..., help="The person's email (their sign-in name)."),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True,
                                 help="At least 8 characters (prompted when omitted)."),
    name: str = typer.Option("", "--name", help="Display name."),
    workspace_slug: str = WORKSPACE,
) -> None:
    """Add a web-studio user who signs in with email and password."""
    from studio.services.accounts import add_user

    with workspace(workspace_slug) as scope:
        user = add_user(scope, email=email, password=password, name=name)
    typer.echo(f"user {user.email} added to workspace {workspace_slug!r}")


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
