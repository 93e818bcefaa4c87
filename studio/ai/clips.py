"""Clip handling with the ffmpeg/ffprobe binaries: probe, normalize, sample frames.

A provider's clip arrives in whatever size, rate and audio layout the provider chose. A
template's AI-clip slot wants exactly its size, 30 fps, yuv420p and one stereo audio track
(silent if the provider sent none), so the renderer can treat every clip the same.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from studio.contracts import AspectRatio, PluginError

SLOT_SIZES: dict[str, tuple[int, int]] = {
    "9:16": (1080, 1920),
    "1:1": (1080, 1080),
    "16:9": (1920, 1080),
    "4:5": (1080, 1350),
}


@dataclass(frozen=True)
class ClipInfo:
    width: int
    height: int
    fps: float
    duration: float
    has_audio: bool
    video_codec: str = ""
    audio_codec: str = ""
    pix_fmt: str = ""


def slot_size(aspect_ratio: AspectRatio, *, preview: bool = False) -> tuple[int, int]:
    width, height = SLOT_SIZES[aspect_ratio]
    if preview:  # half size, kept even: yuv420p needs even dimensions
        return (width // 4 * 2, height // 4 * 2)
    return (width, height)


def _run(args: list[str], what: str) -> subprocess.CompletedProcess[bytes]:
    try:
        done = subprocess.run(
            args, capture_output=True, stdin=subprocess.DEVNULL, check=False, timeout=600
        )
    except FileNotFoundError:
        raise PluginError(f"{args[0]} is not installed; install ffmpeg to {what}") from None
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise PluginError(f"ffmpeg could not {what}: {' | '.join(tail)}")
    return done


def probe(path: Path) -> ClipInfo:
    if not Path(path).is_file():
        raise PluginError(f"video file {path} does not exist")
    out = _run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        f"read {Path(path).name}",
    )
    data = json.loads(out.stdout or b"{}")
    streams = data.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None:
        raise PluginError(f"{Path(path).name} has no video stream; the provider sent a bad file")
    rate = video.get("avg_frame_rate") or video.get("r_frame_rate") or "0/1"
    try:
        fps = float(Fraction(rate)) if rate != "0/0" else 0.0
    except (ValueError, ZeroDivisionError):
        fps = 0.0
    duration = float(data.get("format", {}).get("duration") or video.get("duration") or 0)
    return ClipInfo(
        width=int(video.get("width", 0)),
        height=int(video.get("height", 0)),
        fps=round(fps, 3),
        duration=duration,
        has_audio=audio is not None,
        video_codec=str(video.get("codec_name", "")),
        audio_codec=str(audio.get("codec_name", "")) if audio else "",
        pix_fmt=str(video.get("pix_fmt", "")),
    )


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
    args = ["ffmpeg", "-y", "-v", "error", "-i", str(source)]
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
        _run(args, f"normalize the clip {Path(source).name}")
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
        _run(
            ["ffmpeg", "-y", "-v", "error", "-i", str(path), "-vf",
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
