"""One test per hook (test_docs.py fails when a hook has none): a mock plugin registers, the
studio sees what it registered, and the mock is always unregistered afterwards."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from studio import hookimpl
from studio.contracts import (
    AdCopy,
    FetchQuery,
    GeneratedPrompt,
    GenerationRequest,
    GenerationResult,
    GeneratorCapabilities,
    PromptContext,
    SyncResult,
    TextAnalysis,
    VideoAnalysis,
    VideoInput,
)


class MockGenerator:
    name = "mock-gen"
    version = "0.1"

    def capabilities(self) -> GeneratorCapabilities:
        return GeneratorCapabilities(
            text_to_video=True,
            image_to_video=True,
            durations=[4.0],
            aspect_ratios=["9:16"],
            resolutions=["720x1280"],
            price_per_second=Decimal("0.10"),
        )

    def generate(self, request: GenerationRequest, progress: Any) -> GenerationResult:
        return GenerationResult(path=request.output_path, duration=4.0, width=720, height=1280)


class MockAnalyzer:
    name = "mock-ai"
    version = "0.1"

    def analyze_video(self, video: VideoInput) -> VideoAnalysis:
        raise NotImplementedError

    def generate_prompt(self, context: PromptContext) -> GeneratedPrompt:
        return GeneratedPrompt(prompt=f"A video of {context.product.title}")

    def analyze_text(self, text: str) -> TextAnalysis:
        return TextAnalysis(language="en", sentiment=0.0)

    def generate_copy(self, product, *, language=None, platform="tiktok") -> AdCopy:
        return AdCopy(language=language or "en", hooks=[product.title], cta="Shop now")


class MockSource:
    name = "mock-source"
    version = "0.1"
    kinds = ("products",)

    def connect(self, config: Mapping[str, Any]) -> None:
        self.config = dict(config)

    def fetch(self, query: FetchQuery) -> Iterable[Any]:
        return []

    def sync(self, data: Iterable[Any]) -> SyncResult:
        return SyncResult()


class MockPlugin:
    def __init__(self, tmp: Path = Path("/nonexistent")) -> None:
        self.tmp = tmp

    @hookimpl
    def register_generators(self, register):
        register(MockGenerator())

    @hookimpl
    def register_analyzers(self, register):
        register(MockAnalyzer())

    @hookimpl
    def register_data_sources(self, register):
        register(MockSource())

    @hookimpl
    def register_templates(self, register):
        register(self.tmp / "mock-template" / "template.yaml")

    @hookimpl
    def register_commands(self, cli):
        @cli.command(name="mock-hello")
        def mock_hello(name: str = "seller") -> None:
            typer.echo(f"hello {name}")


def test_hook_register_generators(empty_host):
    with empty_host.temporary(MockPlugin(), "undo-mock") as record:
        generator = empty_host.get("generator", "mock-gen")
        assert generator.capabilities().price_per_second == Decimal("0.10")
        assert ("generator", "mock-gen") in record.registered
    assert "mock-gen" not in empty_host.objects["generator"]


def test_hook_register_analyzers(empty_host):
    with empty_host.temporary(MockPlugin(), "undo-mock"):
        assert empty_host.get("ai-service", "mock-ai").analyze_text("x").language == "en"
    assert "mock-ai" not in empty_host.objects["ai-service"]


def test_hook_register_data_sources(empty_host):
    with empty_host.temporary(MockPlugin(), "undo-mock"):
        source = empty_host.get("data-source", "mock-source")
        source.connect({"path": "catalog.csv"})
        assert source.config == {"path": "catalog.csv"}
    assert "mock-source" not in empty_host.objects["data-source"]


def test_hook_register_templates(empty_host, tmp_path):
    with empty_host.temporary(MockPlugin(tmp_path), "undo-mock"):
        path = empty_host.get("templates", "mock-template")
        assert path == tmp_path / "mock-template" / "template.yaml"


def test_hook_register_commands(empty_host):
    cli = typer.Typer()

    @cli.command()
    def version() -> None:  # a Typer app with one command collapses it; keep two
        typer.echo("0")

    with empty_host.temporary(MockPlugin(), "undo-mock"):
        empty_host.add_commands(cli)
    result = CliRunner().invoke(cli, ["mock-hello", "--name", "Ada"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "hello Ada"
