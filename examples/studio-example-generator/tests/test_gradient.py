"""Tests a plugin author writes, using the studio's kit (studio.testing)."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest
import studio_example_generator

from studio import hookimpl
from studio.contracts import GenerationRequest, PluginError
from studio.plugins import PluginHost
from studio.testing import check_generator, sample_product, temporary_plugin


def test_the_contract_holds(tmp_path: Path) -> None:
    result = check_generator(studio_example_generator.GradientGenerator(), tmp_path,
                             preview=True, duration=3.0)
    assert (result.width, result.height) == (540, 960)
    assert result.cost == 0


def test_same_product_same_colours_and_custom_colours(tmp_path: Path) -> None:
    generator = studio_example_generator.GradientGenerator()
    first = check_generator(generator, tmp_path, preview=True, duration=3.0,
                            output_path=tmp_path / "a.mp4")
    again = check_generator(generator, tmp_path, preview=True, duration=3.0,
                            output_path=tmp_path / "b.mp4")
    assert first.metadata["colors"] == again.metadata["colors"]
    custom = check_generator(generator, tmp_path, preview=True, duration=3.0, aspect_ratio="1:1",
                             options={"colors": ["#FF0000", "#0000FF"]},
                             output_path=tmp_path / "c.mp4")
    assert custom.metadata["colors"] == ["#FF0000", "#0000FF"] and custom.width == custom.height


def test_bad_colours_are_explained(tmp_path: Path) -> None:
    request = GenerationRequest(output_path=tmp_path / "x.mp4", product=sample_product(),
                                options={"colors": ["red"]})
    with pytest.raises(PluginError, match="#RRGGBB"):
        studio_example_generator.GradientGenerator().generate(request, lambda f, m: None)


class SquareOnly(studio_example_generator.GradientGenerator):
    name = "gradient-square"


class TestOnlyPlugin:
    """A plugin object that exists only in this test (the installed module is loaded already)."""

    @hookimpl
    def register_generators(self, register):  # type: ignore[no-untyped-def]
        register(SquareOnly())


def test_registered_for_one_block_then_gone(tmp_path: Path) -> None:
    with temporary_plugin(TestOnlyPlugin(), name="square-under-test") as host:
        generator = host.get("generator", "gradient-square")
        assert generator.generate(GenerationRequest(output_path=tmp_path / "t.mp4",
                                                    duration=3.0, preview=True, prompt="x"),
                                  lambda f, m: None).path.is_file()
    with pytest.raises(LookupError, match="no generator named 'gradient-square'"):
        host.get("generator", "gradient-square")


def test_installed_package_is_discovered_by_its_entry_point() -> None:
    names = {ep.name: ep.value for ep in entry_points(group="studio")}
    assert names.get("gradient") == "studio_example_generator", (
        "install the example first: pip install -e examples/studio-example-generator"
    )
    host = PluginHost().load()
    record = host.records["gradient"]
    assert (record.source, record.status) == ("entry-point", "loaded")
    assert host.get("generator", "gradient").name == "gradient"
