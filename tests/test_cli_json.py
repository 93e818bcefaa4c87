"""Every built-in command that prints a table has ``--json`` (issue 14, item 8).

The commands are walked as the CLI builds them (groups and their subcommands); a command
prints a table when its function, or a function of ``studio/cli`` it calls (followed through
calls, however deep), builds a Rich ``Table`` — read from the source, so a new table is
noticed the day it is written.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from studio.cli import COMMANDS, load_command

CLI = Path(__file__).resolve().parents[1] / "studio" / "cli"


def _functions() -> dict[tuple[str, str], tuple[ast.AST, dict[str, tuple[str, str]]]]:
    """(module, name) -> (its definition, the names it may call -> (module, name))."""
    found = {}
    for path in CLI.glob("*.py"):
        module = "studio.cli" if path.stem == "__init__" else f"studio.cli.{path.stem}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.name: (module, node.name) for node in tree.body
                 if isinstance(node, ast.FunctionDef)}
        for node in ast.walk(tree):  # imports at the top and inside functions alike
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("studio.cli"):
                names.update({a.asname or a.name: (str(node.module), a.name) for a in node.names})
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                found[module, node.name] = (node, names)
    return found


FUNCTIONS = _functions()


def _builds_a_table(module: str, name: str, seen: set[tuple[str, str]]) -> bool:
    if (module, name) in seen or (module, name) not in FUNCTIONS:
        return False
    seen.add((module, name))
    node, names = FUNCTIONS[module, name]
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        called = call.func.id if isinstance(call.func, ast.Name) else None
        if called == "Table":
            return True
        if called in names and _builds_a_table(*names[called], seen):
            return True
    return False


def _commands() -> Iterator[tuple[str, Any]]:
    def walk(path: str, command: Any) -> Iterator[tuple[str, Any]]:
        # typer's own click: a group is what has subcommands
        for sub, child in getattr(command, "commands", {}).items():
            yield from walk(f"{path} {sub}", child)
        if command.callback is not None:
            yield path, command

    for name in COMMANDS:
        yield from walk(name, load_command(name))


def test_the_walk_finds_the_tables() -> None:
    tables = {path for path, command in _commands()
              if _builds_a_table(*_origin(command), set())}
    # a few known ones, so that the walk cannot pass by finding nothing
    assert {"roi", "keys list", "videos list", "batch", "import catalog"} <= tables


def _origin(command: Any) -> tuple[str, str]:
    function = inspect.unwrap(command.callback)  # type: ignore[arg-type]
    return function.__module__, function.__name__


def test_every_command_that_prints_a_table_has_json() -> None:
    missing = [path for path, command in _commands()
               if _builds_a_table(*_origin(command), set())
               and not any("--json" in getattr(p, "opts", ()) for p in command.params)]
    assert missing == [], f"print a table without --json: {missing}"
