"""End to end: each cloud generator (real SDK → local fake) fills the AI-clip slot of the
built-in ``clip-hero`` template, and the template renders with it."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from plugins.seedance import SeedanceGenerator
from plugins.sora import SoraGenerator
from plugins.template_generator import TemplateGenerator
from plugins.veo import VeoGenerator
from studio.ai.clips import probe
from studio.contracts import GenerationRequest
from studio.testing import sample_product
from tests.fakes.ark import FakeArk
from tests.fakes.google_genai import FakeGoogle
from tests.fakes.openai_videos import FakeOpenAI

from .conftest import FAST_POLL

GENERATORS: dict[str, tuple[type, Callable[[Any], Any]]] = {
    "sora": (FakeOpenAI, lambda f: SoraGenerator(api_key=FakeOpenAI.API_KEY,
                                                 base_url=f.url + "/v1", poll=FAST_POLL)),
    "veo": (FakeGoogle, lambda f: VeoGenerator(api_key=FakeGoogle.API_KEY, base_url=f.url,
                                               poll=FAST_POLL)),
    "seedance": (FakeArk, lambda f: SeedanceGenerator(api_key=FakeArk.API_KEY,
                                                      base_url=f.url + "/api/v3", poll=FAST_POLL)),
}


def frame_at(path: Path, seconds: float) -> np.ndarray:
    info = probe(path)
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-ss", str(seconds), "-i", str(path), "-frames:v", "1",
         "-f", "rawvideo", "-pix_fmt", "gray", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(info.height, info.width).astype(float)


def render_clip_hero(folder: Path, clip: Path | None) -> Path:
    fields = {"hero_clip": str(clip)} if clip else {}
    request = GenerationRequest(
        output_path=folder / ("with-clip.mp4" if clip else "fallback.mp4"), aspect_ratio="9:16",
        product=sample_product(), template_id="clip-hero", preview=True,
        options={"fields": fields, "voiceover": False},
    )
    return TemplateGenerator().generate(request, lambda f, m: None).path


@pytest.fixture(scope="module")
def fallback(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_clip_hero(tmp_path_factory.mktemp("fallback"), None)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_generator_clip_fills_the_template_slot(name: str, fallback: Path,
                                                tmp_path: Path) -> None:
    fake_cls, make = GENERATORS[name]
    with fake_cls() as fake:
        clip = make(fake).generate(GenerationRequest(
            output_path=tmp_path / f"{name}.mp4", aspect_ratio="9:16", duration=5,
            product=sample_product(), preview=True), lambda f, m: None)
    video = render_clip_hero(tmp_path, clip.path)

    info, plain = probe(video), probe(fallback)
    assert (info.width, info.height) == (plain.width, plain.height)
    assert info.duration == pytest.approx(plain.duration, abs=0.1)
    # the hero scene shows the AI clip, not the photo's Ken Burns fallback
    top = slice(0, info.height // 3)  # above the product card and gradient
    difference = np.abs(frame_at(video, 1.0)[top] - frame_at(fallback, 1.0)[top]).mean()
    assert difference > 20
