"""Helpers for tests that start plugin packages with `studio plugins new` and install them
the way an author does — with pip, into a folder of the test's own (never the project's
virtualenv): ``pip install --target`` plus ``PYTHONPATH``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from studio.cli import plugins_cmd


def scaffold(folder: Path, name: str, kind: str) -> Path:
    """`studio plugins new NAME --kind KIND --dir folder/NAME`; the package's folder."""
    shown = CliRunner().invoke(plugins_cmd.app, ["new", name, "--kind", kind,
                                                 "--dir", str(folder / name)])
    assert shown.exit_code == 0, shown.output
    return folder / name


def install(packages: list[Path], target: Path) -> None:
    """``pip install`` the packages into ``target`` (offline: no build isolation, no deps —
    the studio they depend on is the one running these tests)."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), *map(str, packages)],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"pip install failed: {done.stderr}"


def with_target(target: Path, **extra: str) -> dict[str, str]:
    """This environment, with the installed packages importable and their entry points seen."""
    path = os.pathsep.join(p for p in (str(target), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def run_own_tests(package: Path, target: Path) -> subprocess.CompletedProcess[str]:
    """The package's own tests, run as its author runs them (`pytest` in its folder)."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=package, env=with_target(target), capture_output=True, text=True, timeout=300)
