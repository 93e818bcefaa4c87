"""Ken Burns motion is smooth and exact; colours stay true; renders are deterministic."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.render import render_video
from studio.render.plan import (
    Box,
    KenBurns,
    OutputSpec,
    Overlay,
    PhotoLayer,
    RenderPlan,
    Scene,
)

from .helpers import frame_hashes, frames

FPS = 30
PHOTO = 1200  # square photo, shown with fit=cover in a square box
BOX = 540
LINE_X = 1000  # a dark line at photo columns 1000..1005 (right of the centre), ~2.7 px on screen
LINE_W = 6


def line_photo(path: Path) -> Path:
    pixels = np.full((PHOTO, PHOTO, 3), 225, dtype=np.uint8)
    pixels[:, LINE_X:LINE_X + LINE_W] = 20
    Image.fromarray(pixels).save(path)
    return path


def ideal_line_x(zoom: float) -> float:
    """Where the line's centre lands in the box: zoom about the photo centre, cover fit."""
    scale = BOX / PHOTO * zoom
    return BOX / 2 + (LINE_X + LINE_W / 2 - PHOTO / 2) * scale


def line_centroids(video: np.ndarray) -> np.ndarray:
    """Sub-pixel x of the dark line in each frame (darkness-weighted, averaged over rows)."""
    centroids = []
    for frame in video.astype(np.float64):
        darkness = np.clip(frame.mean(axis=0).max() - frame.mean(axis=0), 0, None)
        peak = int(np.argmax(darkness))
        lo, hi = peak - 4, peak + 5
        xs = np.arange(lo, hi) + 0.5  # pixel centres
        weights = darkness[lo:hi]
        centroids.append(float((xs * weights).sum() / weights.sum()))
    return np.array(centroids)


def check_path(measured: np.ndarray, ideal: np.ndarray) -> tuple[int, float]:
    """(frames where the line stalled or stepped back, worst frame-to-frame error in px)."""
    steps, ideal_steps = np.diff(measured), np.diff(ideal)
    return int((steps <= 0).sum()), float(np.abs(steps - ideal_steps).max())


def ideal_path(n: int, z0: float, z1: float) -> np.ndarray:
    return np.array([ideal_line_x(z0 + (z1 - z0) * k / (n - 1)) for k in range(n)])


# Lossless encoding (crf=0) isolates the renderer's motion: at CRF 16-23 x264's quantizing
# alone moves a line's measured centre by up to ~0.2 px, whatever made the frames.
# 4 s: slow (~0.15 px a frame, where whole-pixel crops stall); 1 s: faster (~0.6 px a frame)
@pytest.mark.parametrize("seconds", [4.0, 1.0], ids=["slow", "fast"])
def test_ken_burns_line_moves_every_frame_on_the_ideal_path(
    tmp_path: Path, seconds: float
) -> None:
    z0, z1 = 1.0, 1.1
    plan = RenderPlan(
        output=OutputSpec(BOX, BOX, FPS, crf=0),
        scenes=(Scene(duration=seconds, main=PhotoLayer(
            line_photo(tmp_path / "line.png"), Box(0, 0, BOX, BOX), "cover",
            KenBurns(start_zoom=z0, end_zoom=z1))),),
    )
    out = render_video(plan, tmp_path / "kb.mp4").path
    # the middle rows only: the line spans the full height, so this averages encoder noise
    video = frames(out, gray=True)[:, BOX // 4: 3 * BOX // 4, :]
    n = len(video)
    assert n == round(seconds * FPS)
    measured = line_centroids(video)
    ideal = ideal_path(n, z0, z1)
    assert 0.1 < np.diff(ideal).min() < 0.7  # slow enough for whole-pixel crops to stall
    stalls, worst = check_path(measured, ideal)
    assert stalls == 0, f"the line stalled or stepped back on {stalls} frames"
    assert worst <= 0.25, f"worst frame-to-frame error {worst:.3f} px"
    assert np.abs(measured - ideal).max() <= 0.25


def test_the_smoothness_measure_catches_zoompan_stalls(tmp_path: Path) -> None:
    """The same measurement on ffmpeg's zoompan (whole-pixel crops) fails, as documented."""
    photo = line_photo(tmp_path / "line.png")
    out = tmp_path / "zoompan.mp4"
    zoom = "z='1+0.1*on/119':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':d=120:s=540x540:fps=30"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(photo), "-vf", f"zoompan={zoom},format=yuv420p",
         "-c:v", "libx264", "-crf", "0", "-frames:v", "120", str(out)], check=True,
    )
    video = frames(out, gray=True)[:, BOX // 4: 3 * BOX // 4, :]
    stalls, worst = check_path(line_centroids(video), ideal_path(len(video), 1.0, 1.1))
    assert stalls > 10 and worst > 0.25


def patches_photo(path: Path, size: tuple[int, int]) -> Path:
    """Red, green, blue and grey quarters (saved as JPEG: decodes as full-range YUV)."""
    w, h = size
    pixels = np.zeros((h, w, 3), dtype=np.uint8)
    pixels[: h // 2, : w // 2] = (215, 30, 30)
    pixels[: h // 2, w // 2:] = (30, 190, 60)
    pixels[h // 2:, : w // 2] = (40, 60, 210)
    pixels[h // 2:, w // 2:] = (128, 128, 128)
    Image.fromarray(pixels).save(path, quality=98, subsampling=0)
    return path


EXPECTED = {"red": (215, 30, 30), "green": (30, 190, 60), "blue": (40, 60, 210),
            "grey": (128, 128, 128)}


def quadrant_means(frame: np.ndarray, box: Box) -> dict[str, np.ndarray]:
    x, y, w, h = box.x, box.y, box.w, box.h
    m = 12  # stay away from edges softened by chroma subsampling and scaling

    def mean(x0: int, y0: int) -> np.ndarray:
        return frame[y0 + m: y0 + h // 2 - m, x0 + m: x0 + w // 2 - m].reshape(-1, 3).mean(0)

    return {"red": mean(x, y), "green": mean(x + w // 2, y), "blue": mean(x, y + h // 2),
            "grey": mean(x + w // 2, y + h // 2)}


def test_colours_stay_true_in_moving_still_and_overlay_layers(tmp_path: Path) -> None:
    photo = patches_photo(tmp_path / "patches.jpg", (400, 400))
    card = tmp_path / "card.png"
    Image.open(patches_photo(tmp_path / "card.jpg", (160, 160))).convert("RGBA").save(card)
    moving_box, still_box = Box(0, 0, 200, 200), Box(220, 0, 200, 200)
    plan = RenderPlan(
        output=OutputSpec(440, 440, FPS, crf=12),
        scenes=(
            Scene(duration=1.0, background_color="#808080",
                  main=PhotoLayer(photo, moving_box, "cover", KenBurns(1.0, 1.0001)),
                  overlays=(Overlay(card, 20, 240),)),
            Scene(duration=1.0, background_color="#808080",
                  main=PhotoLayer(photo, still_box, "cover", None),
                  overlays=(Overlay(card, 240, 240, start=0.2),)),
        ),
    )
    video = frames(render_video(plan, tmp_path / "colours.mp4").path)
    checks = {
        "Ken Burns photo": quadrant_means(video[15], moving_box),
        "whole-scene overlay": quadrant_means(video[15], Box(20, 240, 160, 160)),
        "still photo": quadrant_means(video[45], still_box),
        "timed overlay": quadrant_means(video[45], Box(240, 240, 160, 160)),
    }
    for layer, means in checks.items():
        for name, want in EXPECTED.items():
            got = means[name]
            assert np.abs(got - np.array(want)).max() <= 6, f"{layer} {name}: {got} vs {want}"


def test_same_plan_gives_identical_frames(tmp_path: Path) -> None:
    photo = patches_photo(tmp_path / "p.jpg", (500, 300))
    plan = RenderPlan(
        output=OutputSpec(320, 320, FPS),
        scenes=(Scene(duration=1.0, main=PhotoLayer(photo, Box(0, 0, 320, 320), "contain_blur",
                                                    KenBurns(1.0, 1.2, (0.4, 0.5), (0.6, 0.5)))),),
    )
    first = frame_hashes(render_video(plan, tmp_path / "a.mp4").path)
    second = frame_hashes(render_video(plan, tmp_path / "b.mp4").path)
    assert len(first) == 30
    assert first == second
    assert len(set(first)) == 30  # and the motion really changes every frame
