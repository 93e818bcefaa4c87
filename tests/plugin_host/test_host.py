"""The plugin host keeps the studio running whatever a plugin does wrong."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio import hookimpl
from studio.plugins import DEFAULT_PLUGINS

from .test_hooks import MockGenerator

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=120,
    )


def plugins_json(env: dict[str, str] | None = None, cwd: Path | None = None) -> dict[str, dict]:
    result = run_cli("plugins", "--all", "--json", env=env, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return {row["name"]: row for row in json.loads(result.stdout)["data"]}


def test_every_builtin_plugin_is_listed_with_name_kind_version_status(tmp_path):
    rows = plugins_json(env={"STUDIO_HOME": str(tmp_path)})
    for module in DEFAULT_PLUGINS:
        name = module.rsplit(".", 1)[-1]
        row = rows[name]
        assert row["source"] == "builtin"
        assert row["status"] in ("loaded", "not configured"), row
        assert row["version"] and row["kind"] != "none", row


def test_broken_loose_plugin_is_reported_and_the_rest_load(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "good_one.py").write_text(
        "from studio import hookimpl\n"
        "from tests.plugin_host.test_hooks import MockGenerator\n"
        "__version__ = '2.0'\n"
        "@hookimpl\n"
        "def register_generators(register):\n"
        "    register(MockGenerator())\n"
    )
    (folder / "broken_import.py").write_text("import definitely_not_installed_xyz\n")
    (folder / "broken_register.py").write_text(
        "from studio import hookimpl\n"
        "@hookimpl\n"
        "def register_generators(register):\n"
        "    raise RuntimeError('the API key file is missing')\n"
    )
    rows = plugins_json(env={"STUDIO_PLUGINS_DIR": str(folder), "PYTHONPATH": str(ROOT)})
    assert rows["good_one"]["status"] == "loaded"
    assert rows["good_one"]["version"] == "2.0"
    assert rows["good_one"]["provides"][0]["name"] == "mock-gen"
    assert rows["broken_import"]["status"] == "failed"
    assert "definitely_not_installed_xyz" in rows["broken_import"]["error"]
    assert rows["broken_register"]["status"] == "failed"
    assert "the API key file is missing" in rows["broken_register"]["error"]
    for module in DEFAULT_PLUGINS:
        assert rows[module.rsplit(".", 1)[-1]]["status"] in ("loaded", "not configured")


def test_allow_list_disables_the_others(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "only_me.py").write_text("from studio import hookimpl\n")
    (folder / "not_me.py").write_text("raise RuntimeError('must not even be imported')\n")
    rows = plugins_json(env={"STUDIO_PLUGINS": "only_me", "STUDIO_PLUGINS_DIR": str(folder)})
    assert rows["only_me"]["status"] == "loaded"
    others = [row for name, row in rows.items() if name != "only_me"]
    assert rows["not_me"]["status"] == "disabled"
    assert all(row["status"] == "disabled" for row in others)


def test_an_object_breaking_the_contract_fails_its_plugin(empty_host):
    class NotAGenerator:
        name = "half"

    class Plugin:
        @hookimpl
        def register_generators(self, register):
            register(NotAGenerator())

    with empty_host.temporary(Plugin(), "undo-bad") as record:
        assert record.status == "failed"
        assert "VideoGenerator contract" in record.error
        assert "half" not in empty_host.objects["generator"]


def test_a_name_clash_keeps_the_first_and_warns(empty_host):
    class First:
        @hookimpl
        def register_generators(self, register):
            register(MockGenerator())

    class Second(First):
        pass

    with empty_host.temporary(First(), "first"), empty_host.temporary(Second(), "second") as rec:
        assert empty_host._owner[("generator", "mock-gen")] == "first"
        assert any("already registered by first" in w for w in rec.warnings)


def test_third_party_package_installed_with_pip_is_discovered(tmp_path):
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(ROOT / "tests" / "plugin_host" / "hello_plugin_pkg"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if install.returncode != 0:
        pytest.fail(f"pip install failed: {install.stderr}")
    rows = plugins_json(env={"PYTHONPATH": os.pathsep.join([str(target), str(ROOT)])}, cwd=tmp_path)
    hello = rows["hello"]
    assert hello["source"] == "entry-point"
    assert hello["version"] == "1.2.3"
    assert hello["status"] == "loaded"
    assert hello["provides"][0]["capabilities"]["resolutions"] == ["64x64"]
