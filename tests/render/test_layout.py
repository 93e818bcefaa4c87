"""Frames match the plan's layout: photos where their boxes are, overlays where and when
they should be, transitions that mix the right scenes, clips that play."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from studio.render import render_video
from studio.render.plan import (
    Box,
    ClipLayer,
    KenBurns,
    OutputSpec,
    Overlay,
    PhotoLayer,
    RenderPlan,
    Scene,
    Transition,
)

from .helpers import frames, probe, solid

RED, GREEN, BLUE, WHITE = (220, 30, 30), (30, 200, 60), (30, 60, 220), (250, 250, 250)


def close(pixel: np.ndarray, colour: tuple[int, int, int], tolerance: int = 16) -> bool:
    return bool(np.abs(pixel.astype(int) - np.array(colour)).max() <= tolerance)


def region(frame: np.ndarray, box: Box, margin: int = 6) -> np.ndarray:
    return frame[box.y + margin: box.y + box.h - margin,
                 box.x + margin: box.x + box.w - margin].reshape(-1, 3).mean(axis=0)


@pytest.mark.parametrize("fit", ["cover", "contain", "contain_blur"])
def test_the_photo_is_where_its_box_is(media: Path, tmp_path: Path, fit: str) -> None:
    photo = solid(media / "red.jpg", (300, 300), RED)
    box = Box(40, 100, 200, 120)  # wide box, square photo
    plan = RenderPlan(OutputSpec(320, 320), (Scene(
        1.0, background_color="#1E3CDC",
        main=PhotoLayer(photo, box, fit, KenBurns(1.0, 1.05))),))  # type: ignore[arg-type]
    frame = frames(render_video(plan, tmp_path / "o.mp4").path)[15]
    # the middle of the box is always photo; far outside it is the blue background
    assert close(region(frame, Box(120, 140, 40, 40)), RED)
    assert close(region(frame, Box(0, 0, 320, 80)), BLUE)
    # beside the contained (square, 120 px wide) photo, inside the box:
    beside = region(frame, Box(44, 110, 30, 100), margin=2)
    if fit == "cover":
        assert close(beside, RED)
    elif fit == "contain":
        assert close(beside, BLUE)
    else:  # a blurred copy of the same red photo
        assert close(beside, RED, tolerance=30)


def test_overlays_show_where_and_when_planned(media: Path, tmp_path: Path) -> None:
    card = solid(media / "card.png", (80, 40), (*WHITE, 255), "RGBA")
    late = solid(media / "late.png", (80, 40), (*GREEN, 255), "RGBA")
    plan = RenderPlan(
        OutputSpec(320, 320),
        (Scene(2.0, background_color="#DC1E1E",
               overlays=(Overlay(card, 20, 20),
                         Overlay(late, 200, 250, start=1.0, end=1.5, fade_in=0.2))),),
    )
    video = frames(render_video(plan, tmp_path / "o.mp4").path)
    assert close(region(video[5], Box(20, 20, 80, 40)), WHITE)
    assert close(region(video[5], Box(200, 250, 80, 40)), RED)  # not yet
    assert close(region(video[40], Box(200, 250, 80, 40)), GREEN)  # after its fade-in
    mid_fade = region(video[33], Box(200, 250, 80, 40))
    assert not close(mid_fade, GREEN) and not close(mid_fade, RED)
    assert close(region(video[50], Box(200, 250, 80, 40)), RED)  # gone after 1.5 s


def test_frames_change_over_time_with_ken_burns(media: Path, tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    texture = media / "texture.png"
    from PIL import Image

    Image.fromarray(rng.integers(0, 255, (400, 400, 3), dtype=np.uint8)).save(texture)
    plan = RenderPlan(OutputSpec(240, 240), (Scene(1.0, main=PhotoLayer(
        texture, Box(0, 0, 240, 240), "cover", KenBurns(1.0, 1.3, (0.3, 0.3), (0.7, 0.6)))),))
    video = frames(render_video(plan, tmp_path / "o.mp4").path).astype(int)
    differences = [np.abs(video[k + 1] - video[k]).mean() for k in range(len(video) - 1)]
    assert min(differences) > 1.0


@pytest.mark.parametrize("kind", ["fade", "slideleft", "wipeleft"])
def test_transitions_mix_the_two_scenes(media: Path, tmp_path: Path, kind: str) -> None:
    plan = RenderPlan(
        OutputSpec(320, 180),
        (Scene(1.0, background_color="#DC1E1E"), Scene(1.0, background_color="#1E3CDC")),
        (Transition(kind, 0.4),),  # type: ignore[arg-type]
    )
    out = render_video(plan, tmp_path / "o.mp4").path
    video = frames(out)
    assert len(video) == probe(out).frames == 48
    assert close(region(video[10], Box(0, 0, 320, 180)), RED)
    assert close(region(video[40], Box(0, 0, 320, 180)), BLUE)
    middle = video[24]  # 0.2 s into the 0.4 s transition (starts at frame 18)
    left, right = region(middle, Box(0, 0, 100, 180)), region(middle, Box(220, 0, 100, 180))
    if kind == "fade":
        assert close(left, (125, 45, 125), tolerance=30) and close(right, (125, 45, 125), 30)
    else:  # one scene on one side, the other on the other side
        assert {close(left, RED), close(right, RED)} == {True, False}
        assert {close(left, BLUE), close(right, BLUE)} == {True, False}


def test_a_short_clip_is_looped_to_fill_its_scene(media: Path, tmp_path: Path) -> None:
    clip = media / "clip.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:d=0.6",
         "-pix_fmt", "yuv420p", str(clip)], check=True,
    )
    box = Box(0, 40, 320, 240)
    plan = RenderPlan(OutputSpec(320, 320), (Scene(
        2.0, background_color="#000000", main=ClipLayer(clip, box, "cover")),))
    out = render_video(plan, tmp_path / "o.mp4").path
    video = frames(out).astype(int)
    assert probe(out).frames == 60
    inside = [np.abs(video[k + 1] - video[k])[40:280].mean() for k in range(59)]
    assert sum(d > 0.35 for d in inside) > 40  # it plays (testsrc moves every frame)...
    assert np.abs(video[50] - video[50 - 18])[40:280].mean() < np.abs(
        video[50] - video[41])[40:280].mean()  # ...and loops: 0.6 s later looks the same
    assert video[:, :30].max() < 40  # nothing spills outside its box


@pytest.mark.parametrize("fit", ["contain", "contain_blur"])
def test_a_contained_clip_keeps_its_colours(media: Path, tmp_path: Path, fit: str) -> None:
    clip = media / "red.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=0xDC1E1E:size=320x160:rate=30:d=1",
         "-pix_fmt", "yuv420p", "-colorspace", "bt709", str(clip)], check=True,
    )
    plan = RenderPlan(OutputSpec(320, 320), (Scene(
        1.0, background_color="#1E3CDC", main=ClipLayer(clip, Box(0, 0, 320, 320), fit)),))
    frame = frames(render_video(plan, tmp_path / "o.mp4").path)[10]
    assert close(region(frame, Box(60, 120, 200, 80)), RED, tolerance=20)
    above = region(frame, Box(60, 10, 200, 50))
    assert close(above, RED, tolerance=40) if fit == "contain_blur" else close(above, (0, 0, 0))


def test_a_video_overlay_stays_put_while_scenes_slide(media: Path, tmp_path: Path) -> None:
    badge = solid(media / "badge.png", (60, 40), (*WHITE, 255), "RGBA")
    plan = RenderPlan(
        OutputSpec(320, 180),
        (Scene(1.0, background_color="#DC1E1E"), Scene(1.0, background_color="#1E3CDC")),
        (Transition("slideleft", 0.4),),
        overlays=(Overlay(badge, 130, 70),),
    )
    video = frames(render_video(plan, tmp_path / "o.mp4").path)
    for k in (5, 21, 24, 27, 40):  # before, during and after the slide
        assert close(region(video[k], Box(130, 70, 60, 40)), WHITE), k


def test_a_ken_burns_slideshow_from_one_feed_matches_the_filter_graph(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Scenes that all move, joined by fades and cuts, come from Python as one stream (the
    # cross-fades and the scenes' timed and fading overlays drawn there); the same plan joined
    # in ffmpeg's graph looks the same
    from PIL import Image

    from studio.render import scenes, video

    rng = np.random.default_rng(7)
    photos = []
    for n, tint in enumerate((RED, GREEN, BLUE)):
        noise = rng.integers(0, 60, (200, 200, 3))
        pixels = np.clip(np.array(tint) + noise - 30, 0, 255).astype(np.uint8)
        photos.append(media / f"photo{n}.png")
        Image.fromarray(pixels).save(photos[-1])
    card = solid(media / "card.png", (80, 30), (*WHITE, 255), "RGBA")
    cta = solid(media / "cta.png", (100, 40), (*WHITE, 230), "RGBA")
    soft = np.zeros((36, 90, 4), np.uint8)
    soft[..., :3], soft[..., 3] = (250, 200, 40), np.linspace(0, 255, 90, dtype=np.uint8)
    caption = media / "caption.png"
    Image.fromarray(soft).save(caption)  # alpha from clear to opaque, across the photo
    over_photo = (
        Overlay(caption, 31, 101, start=0.2, end=0.9, fade_in=0.2, fade_out=0.3),  # odd x, y
        Overlay(card, 200, 290, fade_in=0.5),  # partly off the frame's right and bottom edges
    )
    plan = RenderPlan(
        OutputSpec(240, 320, crf=0),  # lossless: the frames as made, not the encoder's guesses
        tuple(Scene(1.0, background_color="#202020", main=PhotoLayer(
            photo, Box(0, 40, 240, 240), "contain_blur", KenBurns(1.0, 1.1)),
            overlays=over_photo if n != 1 else ())
            for n, photo in enumerate(photos)),
        (Transition("fade", 0.4), Transition("cut", 0.0)),
        overlays=(Overlay(card, 10, 5), Overlay(cta, 70, 200, start=2.0, fade_in=0.2)),
    )  # fmt: skip
    joined = []
    one_feed = video.Feeds.joined
    monkeypatch.setattr(video.Feeds, "joined", lambda *a: joined.append(1) or one_feed(*a))
    fed = frames(render_video(plan, tmp_path / "one.mp4").path).astype(int)
    assert joined  # the counting pass and the real one
    monkeypatch.setattr(scenes.SceneParts, "from_python", property(lambda self: False))
    graphed = frames(render_video(plan, tmp_path / "graph.mp4").path).astype(int)
    assert fed.shape == graphed.shape == (78, 320, 240, 3)  # 3 s less one 0.4 s fade
    per_frame = np.abs(fed - graphed).mean(axis=(1, 2, 3))
    # the same pixels but for rounding: a fade's mix is rounded here where xfade truncates,
    # alpha is exact here where ffmpeg keeps 8 bits (≤ 1–2 levels a channel); a fade running
    # the wrong way or a frame late is ~15 levels off
    assert per_frame.max() < 1.0, " ".join(f"{d:.2f}" for d in per_frame)
    worst = np.abs(fed - graphed).max(axis=(1, 2, 3))
    assert worst.max() <= 12, " ".join(str(d) for d in worst)
    # and the fade really mixes: half way through it (frames 18..29), red and green
    assert close(region(fed[24], Box(60, 100, 120, 120)), (125, 115, 45), tolerance=40)
    # the caption shows from 0.2 s (frame 6) to 0.9 s, over the moving photo
    assert close(region(fed[3], Box(100, 104, 20, 28), margin=2), RED, tolerance=45)
    assert close(region(fed[15], Box(100, 104, 20, 28), margin=2), (250, 200, 40), tolerance=45)
