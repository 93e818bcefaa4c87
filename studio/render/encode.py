"""A video made wholly in Python, encoded in this process (PyAV's libx264): no pipe, no graph.

For the one-feed slideshow (``motion.joined_frames``) ffmpeg only read a pipe, drew the call
to action and encoded. Here the frames never leave the process: each scene's buffer is one of
the encoder's own frames (``EncoderFrames``), the Ken Burns warps and cross-fades write into
it, and x264 copies it in ``encode()`` before the next frame is made. That saves pushing
~1.4 GB through a pipe per 15 s video (kernel time on both sides) and ffmpeg's reading,
splitting and re-joining of the frames around the video's timed overlays, which are blended
here with the scenes' rules (``blending``).

The soundtrack keeps its ffmpeg graph (``audio.soundtrack``): one ffmpeg process encodes it
to a temporary M4A while the frames are made, and its packets are muxed into the MP4 next to
the video's; a soundtrack this process encoded before (a batch of one template) is reused
(``soundtracks``). A poster is the Python frame itself, handed to a one-frame ffmpeg JPEG encode.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from studio.render import soundtracks
from studio.render.blending import DrawnOverlay, TimedOverlay
from studio.render.pixels import FramePool, Planes
from studio.render.process import Progress, ffmpeg_environment
from studio.render.scenes import RenderError

PROGRESS_EVERY = 0.5  # seconds between progress reports (ffmpeg's -progress period)


@cache
def available() -> bool:
    """PyAV is installed and its libav has libx264 (PyPI's wheels do; a distro build may not)."""
    try:
        import av

        av.codec.Codec("libx264", "w")
    except Exception:  # no PyAV, or no libx264 in it: the ffmpeg process path stays
        return False
    return True


@cache
def x264_cpu() -> dict[str, str]:
    """libx264 options for this processor: AVX2 at most, never its AVX-512 routines.

    With AVX-512, the x264 in PyAV's wheels (core 165) does not always make the same video of
    the same frames. Measured on 2026-12-08 (product15, each render in a new process, the
    frames handed to x264 hashed and identical every time): two different videos, differing
    in a few macroblocks of some frames (PSNR ~95 dB between them), the second one in 1 render
    of 6, 3 of 8, 2 of 16 — also with every allocation zeroed (glibc's ``M_PERTURB``), after
    ``malloc_trim`` (the remedy tried on 2026-12-07, which held for other frames only by
    luck), with zeros before the luma plane, with every allocation of 4 KB or more a mapping
    of its own, with the encode calls made from a thread that does nothing else (5 of 16); in
    a plain loop feeding x264 the same frames from a file it never varied. With one x264
    thread instead of two frame threads, 16 renders of 16 gave one video: by every sign a race
    between x264's frame threads in its AVX-512 code, which the render's irregular timing
    brings out. Limited to AVX2 (two frame threads) it gave one video in 37 renders of 37: in
    new processes, two at a time and one after another in one worker, at ~3 % more CPU (6.55
    CPU-s against 6.34, 5 pairs)."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        return {}
    return {"x264-params": "asm=avx2"} if " avx512f" in info else {}


class EncoderFrames(FramePool):
    """Frame buffers that x264 reads as they are: each a zeroed numpy array holding the three
    planes back to back (I420), wrapped without a copy in a PyAV frame.

    PyAV's own frames pad every row to an alignment and leave the padding uninitialised; x264
    reads a little past the pixels it is given, and with whatever the allocator left there its
    output changed from run to run (same frames, different bytes). These buffers have no row
    padding and a zeroed tail, so the same frames always give the same video."""

    TAIL_ROWS = 16  # zeros after the last plane, for reads past its end

    def __init__(self, width: int, height: int) -> None:
        super().__init__(width, height)
        self._frames: dict[int, Any] = {}  # address of the luma plane → its av.VideoFrame

    def _new(self) -> Planes:
        import av

        w, h = self.width, self.height
        memory = np.zeros((h * 3 // 2 + self.TAIL_ROWS, w), np.uint8)
        flat = memory.reshape(-1)
        y = memory[:h]
        cb = flat[w * h:w * h * 5 // 4].reshape(h // 2, w // 2)
        cr = flat[w * h * 5 // 4:w * h * 3 // 2].reshape(h // 2, w // 2)
        frame = av.VideoFrame.from_numpy_buffer(memory[:h * 3 // 2], format="yuv420p")
        self._frames[y.ctypes.data] = (frame, memory)
        return y, cb, cr

    def frame_of(self, planes: Planes) -> Any:
        """The video frame behind ``planes`` (one of this pool's buffers)."""
        return self._frames[planes[0].ctypes.data][0]


@dataclass(frozen=True, slots=True)
class Job:
    """What ``encode`` needs to know, worked out by the renderer."""

    frames: Iterator[Planes]
    what: str  # "the frames of the moving photos": named in errors
    pool: EncoderFrames
    total: int
    fps: int
    overlays: tuple[TimedOverlay, ...]  # the video's own, over the joined frames
    video_options: dict[str, Any]  # libx264's: preset, crf, threads, colour tags, flags
    metadata: dict[str, str]
    audio_args: list[str]  # an ffmpeg command that writes the soundtrack to AUDIO_TARGET
    poster: tuple[int, list[str]] | None  # frame index, ffmpeg command reading it on stdin
    label: str


AUDIO_TARGET = "{audio}"  # replaced by the temporary file's path


def encode(job: Job, target: Path, progress: Progress | None) -> None:
    """Encode ``job`` into ``target`` (MP4). Raises RenderError; ``progress`` may raise."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".m4a", dir=target.parent)
    os.close(handle)
    audio_file = Path(name)
    args = [name if a == AUDIO_TARGET else a for a in job.audio_args]
    kept_as = soundtracks.key(job.audio_args)
    sound: _Process | _Reused | None = None
    posters: list[_Process] = []  # started on its frame; stopped here whatever happens
    try:  # the temporary soundtrack goes whatever fails, its writing or ffmpeg's start too
        if kept_as is not None and soundtracks.reuse(kept_as, audio_file):
            sound = _Reused()
        else:
            sound = _Process(args, "the soundtrack")
        _encode(job, target, progress, sound, audio_file, posters)
        sound.check()
        if kept_as is not None and isinstance(sound, _Process):
            soundtracks.keep(kept_as, audio_file)
        for poster in posters:
            poster.check()
    finally:
        for process in (p for p in (sound, *posters) if p is not None):
            process.stop()
        with contextlib.suppress(FileNotFoundError):
            audio_file.unlink()


def _encode(
    job: Job, target: Path, progress: Progress | None, sound: _Process | _Reused,
    audio_file: Path,
    posters: list[_Process],
) -> None:
    import av

    container = av.open(str(target), "w", format="mp4",
                        container_options={"movflags": "+faststart", "fflags": "+bitexact"})
    try:
        for key, value in job.metadata.items():
            container.metadata[key] = value
        options = {**job.video_options, **x264_cpu()}
        threads = int(options.pop("threads"))
        stream = container.add_stream("libx264", rate=job.fps, options=options)
        stream.width, stream.height = job.pool.width, job.pool.height
        stream.pix_fmt = "yuv420p"
        stream.codec_context.time_base = Fraction(1, job.fps)
        # frame threads, as the ffmpeg command line uses them (PyAV's default is slice
        # threads: two slices a frame, another bitstream than the floor's settings make)
        stream.codec_context.thread_count = threads
        stream.codec_context.thread_type = "FRAME"
        mux = _Muxer(container, stream, sound, audio_file)
        drawn = [d for o in job.overlays
                 if (d := DrawnOverlay.of(o, job.pool.width, job.pool.height)) is not None]
        reported = time.monotonic()
        for index in range(job.total):
            try:
                planes = next(job.frames)
            except StopIteration:
                raise RenderError(f"{job.what}: {index} frames of {job.total}") from None
            except Exception as exc:  # a photo that fails on the helper thread, say
                raise RenderError(f"could not make {job.what}: {exc}") from exc
            restore = _draw(drawn, planes, index)
            if job.poster is not None and index == job.poster[0]:
                posters.append(_Process(job.poster[1], "the poster", stdin=planes))
            frame = job.pool.frame_of(planes)
            frame.pts = index
            mux.video(stream.encode(frame))
            for view, saved in restore:  # the scene's buffer is drawn into again next frame
                np.copyto(view, saved)
            if progress is not None and time.monotonic() - reported >= PROGRESS_EVERY:
                reported = time.monotonic()
                progress(min(index / job.total, 0.999), job.label)
        mux.video(stream.encode(None))
        mux.finish()
    except av.error.FFmpegError as exc:
        raise RenderError(f"encoding failed: {exc}") from exc
    finally:
        with contextlib.suppress(Exception):
            container.close()
        close = getattr(job.frames, "close", None)
        if close is not None:  # a generator: stops its helper thread, frees its buffers
            close()
    if progress is not None:
        progress(1.0, job.label)


def _draw(
    drawn: Sequence[DrawnOverlay], planes: Planes, index: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Draw the video's overlays shown on frame ``index``; what they covered, to put back."""
    saved: list[tuple[np.ndarray, np.ndarray]] = []
    for overlay in drawn:
        if overlay.overlay.strength(index) > 0.0:
            saved += [(view, view.copy()) for view in overlay.views(planes)]
            overlay.draw(planes, index)
    return saved


class _Muxer:
    """Video packets as x264 makes them, interleaved with the soundtrack's by time.

    The soundtrack is ready long before the video (a 15 s track encodes in ~0.2 s); until then
    the few video packets made are held back."""

    def __init__(
        self, container: Any, stream: Any, sound: _Process | _Reused, audio_file: Path
    ) -> None:
        self.container, self.stream = container, stream
        self.sound, self.audio_file = sound, audio_file
        self.held: deque[Any] = deque()
        self.audio: Iterator[Any] | None = None
        self.next_audio: Any = None
        self.audio_stream: Any = None
        self.source: Any = None

    def _open_audio(self, wait: bool) -> bool:
        if self.audio is not None:
            return True
        if not wait and not self.sound.done():
            return False
        self.sound.check()
        import av

        # streams are added before the header is written: the muxer writes it on the first
        # packet, so no video packet goes out before this point
        self.source = av.open(str(self.audio_file))
        template = self.source.streams.audio[0]
        self.audio_stream = self.container.add_stream_from_template(template)
        self.audio = iter(self.source.demux(template))
        self._advance()
        return True

    def _advance(self) -> None:
        assert self.audio is not None
        for packet in self.audio:
            if packet.size:  # the demuxer's last packet is an empty flush marker
                self.next_audio = packet
                return
        self.next_audio = None

    def _audio_until(self, seconds: float | None) -> None:
        while self.next_audio is not None:
            packet = self.next_audio
            if seconds is not None and packet.pts is not None and \
                    float(packet.pts * packet.time_base) > seconds:
                return
            packet.stream = self.audio_stream
            self.container.mux(packet)
            self._advance()

    def video(self, packets: Sequence[Any]) -> None:
        self.held.extend(packets)
        if not self.held or not self._open_audio(wait=False):
            return
        self._flush()

    def _flush(self) -> None:
        while self.held:
            packet = self.held.popleft()
            if packet.dts is not None:
                self._audio_until(float(packet.dts * packet.time_base))
            self.container.mux(packet)

    def finish(self) -> None:
        self._open_audio(wait=True)
        self._flush()
        self._audio_until(None)
        if self.source is not None:
            self.source.close()


class _Reused:
    """A soundtrack this process made before (``soundtracks``), already in its file."""

    def done(self) -> bool:
        return True

    def check(self) -> None:
        pass

    def stop(self) -> None:
        pass


class _Process:
    """An ffmpeg command run beside the encoder (the soundtrack, the poster)."""

    def __init__(self, args: list[str], what: str, stdin: Planes | None = None) -> None:
        self.what = what
        self._error = ""
        try:
            self.proc = subprocess.Popen(
                args, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ffmpeg_environment(),
            )
        except OSError as exc:
            raise RenderError(f"cannot start ffmpeg for {what}: {exc}") from exc
        self._reader = threading.Thread(target=self._read, args=(stdin,), daemon=True)
        self._frame = b"".join(np.ascontiguousarray(p).data for p in stdin) if stdin else b""
        self._reader.start()

    def _read(self, stdin: Planes | None) -> None:
        if stdin is not None and self.proc.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                self.proc.stdin.write(self._frame)
            with contextlib.suppress(BrokenPipeError):
                self.proc.stdin.close()
        assert self.proc.stderr is not None
        self._error = self.proc.stderr.read().decode("utf-8", "replace")

    def done(self) -> bool:
        return self.proc.poll() is not None

    def check(self) -> None:
        self.proc.wait()
        self._reader.join()
        if self.proc.returncode != 0:
            detail = self._error.strip() or f"exit code {self.proc.returncode}"
            raise RenderError(f"ffmpeg failed making {self.what}: {detail}", stderr=self._error)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self._reader.join(timeout=5)
        for pipe in (self.proc.stdin, self.proc.stderr):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
