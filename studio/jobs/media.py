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


def probe(path: Path) -> Probe:
    """Read duration and size with ffprobe; a file ffprobe cannot read is not a video."""
    try:
        completed = subprocess.run(
            ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
             str(path)],
            capture_output=True, check=True, timeout=60,
        )
    except subprocess.CalledProcessError as exc:
        reason = exc.stderr.decode("utf-8", "replace").strip()[-300:]
        message = f"the rendered file {path.name} is not a playable video: {reason}"
        raise PermanentError(message) from exc
    info = json.loads(completed.stdout)
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
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", f"{max(at, 0):.3f}", "-i", str(video),
         "-frames:v", "1", "-q:v", "3", str(poster)],
        capture_output=True, check=True, timeout=60,
    )
    if not poster.is_file() or poster.stat().st_size == 0:
        raise PermanentError(f"could not take a poster frame from {video.name}")
    return poster
