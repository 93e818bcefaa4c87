"""Checking a finished render before it is stored: probe it, take its poster frame.

An MP4 is probed in this process by reading its box structure (a millisecond); ffprobe — a
process start, ~0.1 s of CPU on every render — is asked only about files that reading does
not understand (another container, an unusual layout, a damaged file).
"""

from __future__ import annotations

import json
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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
    (their start-up is most of their cost, and it is paid on the render's critical path).
    An MP4 needs no ffprobe: then only the poster runs."""
    info = read_mp4(video)
    if info is not None:
        make_poster(video, poster, at=at, fallback=True)
        return info
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
    """Duration and size; a file that cannot be read as a video is a permanent error."""
    return read_mp4(path) or probe_with_ffprobe(path)


def probe_with_ffprobe(path: Path) -> Probe:
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


def make_poster(video: Path, poster: Path, *, at: float, fallback: bool = False) -> Path:
    """A JPEG of the frame at ``at`` seconds (written to ``poster``); with ``fallback``, the
    first frame when there is none at ``at`` (a seek past a very short video)."""
    subprocess.run(_poster_command(video, poster, at), capture_output=True, timeout=60)
    if fallback and at > 0 and (not poster.is_file() or poster.stat().st_size == 0):
        subprocess.run(_poster_command(video, poster, 0.0), capture_output=True, timeout=60)
    if not poster.is_file() or poster.stat().st_size == 0:
        raise PermanentError(f"could not take a poster frame from {video.name}")
    return poster


# --- MP4 in this process ----------------------------------------------------------------------

_MAX_HEADER_BOX = 64 * 1024 * 1024  # a moov larger than this is not a render of ours


def read_mp4(path: Path) -> Probe | None:
    """Duration, size and audio of an MP4 from its boxes, or None when the file is not one
    this reader fully understands (ffprobe decides then).

    What it checks is what ffprobe's answer was used for: the file is whole (its top-level
    boxes end exactly at the end of the file; a truncated file does not), it has media data,
    a movie header with a duration and a video track with a size.
    """
    try:
        with path.open("rb") as stream:
            size = path.stat().st_size
            top = _boxes(stream, 0, size)
            kinds = [kind for kind, _, _ in top]
            if not kinds or kinds[0] != b"ftyp" or b"moov" not in kinds or b"mdat" not in kinds:
                return None
            _, start, end = next(box for box in top if box[0] == b"moov")
            if end - start > _MAX_HEADER_BOX:
                return None
            stream.seek(start)
            return _parse_moov(stream.read(end - start))
    except (OSError, ValueError, struct.error, StopIteration):
        return None


def _boxes(stream: BinaryIO, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of the boxes from ``start`` to ``end`` in a file;
    ValueError unless they tile that range exactly."""
    found = []
    offset = start
    while offset < end:
        stream.seek(offset)
        header = stream.read(16)
        if len(header) < 8:
            raise ValueError("truncated box header")
        length, kind = struct.unpack(">I4s", header[:8])
        payload = offset + 8
        if length == 1:  # a 64-bit size follows (a large mdat)
            (length,) = struct.unpack(">Q", header[8:16])
            payload += 8
        elif length == 0:  # the last box runs to the end of the file
            length = end - offset
        if length < payload - offset or offset + length > end:
            raise ValueError(f"box {kind!r} runs past the end of the file")
        found.append((kind, payload, offset + length))
        offset += length
    return found


def _children(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    found = []
    offset = start
    while offset + 8 <= end:
        length, kind = struct.unpack_from(">I4s", data, offset)
        payload = offset + 8
        if length == 1:
            (length,) = struct.unpack_from(">Q", data, offset + 8)
            payload += 8
        elif length == 0:
            length = end - offset
        if length < payload - offset or offset + length > end:
            raise ValueError(f"box {kind!r} runs past its parent")
        found.append((kind, payload, offset + length))
        offset += length
    if offset != end:
        raise ValueError("boxes do not fill their parent")
    return found


def _parse_moov(moov: bytes) -> Probe | None:
    duration = 0.0
    video_size: tuple[int, int] | None = None
    has_audio = False
    for kind, start, end in _children(moov, 0, len(moov)):
        if kind == b"mvhd":
            version = moov[start]
            if version == 1:
                timescale, ticks = struct.unpack_from(">IQ", moov, start + 20)
            else:
                timescale, ticks = struct.unpack_from(">II", moov, start + 12)
            duration = ticks / timescale if timescale else 0.0
        elif kind == b"trak":
            handler, size = _track(moov, start, end)
            if handler == b"vide" and size and video_size is None:
                video_size = size
            has_audio = has_audio or handler == b"soun"
    if video_size is None or duration <= 0:
        return None  # ffprobe gives the precise reason
    return Probe(round(duration, 6), video_size[0], video_size[1], has_audio)


def _track(data: bytes, start: int, end: int) -> tuple[bytes, tuple[int, int] | None]:
    handler = b""
    size: tuple[int, int] | None = None
    for kind, begin, finish in _children(data, start, end):
        if kind == b"tkhd":
            # width and height are the last 8 bytes, 16.16 fixed point
            width, height = struct.unpack_from(">II", data, finish - 8)
            if width >> 16 and height >> 16:
                size = (width >> 16, height >> 16)
        elif kind == b"mdia":
            for inner, at, _ in _children(data, begin, finish):
                if inner == b"hdlr":
                    handler = data[at + 8:at + 12]
    return handler, size
