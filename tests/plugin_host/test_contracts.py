"""A contract mismatch names every missing or wrong member and the plugin's own file and line
(one test per protocol: test_reference.py fails when a protocol has none)."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

from studio import hookimpl
from studio.contracts import SyncResult

from .test_hooks import MockAnalyzer, MockGenerator, MockSource

HERE = __file__


def register_line(plugin_class: type) -> int:
    """The line of ``register(...)`` in the plugin class's hook: where a mismatch must point."""
    lines, first = inspect.getsourcelines(plugin_class)
    return first + next(i for i, line in enumerate(lines) if "register(" in line
                        and "def " not in line)


def plugin_registering(obj: Any, hook: str) -> Any:
    class Plugin:
        pass

    def register_it(self: Any, register: Any) -> None:
        register(obj)

    setattr(Plugin, hook, hookimpl(register_it))
    return Plugin()


class NoCapabilities:
    name = "collage"
    version = "1.0"

    def generate(self, request):  # one argument short of generate(request, progress)
        return None


class BrokenGeneratorPlugin:
    @hookimpl
    def register_generators(self, register):
        register(NoCapabilities())


def test_contract_VideoGenerator(empty_host) -> None:
    with empty_host.temporary(BrokenGeneratorPlugin(), "undo-collage") as record:
        print(record.error)
        assert record.status == "failed"
        assert ("NoCapabilities 'collage' does not satisfy the VideoGenerator contract"
                in record.error)
        assert "method `capabilities()` is missing" in record.error
        assert ("`generate` cannot be called as `generate(request, progress)`: too many "
                "positional arguments") in record.error
        # where the plugin registered it, and where its class is: this file, not the host's
        line = register_line(BrokenGeneratorPlugin)
        defined = inspect.getsourcelines(NoCapabilities)[1]
        assert f"(at {HERE}:{line}; defined at {HERE}:{defined})" in record.error
        assert "studio/plugins.py" not in record.error
        assert "collage" not in empty_host.objects["generator"]
    # the contract itself: MockGenerator satisfies it
    with empty_host.temporary(plugin_registering(MockGenerator(), "register_generators"),
                              "undo-good") as good:
        assert good.status == "loaded", good.error


class HalfAnalyzer(MockAnalyzer):
    analyze_text = "not a method"  # type: ignore[assignment]

    def generate_copy(self, product):  # type: ignore[override]  # no language= nor platform=
        raise NotImplementedError


def test_contract_AIService(empty_host) -> None:
    plugin = plugin_registering(HalfAnalyzer(), "register_analyzers")
    with empty_host.temporary(plugin, "undo-half") as record:
        print(record.error)
        assert record.status == "failed"
        assert "HalfAnalyzer 'mock-ai' does not satisfy the AIService contract" in record.error
        assert ("`analyze_text` is a str, not a method; define `analyze_text` as a method "
                "called as `analyze_text(text)`") in record.error
        assert ("`generate_copy` cannot be called as `generate_copy(product, language=…, "
                "platform=…)`: got an unexpected keyword argument 'language'") in record.error
        assert f"(at {HERE}:" in record.error
    with empty_host.temporary(plugin_registering(MockAnalyzer(), "register_analyzers"),
                              "undo-good") as good:
        assert good.status == "loaded", good.error


class WrongKindsSource(MockSource):
    kinds = "products"  # a string, not a tuple of kinds
    name = ""

    def sync(self, data: Iterable[Any], dry_run: bool) -> SyncResult:  # type: ignore[override]
        return SyncResult()


def test_contract_DataSource(empty_host) -> None:
    plugin = plugin_registering(WrongKindsSource(), "register_data_sources")
    with empty_host.temporary(plugin, "undo-kinds") as record:
        print(record.error)
        assert record.status == "failed"
        assert "`name` is '' (str); make it a non-empty str" in record.error
        assert "`kinds` is 'products'; make it a tuple such as (\"products\",)" in record.error
        assert ("`sync` cannot be called as `sync(data)`: missing a required argument: "
                "'dry_run'") in record.error
    with empty_host.temporary(plugin_registering(MockSource(), "register_data_sources"),
                              "undo-good") as good:
        assert good.status == "loaded", good.error
