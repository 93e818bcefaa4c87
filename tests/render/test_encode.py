"""The slideshow encoded in-process (PyAV) is the video the ffmpeg process made.

A plan whose scenes all move and are joined by fades or cuts is made in Python frame by frame
and encoded in this process; its soundtrack, poster, metadata, progress and cancellation
must behave as on the ffmpeg-process path, and its frames be the same.
"""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.config import get_settings
from studio.render import encode, extract_poster, render_video, soundtracks
from studio.render.plan import (
    AudioPlan,
    Box,
    KenBurns,
    OutputSpec,
    Overlay,
    PhotoLayer,
    RenderPlan,
    Scene,
    Transition,
)
from studio.render.scenes import RenderError
from tests.render.helpers import frames, mean_volume, probe, solid, tone

pytestmark = pytest.mark.skipif(not encode.available(), reason="PyAV without libx264")


def slideshow(media: Path, **output: object) -> RenderPlan:
    rng = np.random.default_rng(3)
    photos = []
    for n, tint in enumerate(((200, 40, 40), (40, 40, 200))):
        noise = rng.integers(0, 50, (300, 300, 3))
        pixels = np.clip(np.array(tint) + noise - 25, 0, 255).astype(np.uint8)
        photos.append(media / f"p{n}.png")
        Image.fromarray(pixels).save(photos[-1])
    title = solid(media / "title.png", (200, 40), (20, 20, 20, 200), "RGBA")
    cta = solid(media / "cta.png", (160, 50), (255, 255, 255, 230), "RGBA")
    return RenderPlan(
        OutputSpec(240, 320, **output),  # type: ignore[arg-type]
        tuple(Scene(1.0, main=PhotoLayer(p, Box(0, 0, 240, 320), "contain_blur",
                                         KenBurns(1.0, 1.1))) for p in photos),
        (Transition("fade", 0.4),),
        overlays=(Overlay(title, 20, 10), Overlay(cta, 40, 200, start=1.2, fade_in=0.2)),
        audio=AudioPlan(music=tone(media / "m.wav", 3.0, 440), music_fade_in=0.2),
        metadata=(("comment", "creative=AB12CD"),),
    )  # fmt: skip


def test_the_same_frames_as_the_ffmpeg_process(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = slideshow(media, crf=0)  # lossless: the frames as made
    here = frames(render_video(plan, tmp_path / "here.mp4").path).astype(int)
    monkeypatch.setattr(encode, "available", lambda: False)
    piped = frames(render_video(plan, tmp_path / "piped.mp4").path).astype(int)
    assert here.shape == piped.shape == (48, 320, 240, 3)
    difference = np.abs(here - piped)
    # the scenes and their fade are bit for bit the same; the call to action is blended here
    # rather than by ffmpeg's overlay: rounding, at most a level or two
    assert not difference[:36].any()
    assert difference.max() <= 4 and difference.mean() < 0.05  # (2 levels of Y'CbCr in RGB)


def test_sound_metadata_poster_and_progress(media: Path, tmp_path: Path) -> None:
    seen: list[float] = []
    result = render_video(slideshow(media), tmp_path / "v.mp4", poster=tmp_path / "v.jpg",
                          poster_at=1.0, progress=lambda f, _: seen.append(f))
    info = probe(result.path)
    assert (info.width, info.height, info.frames) == (240, 320, 48)
    assert (info.video_codec, info.audio_codec, info.pix_fmt) == ("h264", "aac", "yuv420p")
    assert info.duration == pytest.approx(1.6, abs=0.05)
    assert info.tags["comment"] == "creative=AB12CD"
    assert mean_volume(result.path, 0.5, 1.5) > -30  # the music is there
    assert seen[-1] == 1.0 and seen == sorted(seen)
    made = np.asarray(Image.open(tmp_path / "v.jpg")).astype(int)
    taken = np.asarray(Image.open(extract_poster(result.path, tmp_path / "t.jpg", at=1.0)))
    assert np.abs(made - taken.astype(int)).mean() < 4
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["t.jpg", "v.jpg",
                                                                         "v.mp4"]


def test_cancelling_stops_and_leaves_nothing_new(media: Path, tmp_path: Path) -> None:
    target = tmp_path / "v.mp4"
    target.write_bytes(b"the previous version")

    class Cancelled(Exception):
        pass

    def cancel(fraction: float, label: str) -> None:
        if fraction > 0.6:  # after the poster's frame (0.53 s of 1.6): its process stops too
            raise Cancelled

    monkey = encode.PROGRESS_EVERY
    encode.PROGRESS_EVERY = 0.0  # report every frame
    try:
        with pytest.raises(Cancelled):
            render_video(slideshow(media), target, progress=cancel, poster=tmp_path / "v.jpg")
    finally:
        encode.PROGRESS_EVERY = monkey
    assert target.read_bytes() == b"the previous version"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["v.mp4"]


def test_same_plan_same_bytes_whatever_was_rendered_before(media: Path, tmp_path: Path) -> None:
    """A worker renders one video after another. The same plan gives the same video in a worker
    whose memory holds other videos' frames as in a new process (x264 kept to AVX2:
    ``encode.x264_cpu``)."""
    plan = slideshow(media)
    saved = tmp_path / "plan.pickle"
    saved.write_bytes(pickle.dumps(plan))
    subprocess.run([sys.executable, "-c", "import pickle, sys; from studio.render import "
                    "render_video; render_video(pickle.loads(open(sys.argv[1], 'rb').read()), "
                    "sys.argv[2])", str(saved), str(tmp_path / "new.mp4")], check=True)
    new_process = (tmp_path / "new.mp4").read_bytes()
    bigger = dataclasses.replace(plan, output=OutputSpec(480, 640))
    for n in range(4):
        render_video(bigger if n % 2 else dataclasses.replace(plan, overlays=()),
                     tmp_path / "other.mp4")
        again = render_video(plan, tmp_path / f"{n}.mp4").path.read_bytes()
        assert again == new_process, f"render {n + 1} in this process differs"


def test_a_batch_of_one_template_encodes_its_music_once(
    media: Path, tmp_path: Path, recorded_tools: Path
) -> None:
    """A worker rendering one template for many products makes the soundtrack once: the next
    video with the same music, even stored at another path, gets the kept AAC and is the same
    file; music changed in place, or another length, is encoded again."""
    soundtracks.forget()

    def soundtrack_encodes() -> int:
        calls = recorded_tools.read_text().splitlines() if recorded_tools.exists() else []
        return sum(".m4a" in call for call in calls)

    try:
        plan = slideshow(media)
        first = render_video(plan, tmp_path / "1.mp4").path.read_bytes()
        assert soundtrack_encodes() == 1
        elsewhere = tmp_path / "stored-again.wav"
        elsewhere.write_bytes(plan.audio.music.read_bytes())  # type: ignore[union-attr]
        moved = dataclasses.replace(plan, audio=dataclasses.replace(plan.audio, music=elsewhere))
        assert render_video(moved, tmp_path / "2.mp4").path.read_bytes() == first
        assert soundtrack_encodes() == 1  # reused, and the video is the same file

        tone(elsewhere, 3.0, 660)  # the same path, other music
        changed = render_video(moved, tmp_path / "3.mp4").path.read_bytes()
        assert soundtrack_encodes() == 2 and changed != first
        longer = dataclasses.replace(plan, scenes=plan.scenes + plan.scenes[:1],
                                     transitions=plan.transitions * 2)
        render_video(longer, tmp_path / "4.mp4")
        assert soundtrack_encodes() == 3
        assert probe(tmp_path / "4.mp4").duration == pytest.approx(2.2, abs=0.05)
    finally:
        soundtracks.forget()


def test_an_ffmpeg_that_cannot_start_leaves_nothing_behind(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "ffmpeg"
    broken.write_text("#!/no/such/interpreter\n")
    broken.chmod(0o755)
    monkeypatch.setenv("STUDIO_FFMPEG_BINARY", str(broken))
    get_settings.cache_clear()
    out = tmp_path / "out"
    out.mkdir()
    try:
        with pytest.raises(RenderError, match="cannot start ffmpeg for the soundtrack"):
            render_video(slideshow(media), out / "v.mp4")
    finally:
        get_settings.cache_clear()
    assert list(out.iterdir()) == []
