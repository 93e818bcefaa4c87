"""`studio keys`: API keys of a workspace (create — shown once —, list, revoke) and web users."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

keys_app = typer.Typer(help="API keys and web-studio users of a workspace.", no_args_is_help=True)
WORKSPACE_HELP = "Workspace slug (created on first use)."


def _workspace_id(slug: str) -> int:
    from studio.jobs import runtime

    runtime.prepare()
    return runtime.default_workspace_id(slug)


@keys_app.command("create")
def create(
    name: str = typer.Option("", "--name", "-n", help="What the key is for, e.g. 'ERP sync'."),
    workspace: str = typer.Option("default", "--workspace", "-w", help=WORKSPACE_HELP),
) -> None:
    """Create an API key. It is printed once: store it now, only its hash is kept."""
    from studio.auth import create_api_key
    from studio.db import session_scope

    workspace_id = _workspace_id(workspace)
    with session_scope() as session:
        key, token = create_api_key(session=session, workspace_id=workspace_id, name=name)
        key_id = key.id
    typer.echo(token)
    typer.secho(
        f"key {key_id} for workspace {workspace!r}: send it as `Authorization: Bearer <key>`. "
        "It will not be shown again.",
        err=True, fg="yellow",
    )


@keys_app.command("list")
def list_keys(
    workspace: str = typer.Option("default", "--workspace", "-w", help=WORKSPACE_HELP),
) -> None:
    """Keys of the workspace (prefix only; the keys themselves are not stored)."""
    from studio.auth import list_api_keys
    from studio.db import session_scope

    workspace_id = _workspace_id(workspace)
    table = Table(title=f"API keys of {workspace}")
    for column in ("id", "name", "prefix", "created", "last used", "status"):
        table.add_column(column)
    with session_scope() as session:
        for key in list_api_keys(session=session, workspace_id=workspace_id):
            table.add_row(
                str(key.id), key.name, key.prefix + "…", f"{key.created_at:%Y-%m-%d %H:%M}",
                f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never",
                "[red]revoked[/]" if key.revoked_at else "[green]active[/]",
            )
    Console().print(table)


@keys_app.command("revoke")
def revoke(
    key_id: int = typer.Argument(..., help="The key's id (see `studio keys list`)."),
    workspace: str = typer.Option("default", "--workspace", "-w", help=WORKSPACE_HELP),
) -> None:
    """Revoke a key: requests with it are refused from now on."""
    from studio.auth import revoke_api_key
    from studio.db import NotFound, session_scope

    workspace_id = _workspace_id(workspace)
    try:
        with session_scope() as session:
            revoke_api_key(session=session, workspace_id=workspace_id, key_id=key_id)
    except NotFound:
        typer.secho(f"no key {key_id} in workspace {workspace!r}; see `studio keys list`",
                    err=True, fg="red")
        raise typer.Exit(1) from None
    typer.echo(f"key {key_id} revoked")


@keys_app.command("add-user")
def add_user(
    email: str = typer.Argument(..., help="The person's email (their sign-in name)."),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True,
                                 help="At least 8 characters (prompted when omitted)."),
    name: str = typer.Option("", "--name", help="Display name."),
    workspace: str = typer.Option("default", "--workspace", "-w", help=WORKSPACE_HELP),
) -> None:
    """Add a web-studio user who signs in with email and password."""
    from studio.auth import AuthError, create_user
    from studio.db import session_scope

    workspace_id = _workspace_id(workspace)
    try:
        with session_scope() as session:
            create_user(session=session, workspace_id=workspace_id, email=email,
                        password=password, name=name)
    except AuthError as exc:
        typer.secho(str(exc), err=True, fg="red")
        raise typer.Exit(1) from None
    typer.echo(f"user {email.strip().lower()} added to workspace {workspace!r}")


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
