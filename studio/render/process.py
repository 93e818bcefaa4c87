"""Running the one ffmpeg process: Ken Burns pipes in, progress out, errors surfaced.

The output is written to a hidden temporary name in the target folder and renamed only after
ffmpeg succeeded, so a reader never sees a half-written video at the target path; on any
failure or cancellation (the progress callback raising) ffmpeg is stopped and the temporary
file removed.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

from studio.media_tools import MediaToolError, binary
from studio.render.feeds import Feed, Pump
from studio.render.scenes import RenderError

Progress = Callable[[float, str], None]
STDERR_KEEP = 60  # lines of ffmpeg's complaint kept for the error message
# Extra environment for ffmpeg. It used to fix glibc's mmap threshold at 1 MiB, which kept
# frame-sized packets mmapped and returned on free (peak RSS ~40 MB lower) but made every
# packet fault its pages in again: ~0.8 CPU-s on product15 once the scenes came as whole
# 3 MB frames, more than the renderer's own Python work. Measured without it: ffmpeg 355-361
# MB + Python ~120 MB, under the 500 MB budget; so glibc's default stands.
FFMPEG_MALLOC: dict[str, str] = {}


def ffmpeg_executable() -> str:
    try:  # the studio's one choice of binary (STUDIO_FFMPEG_BINARY / FFMPEG_BINARY / PATH)
        return binary("ffmpeg")
    except MediaToolError as exc:
        raise RenderError(str(exc)) from None


@contextlib.contextmanager
def temporary_target(output: Path) -> Iterator[Path]:
    """A temp path next to ``output``; renamed onto it only if the block succeeds."""
    output = Path(output)
    if not output.parent.is_dir():
        raise RenderError(f"output folder {output.parent} does not exist; create it first")
    temp = output.with_name(f".{output.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        yield temp
        os.replace(temp, output)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def ffmpeg_environment() -> dict[str, str]:
    """The caller's environment plus the allocator setting above (a caller's own wins)."""
    return {**FFMPEG_MALLOC, **os.environ}


def _read_stderr(stream, sink: deque[str]) -> None:  # type: ignore[no-untyped-def]
    for raw in stream:
        sink.append(raw.decode("utf-8", "replace").rstrip())


def run(
    args: list[str],
    feeds: list[Feed],
    *,
    frames: int,
    fps: int,
    progress: Progress | None,
    label: str,
) -> None:
    """Run ffmpeg with ``-progress pipe:1``; report ``out_time`` as a 0..1 fraction."""
    pass_fds = [feed.read_fd for feed in feeds]
    try:
        proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            pass_fds=pass_fds, env=ffmpeg_environment(),
        )
    except OSError as exc:
        for feed in feeds:
            feed.discard()
        raise RenderError(f"cannot start ffmpeg: {exc}") from exc
    stderr: deque[str] = deque(maxlen=STDERR_KEEP)
    reader = threading.Thread(target=_read_stderr, args=(proc.stderr, stderr), daemon=True)
    reader.start()
    pump = Pump(feeds, on_error=proc.kill)
    pump.start()
    duration = frames / fps
    done = 0.0
    try:
        assert proc.stdout is not None
        for raw in proc.stdout:
            key, _, value = raw.decode("ascii", "replace").strip().partition("=")
            if key == "out_time_us" and value.lstrip("-").isdigit() and progress:
                fraction = min(max(int(value) / 1e6 / duration, 0.0), 0.999)
                if fraction > done:  # callers get a non-decreasing sequence
                    done = fraction
                    progress(done, label)
        proc.wait()
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        pump.join(timeout=30)
        reader.join(timeout=5)
        if proc.stdout:
            proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
    failed_feed = next((f for f in feeds if f.error is not None), None)
    if failed_feed is not None:
        raise RenderError(
            f"could not make {failed_feed.what}: {failed_feed.error}"
        ) from failed_feed.error
    if proc.returncode != 0:
        detail = "\n".join(stderr) or f"exit code {proc.returncode}"
        raise RenderError(f"ffmpeg failed: {detail}", stderr="\n".join(stderr))
    if progress:
        progress(1.0, label)
