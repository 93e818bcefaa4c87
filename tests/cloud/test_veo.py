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
from tests.fakes.google_genai import PER_DAY, PER_MINUTE, FakeGoogle

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
    # ffprobe's own reason (the tail of its stderr) reaches the seller
    with pytest.raises(PluginError, match=r"ffprobe could not read \S+: .*moov atom not found"):
        veo.generate(request(tmp_path), lambda f, m: None)
    assert not (tmp_path / "clip.mp4").exists()


def test_the_fake_answers_429_as_google_does() -> None:
    import httpx

    with FakeGoogle() as fake:
        fake.rate_limit_next(retry_delay="45.8s")
        answer = httpx.post(f"{fake.url}/v1beta/models/veo-3.1-generate-preview:"
                            "predictLongRunning", json={},
                            headers={"x-goog-api-key": FakeGoogle.API_KEY})
    assert answer.status_code == 429 and "retry-after" not in answer.headers
    details = answer.json()["error"]["details"]
    assert {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "45.8s"} in details
    assert details[0]["violations"][0]["quotaId"] == PER_MINUTE


def test_429_waits_the_retry_delay_google_puts_in_the_body(
    fake: FakeGoogle, veo: VeoGenerator, sleeps, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    fake.rate_limit_next(retry_delay="45.8s", path_contains="predictLongRunning")
    result = veo.generate(request(tmp_path), lambda f, m: None)
    assert result.path.is_file()
    assert sleeps.waits == [45.8]  # not a 1–2 s backoff that fails again


def test_a_429_while_polling_the_operation_waits_the_body_delay_too(
    fake: FakeGoogle, veo: VeoGenerator, sleeps, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    fake.rate_limit_next(retry_delay="20s", path_contains="/operations/")
    assert veo.generate(request(tmp_path), lambda f, m: None).path.is_file()
    assert sleeps.waits == [20.0]


def test_a_spent_daily_quota_is_not_retried(fake: FakeGoogle, veo: VeoGenerator, sleeps,
                                            tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake.rate_limit_next(retry_delay="38s", quota_id=PER_DAY, path_contains="predictLongRunning")
    with pytest.raises(PluginError) as caught:
        veo.generate(request(tmp_path), lambda f, m: None)
    assert str(caught.value).startswith(
        f"veo create: google's daily quota is used up (HTTP 429, quota {PER_DAY}): You exceeded "
        "your current quota")
    assert "Retrying today cannot succeed; the quota resets at midnight Pacific time" \
        in str(caught.value)
    assert not caught.value.transient and sleeps.waits == []
    assert len([s for s in fake.seen if s.path.endswith(":predictLongRunning")]) == 1


def test_a_wait_longer_than_the_guard_sleeps_is_reported(fake: FakeGoogle, veo: VeoGenerator,
                                                         sleeps, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake.rate_limit_next(retry_delay="600s", path_contains="predictLongRunning")
    with pytest.raises(PluginError, match="google asks to wait 600 s before trying again") \
            as caught:
        veo.generate(request(tmp_path), lambda f, m: None)
    assert caught.value.transient and sleeps.waits == []


@pytest.mark.parametrize(("resolution", "per_second", "cost"),
                         [("720p", "0.05", "0.30"), ("1080p", "0.08", "0.48")])
def test_veo_lite_is_priced_per_resolution_as_published(
    fake: FakeGoogle, guard_factory, tmp_path: Path, resolution, per_second, cost
) -> None:  # type: ignore[no-untyped-def]
    lite = VeoGenerator(api_key=FakeGoogle.API_KEY, base_url=fake.url, poll=FAST_POLL,
                        model="veo-3.1-lite-generate-001", resolution=resolution,
                        guard=guard_factory("google"))
    assert lite.capabilities().price_per_second == Decimal(per_second)  # was 0.15 for both
    result = lite.generate(request(tmp_path), lambda f, m: None)
    sent = next(s for s in fake.seen if s.path.endswith(":predictLongRunning")).json()
    assert sent["parameters"]["resolution"] == resolution
    assert result.cost == Decimal(cost)  # 6 s billed


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
