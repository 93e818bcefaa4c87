"""Measured video features, offline: what the ``local`` AI service reports.

Everything is measured from decoded pixels and samples, with ffmpeg and numpy:
- frames are decoded once at 10 fps as small RGB images (luma derived from them);
- scene cuts: a jump in the colour histograms between neighbouring frames;
- motion in the first 3 s: mean absolute frame difference (0 = still, 1 = every pixel flips);
- brightness: mean luma 0..1; contrast: RMS contrast (std of luma, 0..~0.5);
- text outside the safe zones (approximate): several consecutive rows dense with strong
  horizontal-gradient strokes (what a line of caption text looks like) in the top 10 % or
  bottom 20 % of the frame, where platform buttons and captions sit;
- loudness: integrated loudness in LUFS from ffmpeg's ``ebur128`` filter (None without audio).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from studio.ai.clips import probe, run_ffmpeg
from studio.contracts import PluginError
from studio.media_tools import run as run_tool

SAMPLE_FPS = 10
WIDTH = 128  # analysis width; height follows the aspect ratio

# platform -> (shortest, longest) seconds that work well
PLATFORM_DURATIONS: dict[str, tuple[float, float]] = {
    "tiktok": (5.0, 60.0),
    "reels": (3.0, 90.0),
    "shorts": (3.0, 60.0),
    "meta_feed": (1.0, 30.0),
}


@dataclass(frozen=True)
class Measured:
    duration: float
    width: int
    height: int
    scene_cuts: int
    cut_times: list[float]
    motion_first_3s: float
    brightness: float
    contrast: float
    text_outside_safe_zone: bool
    loudness_lufs: float | None
    platform_fit: dict[str, bool]


def decode_frames(path: Path, width: int, height: int) -> np.ndarray:
    """(frames, height, width, 3) float32 RGB in 0..1, at ``SAMPLE_FPS``."""
    args = ["-v", "error", "-i", str(path), "-vf",
            f"fps={SAMPLE_FPS},scale={width}:{height},format=rgb24", "-f", "rawvideo", "-"]
    done = run_ffmpeg(args, f"decode {path.name}")
    data = np.frombuffer(done.stdout, dtype=np.uint8)
    size = width * height * 3
    count = data.size // size
    if count == 0:
        raise PluginError(f"{path.name} has no decodable frames")
    return data[: count * size].reshape(count, height, width, 3).astype(np.float32) / 255


def loudness(path: Path) -> float | None:
    args = ["-nostats", "-v", "info", "-i", str(path), "-map", "0:a:0",
            "-af", "ebur128", "-f", "null", "-"]
    # the measurement is on stderr; a file it cannot measure has no loudness (None), not an
    # error, so a failed run is looked at rather than raised
    done = run_tool("ffmpeg", args, what=f"measure the loudness of {path.name}", check=False)
    text = done.stderr.decode("utf-8", "replace")
    summary = text[text.rfind("Summary:"):] if "Summary:" in text else ""
    match = re.search(r"I:\s+(-?[\d.]+|-inf)\s+LUFS", summary)
    if done.returncode != 0 or not match or match.group(1) == "-inf":
        return None
    return float(match.group(1))


def scene_cuts(rgb: np.ndarray, threshold: float = 0.5, min_gap: int = 3) -> list[int]:
    """Frame indexes where a new shot starts (colour histogram jump, ``min_gap`` apart)."""
    hist = np.stack([
        np.concatenate([np.histogram(f[..., c], bins=16, range=(0, 1))[0] for c in range(3)])
        for f in rgb
    ]).astype(float)
    hist /= np.maximum(hist.sum(axis=1, keepdims=True) / 3, 1)
    jumps = np.abs(np.diff(hist, axis=0)).sum(axis=1) / 6  # 0..1 share of pixels that moved
    cuts: list[int] = []
    for index, jump in enumerate(jumps, start=1):
        if jump >= threshold and (not cuts or index - cuts[-1] >= min_gap):
            cuts.append(index)
    return cuts


def text_outside_safe_zone(frames: np.ndarray) -> bool:
    """Approximate: a caption-like line (>= 4 rows where > 8 % of pixels are strong horizontal
    edges, in the typical frame) inside an unsafe band. Tuned at 128 px analysis width."""
    height = frames.shape[1]
    bands = [frames[:, : max(1, height // 10)], frames[:, height - height // 5:]]
    for band in bands:
        edges = np.abs(np.diff(band, axis=2)) > 0.25
        rows = np.median(edges.mean(axis=2), axis=0)  # edge share per row, typical frame
        if int((rows > 0.08).sum()) >= 4:
            return True
    return False


def measure(path: Path) -> Measured:
    info = probe(Path(path))
    height = max(2, int(round(WIDTH * info.height / max(info.width, 1) / 2)) * 2)
    rgb = decode_frames(Path(path), WIDTH, height)
    frames = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)  # luma
    first = frames[: 3 * SAMPLE_FPS]
    motion = float(np.abs(np.diff(first, axis=0)).mean()) if len(first) > 1 else 0.0
    cuts = scene_cuts(rgb)
    duration = info.duration
    fit = {name: low <= duration <= high for name, (low, high) in PLATFORM_DURATIONS.items()}
    return Measured(
        duration=duration, width=info.width, height=info.height,
        scene_cuts=len(cuts), cut_times=[c / SAMPLE_FPS for c in cuts],
        motion_first_3s=round(motion, 4),
        brightness=round(float(frames.mean()), 4),
        contrast=round(float(frames.std(axis=(1, 2)).mean()), 4),
        text_outside_safe_zone=text_outside_safe_zone(frames),
        loudness_lufs=loudness(Path(path)) if info.has_audio else None,
        platform_fit=fit,
    )
