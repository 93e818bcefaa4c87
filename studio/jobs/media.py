"""Checking a finished render before it is stored: probe it, take its poster frame.

The probe is the studio's one (:func:`studio.media_tools.probe`: an MP4 is read in this
process, ffprobe asked only about what that cannot tell); a file it cannot read is not a
video, a permanent error of the render.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from studio.jobs.errors import PermanentError
from studio.media_tools import MediaInfo, MediaToolError, read_mp4
from studio.media_tools import probe as probe_video
from studio.media_tools import run as run_tool


def probe(path: Path) -> MediaInfo:
    """Duration and size; a file that cannot be read as a video is a permanent error."""
    try:
        return probe_video(path)
    except MediaToolError as exc:
        raise PermanentError(
            f"the rendered file {path.name} is not a playable video: {exc}") from exc


def probe_and_poster(video: Path, poster: Path, *, at: float) -> MediaInfo:
    """Probe and poster at once. An MP4 needs no ffprobe: then only the poster runs; another
    file's ffprobe runs beside the poster's ffmpeg, not after it (their start-up is most of
    their cost, and it is paid on the render's critical path)."""
    info = read_mp4(video)
    if info is not None:
        make_poster(video, poster, at=at, fallback=True)
        return info
    with ThreadPoolExecutor(max_workers=1) as beside:
        posted = beside.submit(make_poster, video, poster, at=at, fallback=True)
        info = probe(video)
        posted.result()
    return info


def _poster_args(video: Path, poster: Path, at: float) -> list[str]:
    return ["-v", "error", "-y", "-ss", f"{max(at, 0):.3f}", "-i", str(video), "-an",
            "-frames:v", "1", "-q:v", "3", str(poster)]


def make_poster(video: Path, poster: Path, *, at: float, fallback: bool = False) -> Path:
    """A JPEG of the frame at ``at`` seconds (written to ``poster``); with ``fallback``, the
    first frame when there is none at ``at`` (a seek past a very short video)."""
    failure: MediaToolError | None = None
    for when in (at, 0.0) if fallback and at > 0 else (at,):
        try:
            run_tool("ffmpeg", _poster_args(video, poster, when),
                     what=f"take a poster frame from {video.name}", timeout=60)
        except MediaToolError as exc:
            failure = exc
        if poster.is_file() and poster.stat().st_size > 0:
            return poster
    reason = f": {failure}" if failure is not None else ""
    raise PermanentError(f"could not take a poster frame from {video.name}{reason}")
