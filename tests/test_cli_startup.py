"""`studio` starts at once: `version` and `--help` load no database layer, no renderer and no
plugin SDK (their time is measured in bench/startup.py, not here); the help's lines are the
commands' own; plugin commands are listed and run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studio.cli import COMMANDS, load_command

HEAVY = ("sqlalchemy", "studio.db", "studio.plugins", "studio.templating", "studio.render",
         "numpy", "PIL", "httpx", "celery", "fastapi")
PLUGIN = textwrap.dedent('''
    import typer
    from studio import hookimpl

    @hookimpl
    def register_commands(cli):
        @cli.command(name="shop-hello")
        def hello(name: str = "Ada") -> None:
            """Say hello from a shop's own plugin."""
            typer.echo(f"hello {name}")
''')


def _run(args: list[str], env: dict[str, str]) -> tuple[str, list[str]]:
    """Run the CLI in a fresh interpreter; what it printed and which modules it loaded."""
    code = ("import sys\nfrom studio.cli import main\nsys.argv = ['studio', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('MODULES=' + ','.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120)
    out, _, modules = done.stdout.rpartition("MODULES=")
    return out, modules.strip().split(",")


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_help_line_is_the_commands_own(name: str) -> None:
    command = load_command(name)
    first_paragraph = " ".join((command.help or "").strip().split("\n\n")[0].split())
    assert first_paragraph == COMMANDS[name][1]


def test_version_and_help_load_nothing_heavy(tmp_path: Path) -> None:
    env = {"STUDIO_HOME": str(tmp_path / "home"), "STUDIO_PLUGINS_DIR": ""}
    printed, modules = _run(["version"], env)
    assert printed.strip() == "0.1.0" and _heavy(modules) == []
    _run(["--help"], env)  # the first help reads the plugins once
    printed, modules = _run(["--help"], env)
    assert "batch" in printed and "templates" in printed
    assert _heavy(modules) == []


def test_a_plugins_command_is_listed_and_runs(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "shop_hello.py").write_text(PLUGIN)
    env = {"STUDIO_HOME": str(tmp_path / "home"), "STUDIO_PLUGINS_DIR": str(folder)}
    first, modules = _run(["--help"], env)
    assert "shop-hello" in first and "Say hello from a shop's own plugin." in first
    assert "studio.plugins" in modules  # read once
    again, modules = _run(["--help"], env)
    assert "shop-hello" in again and "studio.plugins" not in modules  # from the cache
    ran, _ = _run(["shop-hello", "--name", "Bo"], env)
    assert ran.strip() == "hello Bo"
    (folder / "shop_hello.py").write_text(PLUGIN.replace("shop-hello", "shop-hi"))
    changed, _ = _run(["--help"], env)
    assert "shop-hi" in changed and "shop-hello" not in changed  # the cache follows changes
    cache = json.loads((tmp_path / "home" / "plugin-commands.json").read_text())
    assert list(cache["commands"]) == ["shop-hi"]


def test_built_in_plugins_add_no_commands() -> None:
    """The help's cache leaves them out; this keeps that true."""
    from studio.plugins import get_host

    host = get_host()
    adders = [impl.plugin_name for impl in host.pm.hook.register_commands.get_hookimpls()]
    builtins = {r.name for r in host.records.values() if r.source == "builtin"}
    assert set(adders) & builtins == set()
