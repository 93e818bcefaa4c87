"""Raw frames made in Python (Ken Burns frames, scene stills), written into ffmpeg's pipes.

One thread serves every pipe with non-blocking writes, making each feed's next frame only
when its pipe has room: frames are produced in the order ffmpeg consumes them, at most one
pending frame per feed is held, and a single thread keeps glibc from growing a malloc arena
per writer (with a thread per feed the Python process grew by ~100 MB).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import threading
from collections import deque
from collections.abc import Callable, Iterator

from studio.render.pixels import Planes

F_SETPIPE_SZ = 1031


class Feed:
    """One pipe ffmpeg reads raw frames from (``url``), and where the frames come from."""

    def __init__(self, what: str, frames: Callable[[], Iterator[Planes]]) -> None:
        self.what = what
        self.frames = frames
        self.read_fd, self.write_fd = os.pipe()
        with contextlib.suppress(OSError):  # a bigger pipe means fewer wake-ups per frame
            fcntl.fcntl(self.write_fd, F_SETPIPE_SZ, 1 << 20)
        self.error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"pipe:{self.read_fd}"

    def close_read_end(self) -> None:
        if self.read_fd >= 0:
            os.close(self.read_fd)
            self.read_fd = -1

    def close_write_end(self) -> None:
        if self.write_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.write_fd)
            self.write_fd = -1

    def discard(self) -> None:
        """Close both ends of a feed that will not be used."""
        self.close_read_end()
        self.close_write_end()


class Pump:
    """Fills every feed's pipe from one background thread until each feed is exhausted."""

    def __init__(self, feeds: list[Feed], on_error: Callable[[], None] | None = None) -> None:
        self.feeds = feeds
        self.on_error = on_error  # e.g. stop ffmpeg: its output would be short anyway
        self._thread = threading.Thread(target=self._run, name="render-feeds", daemon=True)

    def start(self) -> None:
        for feed in self.feeds:
            feed.close_read_end()  # ffmpeg has its copy; EOF/EPIPE must reach the other side
            os.set_blocking(feed.write_fd, False)
        self._thread.start()

    def join(self, timeout: float | None = None) -> None:
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        sources: dict[int, tuple[Feed, Iterator[Planes] | None, deque[memoryview]]] = {
            feed.write_fd: (feed, None, deque()) for feed in self.feeds
        }
        poller = select.poll()
        for fd in sources:
            poller.register(fd, select.POLLOUT)
        while sources:
            for fd, _ in poller.poll():
                feed, frames, pending = sources[fd]
                try:
                    if not pending:
                        if frames is None:
                            frames = feed.frames()
                            sources[fd] = (feed, frames, pending)
                        planes = next(frames, None)
                        if planes is None:
                            raise StopIteration
                        pending.extend(p.data.cast("B") for p in planes)
                    while pending:
                        written = os.write(fd, pending[0])
                        pending[0] = pending[0][written:]
                        if len(pending[0]):
                            break
                        pending.popleft()
                except BlockingIOError:
                    continue
                except (StopIteration, BrokenPipeError):
                    self._finish(poller, sources, fd)  # done, or ffmpeg stopped reading
                except BaseException as exc:  # reported by the renderer after ffmpeg exits
                    feed.error = exc
                    self._finish(poller, sources, fd)
                    if self.on_error:
                        self.on_error()

    @staticmethod
    def _finish(poller: select.poll, sources: dict, fd: int) -> None:  # type: ignore[type-arg]
        feed = sources.pop(fd)[0]
        poller.unregister(fd)
        feed.close_write_end()
