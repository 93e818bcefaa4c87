"""The one place the studio finds and runs ffmpeg and ffprobe, and its one video probe.

- :func:`binary` — the configured executable: ``STUDIO_FFMPEG_BINARY`` (or ``FFMPEG_BINARY``,
  the name other tools use) and ``STUDIO_FFPROBE_BINARY``; without the latter, the ffprobe
  next to a configured ffmpeg (a build's pair stays together), else the one on PATH.
- :func:`run` — runs one with stdin closed (ffmpeg otherwise reads the terminal, or waits on
  a worker's inherited stdin) and a timeout; a failure raises :class:`MediaToolError`, whose
  message ends with the tail of stderr, where ffmpeg says what went wrong.
- :func:`probe` — duration, size, frame rate and audio of a video: an MP4 is read in this
  process from its boxes (a millisecond); ffprobe (a process start, ~0.1 s of CPU) is asked
  only about what that reading cannot tell (another container, an unusual layout, a damaged
  file).

The renderer runs its own long-lived ffmpeg processes (progress, frame pipes) but takes the
executable from :func:`binary` too.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO, Literal

from studio.config import get_settings

Tool = Literal["ffmpeg", "ffprobe"]
DEFAULT_TIMEOUT = 600.0  # seconds: a long clip's re-encode; probes pass a shorter one
PROBE_TIMEOUT = 60.0
TAIL_LINES = 3  # of stderr in the message: ffmpeg's reason is on its last lines


class MediaToolError(RuntimeError):
    """ffmpeg/ffprobe is missing, failed or ran out of time; the message says which, for
    what, and ends with the tail of its stderr. ``stderr`` keeps the whole of it."""

    def __init__(self, message: str, *, stderr: str = "", returncode: int | None = None) -> None:
        super().__init__(message)
        self.stderr = stderr
        self.returncode = returncode


def binary(tool: Tool) -> str:
    """The executable of ``tool`` the settings name (see the module docstring)."""
    settings = get_settings()
    configured = settings.ffmpeg_binary if tool == "ffmpeg" else settings.ffprobe_binary
    if not configured and tool == "ffprobe" and settings.ffmpeg_binary:
        ffmpeg = Path(settings.ffmpeg_binary)
        sibling = ffmpeg.with_name(ffmpeg.name.replace("ffmpeg", "ffprobe"))
        if sibling != ffmpeg and ffmpeg.parent != Path() and shutil.which(sibling):
            configured = str(sibling)
    found = shutil.which(configured or tool)
    if found is None:
        setting = f"STUDIO_{tool.upper()}_BINARY"
        raise MediaToolError(
            f"{configured} (set by {setting}) is not an executable" if configured else
            f"{tool} is not installed; install ffmpeg (e.g. apt-get install ffmpeg) or set "
            f"{setting} to its path")
    return found


def tail(stderr: str, lines: int = TAIL_LINES) -> str:
    """The last ``lines`` non-empty lines of ``stderr``, on one line."""
    kept = [line.strip() for line in stderr.strip().splitlines() if line.strip()][-lines:]
    return " | ".join(kept)[-600:]


def run(tool: Tool, args: Sequence[str], *, what: str, timeout: float = DEFAULT_TIMEOUT,
        check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run ``tool`` with ``args``, output captured; ``what`` completes "ffmpeg could not …"
    in an error. With ``check=False`` a non-zero exit is returned, not raised (a caller that
    reads a measurement from stderr either way)."""
    command = [binary(tool), *args]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        stderr = _text(exc.stderr)
        raise MediaToolError(f"{tool} could not {what}: no result after {timeout:g} s"
                             + (f": {tail(stderr)}" if stderr.strip() else ""),
                             stderr=stderr) from None
    except OSError as exc:  # vanished or not executable between binary() and here
        raise MediaToolError(f"{tool} could not {what}: cannot start {command[0]}: {exc}") \
            from exc
    if check and done.returncode != 0:
        stderr = _text(done.stderr)
        raise MediaToolError(
            f"{tool} could not {what}: {tail(stderr) or f'exit code {done.returncode}'}",
            stderr=stderr, returncode=done.returncode)
    return done


def _text(output: bytes | str | None) -> str:
    if isinstance(output, bytes):
        return output.decode("utf-8", "replace")
    return output or ""


@dataclass(frozen=True)
class MediaInfo:
    duration: float
    width: int
    height: int
    has_audio: bool
    fps: float = 0.0  # average frames per second, 3 decimals (0.0: unknown)


def probe(path: Path) -> MediaInfo:
    """What :class:`MediaInfo` says of the video at ``path``; :class:`MediaToolError` when it
    is not a video (unreadable, no video stream, no duration)."""
    return read_mp4(Path(path)) or probe_with_ffprobe(Path(path))


def probe_with_ffprobe(path: Path) -> MediaInfo:
    done = run("ffprobe", ["-v", "error", "-print_format", "json", "-show_format",
                           "-show_streams", str(path)],
               what=f"read {path.name}", timeout=PROBE_TIMEOUT)
    info = json.loads(done.stdout or b"{}")
    streams = info.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    if video is None:
        raise MediaToolError(f"{path.name} has no video stream")
    duration = float(info.get("format", {}).get("duration") or video.get("duration") or 0)
    if duration <= 0:
        raise MediaToolError(f"{path.name} has no duration")
    has_audio = any(s.get("codec_type") == "audio" for s in streams)
    return MediaInfo(duration, int(video["width"]), int(video["height"]), has_audio,
                     _rate(video.get("avg_frame_rate") or video.get("r_frame_rate")))


def _rate(text: str | None) -> float:
    try:
        return round(float(Fraction(text or "0/1")), 3)
    except (ValueError, ZeroDivisionError):  # "0/0": unknown
        return 0.0


# --- MP4 in this process ----------------------------------------------------------------------

_MAX_HEADER_BOX = 64 * 1024 * 1024  # a moov larger than this is not a video of ours


def read_mp4(path: Path) -> MediaInfo | None:
    """:class:`MediaInfo` of an MP4 from its boxes, or None when the file is not one this
    reader fully understands (ffprobe decides then).

    What it checks is what ffprobe's answer is used for: the file is whole (its top-level
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
    except (OSError, ValueError, struct.error, StopIteration, ZeroDivisionError):
        return None


def _box_at(length: int, payload: int, offset: int, end: int, read64: bytes) -> tuple[int, int]:
    """(payload start, box end) of the box at ``offset`` whose 32-bit size is ``length``."""
    if length == 1:  # a 64-bit size follows (a large mdat)
        (length,) = struct.unpack(">Q", read64)
        payload += 8
    elif length == 0:  # the last box runs to the end of its parent
        length = end - offset
    if length < payload - offset or offset + length > end:
        raise ValueError("a box runs past the end of its parent")
    return payload, offset + length


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
        payload, offset = _box_at(length, offset + 8, offset, end, header[8:16])
        found.append((kind, payload, offset))
    return found


def _children(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    found = []
    offset = start
    while offset + 8 <= end:
        length, kind = struct.unpack_from(">I4s", data, offset)
        payload, offset = _box_at(length, offset + 8, offset, end, data[offset + 8:offset + 16])
        found.append((kind, payload, offset))
    if offset != end:
        raise ValueError("boxes do not fill their parent")
    return found


def _parse_moov(moov: bytes) -> MediaInfo | None:
    duration = 0.0
    video: _Track | None = None
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
            track = _track(moov, start, end)
            if track.handler == b"vide" and track.size and video is None:
                video = track
            has_audio = has_audio or track.handler == b"soun"
    if video is None or video.size is None or duration <= 0:
        return None  # ffprobe gives the precise reason
    return MediaInfo(round(duration, 6), video.size[0], video.size[1], has_audio, video.fps)


@dataclass
class _Track:
    handler: bytes = b""
    size: tuple[int, int] | None = None
    fps: float = 0.0


def _track(data: bytes, start: int, end: int) -> _Track:
    track = _Track()
    for kind, begin, finish in _children(data, start, end):
        if kind == b"tkhd":
            # width and height are the last 8 bytes, 16.16 fixed point
            width, height = struct.unpack_from(">II", data, finish - 8)
            if width >> 16 and height >> 16:
                track.size = (width >> 16, height >> 16)
        elif kind == b"mdia":
            timescale = 0
            for inner, at, stop in _children(data, begin, finish):
                if inner == b"hdlr":
                    track.handler = data[at + 8:at + 12]
                elif inner == b"mdhd":
                    timescale = struct.unpack_from(">I", data, at + (20 if data[at] else 12))[0]
                elif inner == b"minf":
                    track.fps = _frame_rate(data, at, stop, timescale)
    return track


def _frame_rate(data: bytes, start: int, end: int, timescale: int) -> float:
    """Frames per second as ffprobe's ``avg_frame_rate`` gives it: the samples of the time-
    to-sample table (``stts``) over their summed durations."""
    stbl = next(((at, stop) for kind, at, stop in _children(data, start, end)
                 if kind == b"stbl"), None)
    if stbl is None or not timescale:
        return 0.0
    for kind, at, _ in _children(data, *stbl):
        if kind == b"stts":
            (entries,) = struct.unpack_from(">I", data, at + 4)
            pairs = struct.unpack_from(f">{2 * entries}I", data, at + 8)
            frames = sum(pairs[0::2])
            ticks = sum(count * delta for count, delta in zip(pairs[0::2], pairs[1::2],
                                                              strict=True))
            return round(frames * timescale / ticks, 3) if ticks else 0.0
    return 0.0
