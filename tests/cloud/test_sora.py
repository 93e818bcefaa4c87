"""Sora through the real openai SDK against the local fake (tests/fakes/openai_videos.py)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from plugins.sora import SoraGenerator
from studio.ai.clips import probe
from studio.ai.polling import PollPolicy
from studio.contracts import GenerationRequest, PluginError
from studio.testing import sample_product
from tests.fakes.openai_videos import FakeOpenAI

from .conftest import FAST_POLL


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server  # type: ignore[misc]


@pytest.fixture
def sora(fake: FakeOpenAI, guard_factory) -> SoraGenerator:  # type: ignore[no-untyped-def]
    return SoraGenerator(api_key=FakeOpenAI.API_KEY, base_url=fake.url + "/v1", poll=FAST_POLL,
                         guard=guard_factory("openai"))


def request(tmp_path: Path, **fields) -> GenerationRequest:  # type: ignore[no-untyped-def]
    values = {"output_path": tmp_path / "clip.mp4", "aspect_ratio": "9:16", "duration": 5,
              "product": sample_product(), "preview": True}
    values.update(fields)
    return GenerationRequest(**values)


def test_image_to_video_walks_queued_running_done_and_fits_the_slot(
    fake: FakeOpenAI, sora: SoraGenerator, tmp_path: Path
) -> None:
    steps: list[tuple[float, str]] = []
    result = sora.generate(request(tmp_path), lambda f, m: steps.append((f, m)))

    info = probe(result.path)
    assert (info.width, info.height, info.fps) == (540, 960, 30.0)
    assert info.has_audio  # silent track added: the provider clip had none
    assert (result.width, result.height) == (540, 960)
    # 5 s asked, Sora offers 4/8/12: the next longer one is billed at sora-2's price
    create = next(s for s in fake.seen if s.method == "POST")
    assert b'name="seconds"\r\n\r\n8' in create.body
    assert b'name="size"\r\n\r\n720x1280' in create.body
    assert b'filename="first_frame.jpg"' in create.body  # the product photo as first frame
    assert result.cost == Decimal("0.80") and result.currency == "USD"
    statuses = [m for _, m in steps]
    assert "sora: queued" in statuses and "sora: in progress" in statuses
    assert steps[-1] == (1.0, "sora: clip ready")
    assert result.provider_job_id in fake.videos


def test_text_only_request_sends_no_reference(fake: FakeOpenAI, sora: SoraGenerator,
                                              tmp_path: Path) -> None:
    req = request(tmp_path, product=None, prompt="A red bottle on a beach", aspect_ratio="16:9")
    result = sora.generate(req, lambda f, m: None)
    create = next(s for s in fake.seen if s.method == "POST")
    assert b"input_reference" not in create.body
    assert (result.width, result.height) == (960, 540)


def test_poll_waits_what_the_server_hints(fake: FakeOpenAI, guard_factory,
                                          tmp_path: Path) -> None:
    waits: list[float] = []
    fake.poll_after_ms = 7
    sora = SoraGenerator(api_key=FakeOpenAI.API_KEY, base_url=fake.url + "/v1",
                         poll=PollPolicy(initial=3.0, max_interval=5.0, timeout=60),
                         guard=guard_factory("openai"), sleep=waits.append)
    sora.generate(request(tmp_path), lambda f, m: None)
    assert waits and all(w == pytest.approx(0.007) for w in waits)


def test_provider_failure_is_reported_with_its_reason(fake: FakeOpenAI, sora: SoraGenerator,
                                                       tmp_path: Path) -> None:
    fake.states = ["queued", "failed"]
    with pytest.raises(PluginError, match="blocked") as caught:
        sora.generate(request(tmp_path), lambda f, m: None)
    assert not caught.value.transient
    assert not (tmp_path / "clip.mp4").exists()


def test_timeout_names_the_job_and_is_transient(fake: FakeOpenAI, guard_factory,
                                                tmp_path: Path) -> None:
    fake.states = ["queued", "in_progress"]  # never finishes
    sora = SoraGenerator(api_key=FakeOpenAI.API_KEY, base_url=fake.url + "/v1",
                         poll=PollPolicy(initial=0.01, max_interval=0.02, timeout=0.2),
                         guard=guard_factory("openai"))
    with pytest.raises(PluginError, match=r"video_0001 was still in progress") as caught:
        sora.generate(request(tmp_path), lambda f, m: None)
    assert caught.value.transient


def test_malformed_clip_is_a_clear_error(fake: FakeOpenAI, sora: SoraGenerator,
                                         tmp_path: Path) -> None:
    fake.corrupt_content = True
    # ffprobe's own reason (the tail of its stderr) reaches the seller
    with pytest.raises(PluginError, match=r"ffprobe could not read \S+: .*moov atom not found"):
        sora.generate(request(tmp_path), lambda f, m: None)
    assert not (tmp_path / "clip.mp4").exists()


def test_429_is_retried_after_the_hinted_delay(fake: FakeOpenAI, sora: SoraGenerator,
                                               sleeps, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake.fail_next(429, {"error": {"message": "Rate limit reached", "type": "requests"}},
                   headers={"retry-after-ms": "1500"}, method="POST")
    result = sora.generate(request(tmp_path), lambda f, m: None)
    assert result.path.is_file()
    assert sleeps.waits == [1.5]
    assert [s.method for s in fake.seen].count("POST") == 2


def test_bad_request_is_not_retried(fake: FakeOpenAI, sora: SoraGenerator, sleeps,
                                    tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake.fail_next(400, {"error": {"message": "Invalid size", "param": "size"}}, method="POST")
    with pytest.raises(PluginError, match="rejected the request.*Invalid size"):
        sora.generate(request(tmp_path), lambda f, m: None)
    assert sleeps.waits == []


NOTICE = "shut down upstream on 2026-09-24; usable only against a compatible endpoint"


def test_without_a_key_and_endpoint_it_is_not_configured_and_says_what_to_set() -> None:
    config = SoraGenerator().configuration()
    assert not config.configured
    assert config.missing == ["OPENAI_API_KEY", "SORA_BASE_URL"]
    assert config.hint.startswith(f"Sora: {NOTICE} (set SORA_BASE_URL or OPENAI_BASE_URL")
    with pytest.raises(PluginError, match="OPENAI_API_KEY"):
        SoraGenerator().generate(
            GenerationRequest(output_path=Path("x.mp4"), prompt="x"), lambda f, m: None
        )


@pytest.mark.parametrize("base_url", [None, "https://api.openai.com/v1"])
def test_it_refuses_to_run_against_openais_own_endpoint(base_url, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A key alone used to send every job to api.openai.com, where Sora no longer answers."""
    if base_url:
        monkeypatch.setenv("OPENAI_BASE_URL", base_url)
    sora = SoraGenerator(api_key="sk-real-looking-key")
    with pytest.raises(PluginError, match=NOTICE) as caught:
        sora.generate(GenerationRequest(output_path=Path("x.mp4"), prompt="x"),
                      lambda f, m: None)
    assert not caught.value.transient
    assert ("OpenAI's own endpoint" if base_url else "set SORA_BASE_URL") in str(caught.value)


def test_capabilities_and_the_plugin_listing_carry_the_shutdown_notice() -> None:
    from studio.plugins import get_host

    caps = SoraGenerator().capabilities()
    assert NOTICE in caps.notes
    assert caps.durations == [4.0, 8.0, 12.0] and caps.image_to_video
    # `studio plugins --json` and GET /api/v1/plugins show these rows
    host = get_host()
    [row] = [host.describe(r) for r in host.records.values() if r.name == "sora"]
    [sora] = row["provides"]
    assert NOTICE in sora["capabilities"]["notes"] and NOTICE in sora["configuration"]["hint"]
    assert row["status"] == "not configured"


def test_plugins_table_shows_why_sora_is_not_configured() -> None:
    import typer
    from typer.testing import CliRunner

    from studio.cli import plugins_cmd

    app = typer.Typer()
    plugins_cmd.register(app)
    app.command("noop")(lambda: None)  # a second command keeps `plugins` a subcommand
    shown = CliRunner().invoke(app, ["plugins"], env={"COLUMNS": "400"})
    assert shown.exit_code == 0, shown.output
    assert NOTICE in " ".join(shown.output.split())


def test_sora_2_pro_is_priced_at_its_published_high_resolution_rate(
    fake: FakeOpenAI, guard_factory, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pro = SoraGenerator(api_key=FakeOpenAI.API_KEY, base_url=fake.url + "/v1", poll=FAST_POLL,
                        model="sora-2-pro", guard=guard_factory("openai"))
    assert pro.capabilities().price_per_second == Decimal("0.50")
    result = pro.generate(request(tmp_path, duration=4), lambda f, m: None)
    create = next(s for s in fake.seen if s.method == "POST")
    assert b'name="size"\r\n\r\n1024x1792' in create.body
    assert result.cost == Decimal("2.00")  # 4 s × 0.50; its 720p price would say 1.20
