"""Veo through the real google-genai SDK against the local fake (tests/fakes/google_genai.py)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from plugins.veo import VeoGenerator
from studio.ai.clips import probe
from studio.ai.polling import PollPolicy
from studio.contracts import GenerationRequest, PluginError
from studio.testing import sample_product
from tests.fakes.google_genai import FakeGoogle

from .conftest import FAST_POLL


@pytest.fixture
def fake() -> Iterator[FakeGoogle]:
    with FakeGoogle() as server:
        yield server  # type: ignore[misc]


@pytest.fixture
def veo(fake: FakeGoogle, guard_factory) -> VeoGenerator:  # type: ignore[no-untyped-def]
    return VeoGenerator(api_key=FakeGoogle.API_KEY, base_url=fake.url, poll=FAST_POLL,
                        guard=guard_factory("google"))


def request(tmp_path: Path, **fields) -> GenerationRequest:  # type: ignore[no-untyped-def]
    values = {"output_path": tmp_path / "clip.mp4", "aspect_ratio": "4:5", "duration": 5,
              "product": sample_product(), "preview": True}
    values.update(fields)
    return GenerationRequest(**values)


def test_image_to_video_through_a_long_running_operation(fake: FakeGoogle, veo: VeoGenerator,
                                                         tmp_path: Path) -> None:
    steps: list[str] = []
    result = veo.generate(request(tmp_path), lambda f, m: steps.append(m))

    start = next(s for s in fake.seen if s.path.endswith(":predictLongRunning"))
    assert start.path == "/v1beta/models/veo-3.1-generate-preview:predictLongRunning"
    body = start.json()
    photo = Path(sample_product().images[0]).read_bytes()
    assert base64.b64decode(body["instances"][0]["image"]["bytesBase64Encoded"]) == photo
    assert body["parameters"]["aspectRatio"] == "9:16"  # 4:5 is cropped from the vertical
    assert body["parameters"]["durationSeconds"] == 6  # 5 s asked; Veo 3 offers 4/6/8
    looks = [s for s in fake.seen if "/operations/" in s.path]
    assert len(looks) == 3  # not done, not done, done
    assert "veo: generating" in steps and steps[-1] == "veo: clip ready"
    info = probe(result.path)
    assert (info.width, info.height, info.fps, info.has_audio) == (540, 674, 30.0, True)
    assert result.cost == Decimal("2.40")
    assert result.metadata["mode"] == "developer-api"


def test_operation_error_is_reported(fake: FakeGoogle, veo: VeoGenerator, tmp_path: Path) -> None:
    fake.fail_operation = {"code": 3, "message": "The prompt was blocked by safety filters"}
    with pytest.raises(PluginError, match="safety filters"):
        veo.generate(request(tmp_path), lambda f, m: None)


def test_timeout(fake: FakeGoogle, guard_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake.video_states = [False]
    veo = VeoGenerator(api_key=FakeGoogle.API_KEY, base_url=fake.url,
                       poll=PollPolicy(initial=0.01, max_interval=0.02, timeout=0.2),
                       guard=guard_factory("google"))
    with pytest.raises(PluginError, match=r"operations/op0001 was still generating") as caught:
        veo.generate(request(tmp_path), lambda f, m: None)
    assert caught.value.transient


def test_malformed_clip(fake: FakeGoogle, veo: VeoGenerator, tmp_path: Path) -> None:
    fake.corrupt_content = True
    with pytest.raises(PluginError, match="ffmpeg could not|no video stream"):
        veo.generate(request(tmp_path), lambda f, m: None)
    assert not (tmp_path / "clip.mp4").exists()


def test_429_is_retried_after_retry_after(fake: FakeGoogle, veo: VeoGenerator, sleeps,
                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake.fail_next(429, {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED",
                                   "message": "Quota exceeded"}},
                   headers={"retry-after": "2"}, path_contains="predictLongRunning")
    result = veo.generate(request(tmp_path), lambda f, m: None)
    assert result.path.is_file()
    assert sleeps.waits == [2.0]


def test_wrong_key_is_not_retried(fake: FakeGoogle, guard_factory, sleeps,
                                  tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    veo = VeoGenerator(api_key="wrong", base_url=fake.url, poll=FAST_POLL,
                       guard=guard_factory("google"))
    with pytest.raises(PluginError, match="API key not valid"):
        veo.generate(request(tmp_path), lambda f, m: None)
    assert sleeps.waits == []


def test_not_configured_without_a_key() -> None:
    config = VeoGenerator().configuration()
    assert not config.configured and config.missing == ["GEMINI_API_KEY"]
