"""studio.testing, the plugin author's kit, used the way a plugin author would."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.seedance import SeedanceGenerator
from studio import hookimpl
from studio.ai.guard import get_guard
from studio.plugins import PluginHost
from studio.testing import check_generator, start_fake, temporary_plugin

from .conftest import FAST_POLL


def test_start_fake_and_check_generator(tmp_path: Path) -> None:
    with start_fake("ark") as fake:
        generator = SeedanceGenerator(api_key="ark-fake-key", base_url=fake.url + "/api/v3",
                                      poll=FAST_POLL)
        result = check_generator(generator, tmp_path, preview=True)
    assert result.currency == "CNY" and result.provider_job_id
    assert any(s.path.endswith("/contents/generations/tasks") for s in fake.seen)
    with pytest.raises(ValueError, match="choose one of openai, google, ark, anthropic"):
        start_fake("azure")


def test_check_generator_catches_a_lying_generator(tmp_path: Path) -> None:
    class Liar(SeedanceGenerator):
        def generate(self, request, progress):  # type: ignore[no-untyped-def]
            result = super().generate(request, progress)
            return result.model_copy(update={"width": result.width * 2})

    with start_fake("ark") as fake:
        liar = Liar(api_key="ark-fake-key", base_url=fake.url + "/api/v3", poll=FAST_POLL)
        with pytest.raises(AssertionError, match="reported 1080x960, file is 540x960"):
            check_generator(liar, tmp_path, preview=True, aspect_ratio="9:16")


def test_temporary_plugin_in_an_isolated_host() -> None:
    class Plugin:
        @hookimpl
        def register_generators(self, register):  # type: ignore[no-untyped-def]
            register(SeedanceGenerator(api_key="k"))

    with temporary_plugin(Plugin(), name="kit-test", isolated=True) as host:
        assert isinstance(host, PluginHost)
        assert list(host.objects["generator"]) == ["seedance"]
    assert host.objects["generator"] == {}


def test_default_guards_rate_limit_per_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDIO_ARK_REQUESTS_PER_MINUTE", "120")
    guard = get_guard("ark")
    assert guard.limiter is not None and guard.limiter.rate == 2
    assert get_guard("ark") is guard  # one per provider per process
