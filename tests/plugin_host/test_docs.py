"""Keep the plugin API honest (after datasette): every hook has a test and is documented."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from studio import hookspecs

ROOT = Path(__file__).resolve().parents[2]
HOOKS = sorted(
    name
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
    if name.startswith("register_")
)


def test_there_are_hooks():
    assert "register_generators" in HOOKS and len(HOOKS) >= 5


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook):
    tests = (ROOT / "tests" / "plugin_host" / "test_hooks.py").read_text()
    assert f"def test_hook_{hook}(" in tests, (
        f"write test_hook_{hook} in tests/plugin_host/test_hooks.py"
    )


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_with_its_signature(hook):
    docs = (ROOT / "docs" / "plugins.md").read_text()
    params = ", ".join(inspect.signature(getattr(hookspecs, hook)).parameters)
    assert re.search(rf"^### `{hook}\({re.escape(params)}\)`", docs, re.M), (
        f"docs/plugins.md needs a '### `{hook}({params})`' section"
    )
