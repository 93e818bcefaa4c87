"""The one module that imports ffmpeg-python (unmaintained since 2022: keep it contained).

The rest of the renderer builds its graph through these few functions and the stream
objects they return (``stream.filter(name, ...)`` is the only method used on them).
ffmpeg-python escapes every filter argument, so file names and text never reach the graph
syntax unescaped; inputs are given as ``file:`` URLs with image patterns switched off.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ffmpeg

Stream = Any  # ffmpeg.nodes.FilterableStream; ffmpeg-python ships no type hints
Error = ffmpeg.Error


# one JPEG frame, full range (what image viewers expect); `update` writes one file, no pattern
JPEG_FRAME: dict[str, Any] = {
    "format": "image2", "vcodec": "mjpeg", "pix_fmt": "yuvj420p", "update": 1,
    "q:v": 2, "frames:v": 1,
}


def jpeg_range(stream: Stream) -> Stream:
    """BT.709 limited-range video frames as the full-range BT.601 a JPEG viewer expects."""
    return stream.filter("scale", in_range="tv", in_color_matrix="bt709", out_range="pc",
                         out_color_matrix="bt601")


def file_url(path: Path) -> str:
    return "file:" + str(Path(path).resolve())


def still(path: Path, fps: int) -> Stream:
    """One decoded frame of an image file (decode once; repeat with the ``loop`` filter)."""
    return ffmpeg.input(file_url(path), f="image2", pattern_type="none", framerate=fps)["v"]


def raw_video(url: str, width: int, height: int, fps: int | str) -> Stream:
    # a one-frame input queue: the pipe itself buffers, and every queued frame is resident
    # memory (1 instead of 2: ffmpeg −2.5 MB on product15, CPU and wall no worse, 5 pairs)
    return ffmpeg.input(
        url, f="rawvideo", pix_fmt="yuv420p", s=f"{width}x{height}", framerate=fps,
        thread_queue_size=1, probesize=32, fpsprobesize=0,
    )["v"]


def clip(path: Path, *, loop: bool) -> Any:
    """A video file input; index it with ``["v"]`` / ``["a"]``."""
    options: dict[str, Any] = {"stream_loop": -1} if loop else {}
    return ffmpeg.input(file_url(path), **options)


def audio(path: Path, *, loop: bool) -> Stream:
    options: dict[str, Any] = {"stream_loop": -1} if loop else {}
    return ffmpeg.input(file_url(path), **options)["a"]


def silence(rate: int) -> Stream:
    return ffmpeg.input(f"anullsrc=r={rate}:cl=stereo", f="lavfi")["a"]


def merge(streams: Sequence[Stream], name: str, *args: Any, **kwargs: Any) -> Stream:
    """A filter with several inputs and one output (overlay, vstack, xfade, amix, ...)."""
    return ffmpeg.filter(list(streams), name, *args, **kwargs)


def concat(streams: Sequence[Stream]) -> Stream:
    return ffmpeg.concat(*streams, v=1, a=0)


def split(stream: Stream, count: int) -> list[Stream]:
    if count == 1:
        return [stream]
    node = stream.split()
    return [node[i] for i in range(count)]


def planes(stream: Stream) -> list[Stream]:
    """The Y, U and V planes of a yuv420p stream as three gray streams."""
    node = stream.filter_multi_output("extractplanes", "y+u+v")
    return [node[0], node[1], node[2]]


def asplit(stream: Stream, count: int) -> list[Stream]:
    if count == 1:
        return [stream]
    node = stream.asplit()
    return [node[i] for i in range(count)]


class Stills:
    """Image and clip inputs, each opened once even when several layers use it.

    ffmpeg-python merges identical nodes and then refuses a stream used twice, so the graph
    is built twice: a counting pass, then a pass that splits shared sources.
    """

    def __init__(self, fps: int, counts: Counter[tuple[Any, ...]] | None = None) -> None:
        self.fps = fps
        self.counts: Counter[tuple[Any, ...]] = Counter()
        self._planned = counts
        self._outputs: dict[tuple[Any, ...], list[Stream]] = {}

    def _get(self, key: tuple[Any, ...], make: Any) -> Stream:
        self.counts[key] += 1
        if self._planned is None:
            return make()
        if key not in self._outputs:
            self._outputs[key] = split(make(), self._planned[key])
        return self._outputs[key].pop()

    def get(self, path: Path) -> Stream:
        key = Path(path).resolve()
        return self._get(("still", key), lambda: still(key, self.fps))

    def clip(self, path: Path, *, loop: bool) -> Stream:
        key = ("clip", Path(path).resolve(), loop)
        return self._get(key, lambda: clip(key[1], loop=loop)["v"])


def command(
    video: Stream,
    audio_stream: Stream,
    target: str,
    *,
    output_options: dict[str, Any],
    extra_output_args: Sequence[str] = (),
    global_args: Sequence[str] = (),
    executable: str = "ffmpeg",
    poster: tuple[Stream, str] | None = None,
) -> list[str]:
    """The full argument list; extra output args (e.g. repeated ``-metadata``) go before the
    target, where ffmpeg applies them to this output. ``poster`` is a second output (a JPEG
    target and the one-frame stream for it), made by the same process."""
    out = ffmpeg.output(video, audio_stream, target, **output_options)
    if poster is not None:
        picture, picture_target = poster
        out = ffmpeg.merge_outputs(out, ffmpeg.output(picture, picture_target, **JPEG_FRAME))
    args: list[str] = ffmpeg.compile(out, cmd=executable, overwrite_output=True)
    position = args.index(target)
    return [*args[:1], *global_args, *args[1:position], *extra_output_args, *args[position:]]


def one_output_command(
    stream: Stream, target: str, *, output_options: dict[str, Any],
    global_args: Sequence[str] = (), executable: str = "ffmpeg",
) -> list[str]:
    """One stream to one target: a poster, or the soundtrack of a video encoded in-process."""
    out = ffmpeg.output(stream, target, **output_options)
    args: list[str] = ffmpeg.compile(out, cmd=executable, overwrite_output=True)
    return [*args[:1], *global_args, *args[1:]]


def still_frame_command(video: Path, target: str, *, at: float, executable: str) -> list[str]:
    """One frame of a finished (BT.709-tagged) video as a full-range JPEG."""
    frame = jpeg_range(ffmpeg.input(file_url(video), ss=max(0.0, at))["v"])
    out = ffmpeg.output(frame, target, **JPEG_FRAME)
    args: list[str] = ffmpeg.compile(out, cmd=executable, overwrite_output=True)
    return [*args[:1], "-hide_banner", "-nostdin", "-loglevel", "error", *args[1:]]


def poster_from_stdin(
    width: int, height: int, target: str, *, global_args: Sequence[str] = (),
    executable: str = "ffmpeg",
) -> list[str]:
    """One raw yuv420p frame read from stdin → the poster JPEG (as ``render_video`` makes it)."""
    frame = jpeg_range(raw_video("pipe:0", width, height, 1))
    return one_output_command(frame, target, output_options=JPEG_FRAME,
                              global_args=global_args, executable=executable)
