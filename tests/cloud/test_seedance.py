"""Seedance through the real Ark SDK against the local fake (tests/fakes/ark.py)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from plugins.seedance import SeedanceGenerator
from studio.ai.clips import probe
from studio.ai.polling import PollPolicy
from studio.contracts import GenerationRequest, PluginError
from studio.testing import sample_product
from tests.fakes.ark import FakeArk, ark_error

from .conftest import FAST_POLL


@pytest.fixture
def fake() -> Iterator[FakeArk]:
    with FakeArk() as server:
        yield server  # type: ignore[misc]


def make(fake: FakeArk, guard, **kw) -> SeedanceGenerator:  # type: ignore[no-untyped-def]
    kw.setdefault("poll", FAST_POLL)
    return SeedanceGenerator(api_key=FakeArk.API_KEY, base_url=fake.url + "/api/v3",
                             guard=guard, **kw)


@pytest.fixture
def seedance(fake: FakeArk, guard_factory) -> SeedanceGenerator:  # type: ignore[no-untyped-def]
    return make(fake, guard_factory("ark"))


def request(tmp_path: Path, **fields) -> GenerationRequest:  # type: ignore[no-untyped-def]
    values = {"output_path": tmp_path / "clip.mp4", "aspect_ratio": "1:1", "duration": 5,
              "product": sample_product("zh"), "preview": True, "seed": 7}
    values.update(fields)
    return GenerationRequest(**values)


def test_first_frame_task_queued_running_succeeded(fake: FakeArk, seedance: SeedanceGenerator,
                                                   tmp_path: Path) -> None:
    steps: list[str] = []
    result = seedance.generate(request(tmp_path), lambda f, m: steps.append(m))

    create = next(s for s in fake.seen if s.method == "POST").json()
    assert create["model"] == "doubao-seedance-1-0-pro-250528"
    assert (create["ratio"], create["duration"], create["resolution"], create["seed"]) == (
        "1:1", 5, "720p", 7)
    image = next(c for c in create["content"] if c["type"] == "image_url")
    assert image["role"] == "first_frame"
    header, encoded = image["image_url"]["url"].split(",", 1)
    assert header == "data:image/jpeg;base64"
    assert base64.b64decode(encoded) == Path(sample_product().images[0]).read_bytes()
    assert "便携式榨汁杯" in create["content"][0]["text"]  # prompt from the Chinese product
    assert "seedance: queued" in steps and "seedance: running" in steps
    info = probe(result.path)
    assert (info.width, info.height, info.fps, info.has_audio) == (540, 540, 30.0, True)
    # 1280*720*24*5/1024 = 108000 tokens at 15 CNY per million
    assert (result.cost, result.currency) == (Decimal("1.6200"), "CNY")
    assert result.metadata["tokens"] == 108000


def test_server_poll_hint_is_used(fake: FakeArk, guard_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake.poll_hint_s = 0.004
    waits: list[float] = []
    seedance = make(fake, guard_factory("ark"), sleep=waits.append,
                    poll=PollPolicy(initial=2.0, max_interval=5.0, timeout=60))
    seedance.generate(request(tmp_path), lambda f, m: None)
    assert waits == [0.004, 0.004]


def test_failed_task(fake: FakeArk, seedance: SeedanceGenerator, tmp_path: Path) -> None:
    fake.states = ["queued", "running", "failed"]
    with pytest.raises(PluginError, match="sensitive content.*OutputVideoSensitiveContent"):
        seedance.generate(request(tmp_path), lambda f, m: None)


def test_timeout(fake: FakeArk, guard_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake.states = ["queued", "running"]
    seedance = make(fake, guard_factory("ark"),
                    poll=PollPolicy(initial=0.01, max_interval=0.02, timeout=0.2))
    with pytest.raises(PluginError, match="cgt-2026000001 was still running") as caught:
        seedance.generate(request(tmp_path), lambda f, m: None)
    assert caught.value.transient


def test_malformed_task_without_video_url(fake: FakeArk, seedance: SeedanceGenerator,
                                          tmp_path: Path) -> None:
    fake.malformed_task = True
    with pytest.raises(PluginError, match="named no video URL"):
        seedance.generate(request(tmp_path), lambda f, m: None)


def test_429_then_success_waits_the_hint(fake: FakeArk, seedance: SeedanceGenerator, sleeps,
                                         tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    limited = ark_error(429, "RateLimitExceeded.EndpointRPMExceeded", "Too many requests")
    fake.fail_next(429, limited.body, headers={"retry-after": "3"}, method="POST")
    result = seedance.generate(request(tmp_path), lambda f, m: None)
    assert result.path.is_file() and sleeps.waits == [3.0]


def test_server_errors_exhaust_retries_then_fail_transient(
    fake: FakeArk, seedance: SeedanceGenerator, sleeps, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    fake.fail_next(500, {"error": {"code": "InternalServiceError", "message": "busy"}},
                   times=5, method="POST")
    with pytest.raises(PluginError, match="server error") as caught:
        seedance.generate(request(tmp_path), lambda f, m: None)
    assert caught.value.transient
    assert len(sleeps.waits) == 2  # three tries in all
