"""Checking a finished render before it is stored: probe it, take its poster frame."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from studio.jobs.errors import PermanentError


@dataclass(frozen=True)
class Probe:
    duration: float
    width: int
    height: int
    has_audio: bool


def _probe_command(path: Path) -> list[str]:
    return ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
            str(path)]


def _poster_command(video: Path, poster: Path, at: float) -> list[str]:
    return ["ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", f"{max(at, 0):.3f}", "-i",
            str(video), "-an", "-frames:v", "1", "-q:v", "3", str(poster)]


def probe_and_poster(video: Path, poster: Path, *, at: float) -> Probe:
    """Probe and poster at once: two short processes side by side, not one after the other
    (their start-up is most of their cost, and it is paid on the render's critical path)."""
    prober = subprocess.Popen(_probe_command(video), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    poster_run = subprocess.Popen(_poster_command(video, poster, at),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    out, err = prober.communicate(timeout=60)
    _, poster_err = poster_run.communicate(timeout=60)
    info = _parse_probe(video, prober.returncode, out, err)
    if poster_run.returncode != 0 or not poster.is_file() or poster.stat().st_size == 0:
        # a seek past a very short video gives nothing: fall back to the first frame
        make_poster(video, poster, at=0.0)
    return info


def probe(path: Path) -> Probe:
    """Read duration and size with ffprobe; a file ffprobe cannot read is not a video."""
    completed = subprocess.run(_probe_command(path), capture_output=True, timeout=60)
    return _parse_probe(path, completed.returncode, completed.stdout, completed.stderr)


def _parse_probe(path: Path, code: int | None, out: bytes, err: bytes) -> Probe:
    if code != 0:
        reason = err.decode("utf-8", "replace").strip()[-300:]
        raise PermanentError(f"the rendered file {path.name} is not a playable video: {reason}")
    info = json.loads(out)
    video = next((s for s in info.get("streams", []) if s.get("codec_type") == "video"), None)
    if video is None:
        raise PermanentError(f"the rendered file {path.name} has no video stream")
    duration = float(info.get("format", {}).get("duration") or video.get("duration") or 0)
    if duration <= 0:
        raise PermanentError(f"the rendered file {path.name} has no duration")
    has_audio = any(s.get("codec_type") == "audio" for s in info.get("streams", []))
    return Probe(duration, int(video["width"]), int(video["height"]), has_audio)


def make_poster(video: Path, poster: Path, *, at: float) -> Path:
    """A JPEG of the frame at ``at`` seconds (written to ``poster``)."""
    subprocess.run(_poster_command(video, poster, at), capture_output=True, timeout=60)
    if not poster.is_file() or poster.stat().st_size == 0:
        raise PermanentError(f"could not take a poster frame from {video.name}")
    return poster
