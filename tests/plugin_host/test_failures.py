"""Failed plugins are never silent: `studio plugins` counts them at the end and --all gives
each reason with the plugin's own file and line; each failure is logged once when plugins
load; a plugin whose template does not load is "loaded with errors", its errors listed."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from studio.plugins import PluginHost

from .test_host import run_cli

FOOTER = "1 plugin(s) failed — `studio plugins --all`"
BAD_TEMPLATE = """\
id: bad-card
name: Bad card
fields:
  title: {type: text, bind: product.title}
  photos: {type: image_list, bind: product.images, min_items: 1}
scenes:
  - duration: 3
    main: {image: "{{ photos[0] }}"}
    layers:
      - {type: text, text: "{{ title }}"}
"""


def write_plugins(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "collage.py").write_text(
        "from studio import hookimpl\n"
        "\n"
        "raise RuntimeError('the collage font is missing')\n")
    templates = folder / "card_templates"
    (templates / "bad-card").mkdir(parents=True)
    (templates / "bad-card" / "template.yaml").write_text(BAD_TEMPLATE)
    (folder / "cards.py").write_text(
        "from pathlib import Path\n"
        "from studio import hookimpl\n"
        "@hookimpl\n"
        "def register_templates(register):\n"
        "    register(Path(__file__).parent / 'card_templates' / 'bad-card')\n")
    return folder


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """`studio plugins`, `--all` and `--all --json` run once against the broken plugins."""
    folder = write_plugins(tmp_path_factory.mktemp("plugins"))
    env = {"STUDIO_PLUGINS_DIR": str(folder), "COLUMNS": "200",
           "STUDIO_HOME": str(tmp_path_factory.mktemp("home"))}
    runs = {name: run_cli("plugins", *args, env=env)
            for name, args in (("plain", ()), ("all", ("--all",)),
                               ("json", ("--all", "--json")))}
    return {"folder": folder, **runs}


def test_studio_plugins_ends_with_how_many_failed(shown) -> None:
    plain = shown["plain"]
    print(plain.stderr)
    assert plain.returncode == 0
    assert plain.stderr.strip().splitlines()[-1] == FOOTER
    assert "collage" not in plain.stdout  # a failed plugin is not listed without --all


def test_all_gives_each_reason_with_the_plugins_file_and_line(shown) -> None:
    everything = shown["all"]
    print(everything.stdout[-600:])
    collage = shown["folder"] / "collage.py"
    assert "collage failed:" in everything.stdout
    assert f"RuntimeError: the collage font is missing (at {collage}:3)" in everything.stdout
    assert everything.stderr.strip().splitlines()[-1] == FOOTER


def test_json_stays_json_and_the_count_goes_to_stderr(shown) -> None:
    rows = {row["name"]: row for row in json.loads(shown["json"].stdout)["data"]}
    assert rows["collage"]["status"] == "failed"
    assert rows["collage"]["error"].startswith("RuntimeError: the collage font is missing")
    assert shown["json"].stderr.strip().splitlines()[-1] == FOOTER


def test_the_process_logs_each_failure_once_when_it_loads_plugins(shown) -> None:
    logged = [line for line in shown["plain"].stderr.splitlines() if "failed to load" in line]
    assert logged == [f"plugin collage failed to load: RuntimeError: the collage font is "
                      f"missing (at {shown['folder'] / 'collage.py'}:3)"]


def test_a_failure_is_logged_once_however_often_plugins_are_collected(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="studio.plugins")
    host = PluginHost(plugins_dir=write_plugins(tmp_path / "plugins")).load()
    host.collect()
    host.collect()
    failures = [r.getMessage() for r in caplog.records if "failed to load" in r.getMessage()]
    assert failures == [f"plugin collage failed to load: {host.records['collage'].error}"]


def test_a_plugin_whose_template_does_not_load_is_loaded_with_errors(shown) -> None:
    plain = shown["plain"].stdout
    print(plain[plain.index("cards loaded with errors"):])
    assert "loaded with errors" in plain.split("cards")[1].splitlines()[0]  # its table row
    assert ("scenes[0].main.image: '{{ photos[0] }}' is merge text; a layer names its field "
            "without {{ }}: write 'photos[0]'") in plain
    rows = {row["name"]: row for row in json.loads(shown["json"].stdout)["data"]}
    assert rows["cards"]["status"] == "loaded with errors"
    assert rows["cards"]["error"].endswith("write 'photos[0]'")
    assert rows["cards"]["provides"] == [{"kind": "templates", "name": "bad-card"}]
