"""The plugin reference (docs/reference) is the code (after datasette's docs tests): it is
regenerated here and compared, every contract object and hook has a section, every model
field says what it means, and every protocol has a mismatch test."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from studio import hookspecs
from studio.authoring import reference

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "reference"
OBJECTS = reference.contract_objects()
HOOKS = sorted(n for n, f in inspect.getmembers(hookspecs, inspect.isfunction)
               if n.startswith("register_"))
MODELS = [o for o in OBJECTS if issubclass(o, BaseModel)]
PROTOCOLS = [o for o in OBJECTS if getattr(o, "_is_protocol", False)]


def test_the_committed_reference_is_what_the_code_says() -> None:
    stale = reference.differences(DOCS)
    assert not stale, f"docs/reference/{stale} differ from the code: run `studio plugins reference`"


def test_the_command_writes_the_same_pages(tmp_path: Path) -> None:
    from studio.cli import plugins_cmd

    shown = CliRunner().invoke(plugins_cmd.app, ["reference", "--dir", str(tmp_path)])
    assert shown.exit_code == 0, shown.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(reference.pages())
    (tmp_path / "generators.md").write_text("stale", encoding="utf-8")
    checked = CliRunner().invoke(plugins_cmd.app, ["reference", "--dir", str(tmp_path),
                                                   "--check"])
    assert checked.exit_code == 1 and "generators.md differs from the code" in checked.output


def test_the_contract_objects_are_all_there() -> None:
    names = {o.__name__ for o in OBJECTS}
    assert {"GenerationRequest", "GenerationResult", "GeneratorCapabilities", "ProductData",
            "ProductVariant", "VideoInput", "VideoAnalysis", "PromptContext", "GeneratedPrompt",
            "TextAnalysis", "AdCopy", "FetchQuery", "AdStatRow", "OrderRow", "RejectedRow",
            "SyncResult", "VideoGenerator", "AIService", "DataSource", "PluginError",
            "StructuredAnswerError", "Configuration"} <= names
    assert {p.__name__ for p in PROTOCOLS} == {"VideoGenerator", "AIService", "DataSource"}


def _sections() -> dict[str, str]:
    found = {}
    for page in DOCS.glob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                found[line[3:].strip()] = page.name
    return found


@pytest.mark.parametrize("name", [o.__name__ for o in OBJECTS] + HOOKS)
def test_every_contract_object_and_hook_has_a_section(name: str) -> None:
    assert name in _sections(), (
        f"docs/reference has no section for {name}: add it to studio.authoring.reference.PAGES "
        "and run `studio plugins reference`")


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_says_what_it_means(model: type[BaseModel]) -> None:
    silent = [name for name, field in model.model_fields.items() if not field.description]
    assert not silent, f"{model.__name__}: give {silent} a Field(description=...)"
    page = DOCS / _sections()[model.__name__]
    text = page.read_text(encoding="utf-8")
    for name, field in model.model_fields.items():
        assert f"| `{name}` |" in text and (field.description or "")[:30] in text


@pytest.mark.parametrize("protocol", PROTOCOLS, ids=lambda p: p.__name__)
def test_every_protocol_has_a_mismatch_test(protocol: type) -> None:
    tests = (ROOT / "tests" / "plugin_host" / "test_contracts.py").read_text(encoding="utf-8")
    assert f"def test_contract_{protocol.__name__}(" in tests, (
        f"write test_contract_{protocol.__name__} in tests/plugin_host/test_contracts.py")


@pytest.mark.parametrize("protocol", PROTOCOLS, ids=lambda p: p.__name__)
def test_every_protocol_method_is_documented(protocol: type) -> None:
    text = (DOCS / _sections()[protocol.__name__]).read_text(encoding="utf-8")
    for name, member in vars(protocol).items():
        if inspect.isfunction(member) and not name.startswith("_"):
            assert member.__doc__, f"{protocol.__name__}.{name} needs a docstring"
            assert f"### {protocol.__name__}.{name}" in text
