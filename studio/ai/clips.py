"""Clip handling with ffmpeg: probe, normalize, sample frames.

A provider's clip arrives in whatever size, rate and audio layout the provider chose. A
template's AI-clip slot wants exactly its size, 30 fps, yuv420p and one stereo audio track
(silent if the provider sent none), so the renderer can treat every clip the same. ffmpeg
and the probe are the studio's one runner and probe (:mod:`studio.media_tools`); their
errors become the plugin's, with ffmpeg's own complaint in the message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from studio.contracts import AspectRatio, PluginError
from studio.media_tools import MediaInfo, MediaToolError
from studio.media_tools import probe as probe_video
from studio.media_tools import run as run_tool

SLOT_SIZES: dict[str, tuple[int, int]] = {
    "9:16": (1080, 1920),
    "1:1": (1080, 1080),
    "16:9": (1920, 1080),
    "4:5": (1080, 1350),
}


ClipInfo = MediaInfo  # what a clip's probe says (size, rate, duration, audio)


def slot_size(aspect_ratio: AspectRatio, *, preview: bool = False) -> tuple[int, int]:
    width, height = SLOT_SIZES[aspect_ratio]
    if preview:  # half size, kept even: yuv420p needs even dimensions
        return (width // 4 * 2, height // 4 * 2)
    return (width, height)


def run_ffmpeg(args: list[str], what: str) -> subprocess.CompletedProcess[bytes]:
    """The studio's ffmpeg (:func:`studio.media_tools.run`), failing as a plugin does."""
    try:
        return run_tool("ffmpeg", args, what=what)
    except MediaToolError as exc:
        raise PluginError(str(exc)) from exc


def probe(path: Path) -> ClipInfo:
    if not Path(path).is_file():
        raise PluginError(f"video file {path} does not exist")
    try:
        return probe_video(Path(path))
    except MediaToolError as exc:
        raise PluginError(str(exc)) from exc


def normalize_clip(
    source: Path,
    target: Path,
    *,
    width: int,
    height: int,
    fps: int = 30,
    max_duration: float | None = None,
) -> ClipInfo:
    """Re-encode ``source`` to fill ``width``x``height`` (cover crop) at ``fps`` with audio.

    The file appears at ``target`` only when complete (written to a temporary name first).
    """
    info = probe(source)
    width, height = width // 2 * 2, height // 2 * 2  # yuv420p needs even dimensions
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".mp4", dir=target.parent)
    os.close(fd)
    video_filter = (
        f"[0:v]scale={width}:{height}:force_original_aspect_ratio=increase,"
        f"crop={width}:{height},setsar=1,fps={fps},format=yuv420p[v]"
    )
    args = ["-y", "-v", "error", "-i", str(source)]
    if info.has_audio:
        audio_filter = "[0:a]aresample=48000,aformat=channel_layouts=stereo[a]"
    else:
        # a bounded silent source: -shortest does not stop an endless lavfi input in a graph
        args += ["-f", "lavfi", "-t", f"{max(info.duration, 0.1):.3f}",
                 "-i", "anullsrc=r=48000:cl=stereo"]
        audio_filter = "[1:a]anull[a]"
    args += ["-filter_complex", f"{video_filter};{audio_filter}", "-map", "[v]", "-map", "[a]"]
    args += ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-c:a", "aac",
             "-b:a", "128k", "-movflags", "+faststart", "-shortest"]
    if max_duration is not None and max_duration < info.duration:
        args += ["-t", f"{max_duration:.3f}"]
    args += [tmp_name]
    try:
        run_ffmpeg(args, f"normalize the clip {Path(source).name}")
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return probe(target)


def sample_frames(path: Path, count: int = 6, *, max_side: int = 768) -> list[bytes]:
    """``count`` JPEG frames spread evenly over the clip, for services that read images."""
    info = probe(path)
    duration = max(info.duration, 0.1)
    workdir = Path(tempfile.mkdtemp(prefix="studio-frames-"))
    try:
        # one ffmpeg pass, ``count`` frames evenly spread (one process, not ``count``)
        rate = count / duration
        run_ffmpeg(
            ["-y", "-v", "error", "-i", str(path), "-vf",
             f"fps={rate:.6f},"
             f"scale='min({max_side},iw)':'min({max_side},ih)':force_original_aspect_ratio=decrease",
             "-frames:v", str(count), "-q:v", "4", str(workdir / "f%03d.jpg")],
            f"sample frames of {Path(path).name}",
        )
        frames = [p.read_bytes() for p in sorted(workdir.glob("f*.jpg"))]
        if not frames:
            raise PluginError(f"no frames could be read from {Path(path).name}")
        return frames
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
