"""`studio plugins new NAME --kind KIND` starts a package that installs with pip and passes its
own tests at once; the documented minimal generator is the scaffold's and fits in 30 lines."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studio.cli import plugins_cmd

from .scaffolding import install, run_own_tests, scaffold, with_target

ROOT = Path(__file__).resolve().parents[2]
KINDS = {"generator": "still", "ai-service": "quick-copy", "data-source": "jsonl-shop",
         "template": "clean-card"}
PROVIDES = {"generator": "generator", "ai-service": "ai-service", "data-source": "data-source",
            "template": "templates"}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("authors")
    made = {kind: scaffold(folder, name, kind) for kind, name in KINDS.items()}
    install(list(made.values()), folder / "site")
    return {**made, "site": folder / "site"}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_installs_and_passes_its_own_tests(packages: dict[str, Path],
                                                     kind: str) -> None:
    done = run_own_tests(packages[kind], packages["site"])
    print(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"\d+ passed", done.stdout) and "skipped" not in done.stdout


def test_the_installed_packages_are_plugins_the_studio_loads(packages: dict[str, Path]) -> None:
    listed = subprocess.run([sys.executable, "-m", "studio", "plugins", "--all", "--json"],
                            capture_output=True, text=True, timeout=120, cwd=packages["site"],
                            env=with_target(packages["site"]))
    assert listed.returncode == 0, listed.stderr
    rows = {row["name"]: row for row in json.loads(listed.stdout)["data"]}
    for kind, name in KINDS.items():
        row = rows[name]
        assert (row["source"], row["status"], row["version"]) == ("entry-point", "loaded",
                                                                  "0.1.0"), row
        assert row["provides"][0]["kind"] == PROVIDES[kind]
        assert row["provides"][0]["name"] == name
    assert "failed" not in listed.stderr


def test_a_package_has_what_a_publisher_needs(packages: dict[str, Path],
                                              tmp_path: Path) -> None:
    package = scaffold(tmp_path, "still", "generator")  # fresh: pip leaves build/ behind
    assert sorted(str(p.relative_to(package)) for p in package.rglob("*") if p.is_file()) == [
        "README.md", "pyproject.toml", "src/studio_still/__init__.py", "tests/test_still.py"]
    assert '[project.entry-points.studio]\nstill = "studio_still"' in (
        package / "pyproject.toml").read_text()
    assert "from studio.testing import" in (package / "tests" / "test_still.py").read_text()
    template = packages["template"] / "src" / "studio_clean_card" / "templates" / "clean-card"
    assert (packages["site"] / "studio_clean_card" / "templates" / "clean-card" /
            "template.yaml").read_text() == (template / "template.yaml").read_text()


@pytest.mark.parametrize("kind", KINDS)
def test_the_scaffolded_code_is_lint_clean(packages: dict[str, Path], kind: str) -> None:
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.is_file():
        pytest.skip("ruff is not installed next to this Python")
    done = subprocess.run([str(ruff), "check", "--no-cache", "--isolated", "--select",
                           "E,W,F,I,B,UP", "--line-length", "100", "--target-version", "py311",
                           "."], cwd=packages[kind], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def documented_generator() -> str:
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    section = docs.split("## A generator in 30 lines", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def test_the_documented_generator_is_the_scaffolds_and_fits_in_30_lines(
        packages: dict[str, Path]) -> None:
    documented = documented_generator()
    print(f"{len(documented.splitlines())} lines")
    assert len(documented.splitlines()) <= 30
    module = (packages["generator"] / "src" / "studio_still" / "__init__.py").read_text()
    docstring, rest = module.split("\n", 1)
    assert docstring.startswith('"""') and docstring.endswith('"""')
    assert rest == documented


def test_a_bad_name_kind_or_folder_is_refused_with_the_reason(tmp_path: Path) -> None:
    runner = CliRunner()
    bad_name = runner.invoke(plugins_cmd.app, ["new", "My_Collage", "--kind", "generator",
                                               "--dir", str(tmp_path / "a")])
    assert bad_name.exit_code == 2
    assert "'My_Collage' cannot name a plugin: use 3 to 40 lower-case letters" in bad_name.output
    bad_kind = runner.invoke(plugins_cmd.app, ["new", "collage", "--kind", "video",
                                               "--dir", str(tmp_path / "b")])
    assert bad_kind.exit_code == 2
    assert "choose one of generator, ai-service, data-source, template" in bad_kind.output
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "mine.txt").write_text("keep me")
    taken = runner.invoke(plugins_cmd.app, ["new", "collage", "--kind", "generator",
                                            "--dir", str(tmp_path / "c")])
    assert taken.exit_code == 2 and "is not empty" in taken.output
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["mine.txt"]
