"""What a user gets back: the right file, size, rate, length, codecs; progress; previews;
posters; and never a half-written file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.render import RenderError, extract_poster, render_poster, render_video
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

from .helpers import probe, solid, tone


def two_scene_plan(media: Path, width: int, height: int, **kw: object) -> RenderPlan:
    photo = solid(media / "photo.jpg", (800, 600), (200, 40, 40))
    other = solid(media / "other.png", (600, 800), (40, 40, 200))
    badge = solid(media / "badge.png", (300, 120), (255, 255, 255, 220), "RGBA")
    full = Box(0, 0, width, height)
    return RenderPlan(
        output=OutputSpec(width, height, **kw),  # type: ignore[arg-type]
        scenes=(
            Scene(duration=0.8, main=PhotoLayer(photo, full, "contain_blur", KenBurns())),
            Scene(duration=0.8, main=PhotoLayer(other, full, "cover", None)),
        ),
        transitions=(Transition("fade", 0.3),),
        overlays=(Overlay(badge, 20, 20),),
        audio=AudioPlan(music=tone(media / "music.wav", 3.0, 440)),
        metadata=(("comment", "creative=AB12CD"), ("title", "Red bottle: 50% off, [today]")),
    )


@pytest.mark.parametrize(
    ("width", "height"), [(1080, 1920), (1080, 1080), (1920, 1080), (1080, 1350)],
    ids=["9:16", "1:1", "16:9", "4:5"],
)
def test_every_format_has_the_right_size_rate_length_and_codecs(
    media: Path, tmp_path: Path, width: int, height: int
) -> None:
    plan = two_scene_plan(media, width, height, preset="ultrafast")
    result = render_video(plan, tmp_path / "out.mp4")
    info = probe(result.path)
    assert (info.width, info.height) == (width, height) == (result.width, result.height)
    assert info.fps == 30
    assert abs(info.duration - plan.duration) <= 0.1
    assert info.frames == round(plan.duration * 30) == result.frames == 39
    assert (info.video_codec, info.audio_codec, info.pix_fmt) == ("h264", "aac", "yuv420p")
    assert info.tags["comment"] == "creative=AB12CD"
    assert info.tags["title"] == "Red bottle: 50% off, [today]"


def test_progress_is_monotonic_and_reaches_one(media: Path, tmp_path: Path) -> None:
    seen: list[tuple[float, str]] = []
    render_video(two_scene_plan(media, 320, 320), tmp_path / "out.mp4",
                 progress=lambda f, label: seen.append((f, label)))
    fractions = [f for f, _ in seen]
    assert fractions[-1] == 1.0
    assert fractions == sorted(fractions) and all(0 <= f <= 1 for f in fractions)
    assert len(fractions) >= 2


def test_a_failing_render_leaves_nothing_behind(media: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    broken = media / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really a png")
    plan = RenderPlan(
        output=OutputSpec(320, 320),
        scenes=(Scene(duration=1.0, overlays=(Overlay(broken, 0, 0, start=0.5),)),),
    )
    with pytest.raises(RenderError) as failure:
        render_video(plan, out_dir / "video.mp4", poster=out_dir / "video.jpg")
    assert "broken.png" in str(failure.value)
    assert list(out_dir.iterdir()) == []  # neither the video nor its poster, nor temp files


def test_a_failing_ken_burns_photo_is_reported_and_leaves_nothing(
    media: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    empty = media / "empty.jpg"
    empty.write_bytes(b"")
    plan = RenderPlan(output=OutputSpec(320, 320), scenes=(
        Scene(duration=1.0, main=PhotoLayer(empty, Box(0, 0, 320, 320), "cover", KenBurns())),))
    with pytest.raises(RenderError, match="empty.jpg"):
        render_video(plan, out_dir / "video.mp4")
    assert list(out_dir.iterdir()) == []


def test_cancelling_through_progress_stops_and_keeps_the_old_file(
    media: Path, tmp_path: Path
) -> None:
    target = tmp_path / "video.mp4"
    target.write_bytes(b"the previous version")

    class Cancelled(Exception):
        pass

    def cancel(fraction: float, label: str) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        render_video(two_scene_plan(media, 320, 320), target, progress=cancel)
    assert target.read_bytes() == b"the previous version"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["video.mp4"]


def test_preview_is_small_and_fast_to_make(media: Path, tmp_path: Path) -> None:
    result = render_video(two_scene_plan(media, 1080, 1920), tmp_path / "p.mp4", preview=True)
    info = probe(result.path)
    assert (info.width, info.height) == (360, 640)
    assert abs(info.duration - 1.3) <= 0.1
    assert info.audio_codec == "aac"


def test_posters_show_the_frame_asked_for(media: Path, tmp_path: Path) -> None:
    plan = two_scene_plan(media, 320, 320)
    early = np.asarray(Image.open(render_poster(plan, tmp_path / "early.jpg", at=0.1)))
    late = np.asarray(Image.open(render_poster(plan, tmp_path / "late.jpg", at=1.2)))
    assert early.shape == late.shape == (320, 320, 3)
    # the first scene is the red photo, the last the blue one (below the white badge)
    assert early[200, 160, 0] > 150 and early[200, 160, 2] < 90
    assert late[200, 160, 2] > 150 and late[200, 160, 0] < 90
    video = render_video(plan, tmp_path / "v.mp4").path
    taken = np.asarray(Image.open(extract_poster(video, tmp_path / "taken.jpg", at=1.2)))
    assert np.abs(taken.astype(int) - late.astype(int))[100:, :].mean() < 4


def test_a_poster_made_with_the_video_is_that_frame(media: Path, tmp_path: Path) -> None:
    plan = two_scene_plan(media, 320, 320)
    result = render_video(plan, tmp_path / "v.mp4", poster=tmp_path / "v.jpg", poster_at=1.2)
    made = np.asarray(Image.open(tmp_path / "v.jpg"))
    assert made.shape == (320, 320, 3)
    assert made[200, 160, 2] > 150 and made[200, 160, 0] < 90  # the blue second scene
    taken = np.asarray(Image.open(extract_poster(result.path, tmp_path / "taken.jpg", at=1.2)))
    assert np.abs(taken.astype(int) - made.astype(int))[100:, :].mean() < 4
    assert probe(result.path).duration == pytest.approx(1.3, abs=0.1)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["taken.jpg", "v.jpg",
                                                                         "v.mp4"]


def test_file_names_with_graph_syntax_are_just_names(media: Path, tmp_path: Path) -> None:
    weird = media / "it's [50%], off; a=b:c,d\\e {x}"
    weird.mkdir()
    photo = solid(weird / "p%d 'x'.jpg", (400, 400), (30, 160, 30))
    card = solid(weird / "card [1];=.png", (100, 50), (250, 250, 250, 255), "RGBA")
    plan = RenderPlan(
        output=OutputSpec(320, 320),
        scenes=(Scene(duration=0.5, main=PhotoLayer(photo, Box(0, 0, 320, 320), "cover",
                                                    KenBurns()),
                      overlays=(Overlay(card, 10, 10, start=0.1),)),),
        audio=AudioPlan(music=tone(weird / "m:u,s'ic.wav", 1.0, 300)),
    )
    out = render_video(plan, weird / "out [final].mp4")
    assert probe(out.path).frames == 15


def test_bad_plans_get_clear_errors(media: Path, tmp_path: Path) -> None:
    photo = solid(media / "p.jpg", (100, 100), (1, 2, 3))
    with pytest.raises(RenderError, match="colour"):
        render_video(RenderPlan(OutputSpec(64, 64), (Scene(1.0, background_color="red"),)),
                     tmp_path / "a.mp4")
    with pytest.raises(RenderError, match="scene 1"):
        render_video(RenderPlan(OutputSpec(64, 64), (Scene(0.2), Scene(1.0)),
                                (Transition("fade", 0.5),)), tmp_path / "b.mp4")
    with pytest.raises(RenderError, match="zoom"):
        render_video(RenderPlan(OutputSpec(64, 64), (Scene(1.0, main=PhotoLayer(
            photo, Box(0, 0, 64, 64), "cover", KenBurns(0.5, 1.0))),)), tmp_path / "c.mp4")
    with pytest.raises(RenderError, match="folder"):
        render_video(RenderPlan(OutputSpec(64, 64), (Scene(1.0),)),
                     tmp_path / "missing" / "d.mp4")
    assert not any(tmp_path.glob("*.mp4"))


def test_a_broken_photo_in_a_slideshow_is_named_and_leaves_nothing(
    media: Path, tmp_path: Path
) -> None:
    # the slideshow's scenes are prepared on a helper thread while the previous one plays: a
    # photo that only fails when decoded in full still names itself and stops the render
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    good = solid(media / "good.jpg", (400, 400), (200, 40, 40))
    whole = solid(media / "whole.jpg", (400, 400), (40, 40, 200)).read_bytes()
    cut = media / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 3])  # the header reads fine, the pixels do not
    plan = RenderPlan(output=OutputSpec(320, 320), scenes=tuple(
        Scene(duration=1.0, main=PhotoLayer(p, Box(0, 0, 320, 320), "cover", KenBurns()))
        for p in (good, cut)), transitions=(Transition("fade", 0.3),))  # fmt: skip
    with pytest.raises(RenderError, match="cut.jpg"):
        render_video(plan, out_dir / "video.mp4")
    assert list(out_dir.iterdir()) == []
