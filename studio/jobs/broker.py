"""The embedded broker: Kombu's filesystem transport made safe for ``acks_late`` and crashes.

Kombu's own filesystem (and SQLAlchemy) transport forgets a message the moment a worker takes
it, so a worker killed mid-render loses the render. Here a worker *claims* a message by
renaming its file into a reserved folder it holds an ``flock`` on; the file is deleted on ack
and renamed back on reject or shutdown. When a worker dies, the kernel drops its lock and the
next process that looks (any worker or publisher, at start and every few seconds) moves the
claimed messages back to the queue — the same at-least-once delivery Redis gives with its
visibility timeout. Messages are written under a temp name and renamed, so a reader never
parses half a message, and their file names sort by priority, then by time: a seller's
preview is taken before a 500-video batch.

A waiting worker does not sleep a fixed poll interval: it waits on inotify over the queue
folder (a message arrived) and on a pipe its own acknowledgements write to (a pool process is
free for the next message), so the next render starts within milliseconds of the last one
ending, and a worker with nothing to do uses no CPU. Without inotify it polls every 0.1 s.
A signal (Ctrl+C, SIGTERM) writes to the same pipe, so a worker told to stop hears it at once
instead of after its wait.

Priority follows AMQP: 0..9, higher is served first.

Registered as the ``studiofs://`` transport; ``filesystem://`` in the settings means this.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import select
import signal
import threading
import time
import uuid
from pathlib import Path
from queue import Empty
from typing import Any

from kombu.transport import TRANSPORT_ALIASES, filesystem, virtual
from kombu.utils.encoding import bytes_to_str, str_to_bytes
from kombu.utils.json import dumps, loads

SWEEP_EVERY_SECONDS = 5.0
# waiting with inotify: a safety net only (a lost wake-up); without it, the poll interval
WAIT_WITH_INOTIFY = 2.0
POLL_WITHOUT_INOTIFY = 0.1
_IN_MOVED_TO = 0x80  # every message arrives by rename (publish, requeue, recovery)


class QoS(virtual.QoS):
    def ack(self, delivery_tag: Any) -> None:
        self.channel._forget(delivery_tag)
        super().ack(delivery_tag)
        _wake(self.channel)

    def reject(self, delivery_tag: Any, requeue: bool = False) -> None:
        super().reject(delivery_tag, requeue=requeue)  # requeue renames the claim back
        self.channel._forget(delivery_tag)
        _wake(self.channel)


def _wake(channel: Any) -> None:
    # a slot is free: the consumer waiting in drain_events may take the next message now
    transport = getattr(channel, "connection", None)
    waker = getattr(transport, "waker", None)
    if waker is not None:
        waker.wake()


class Waker:
    """What a waiting consumer blocks on: inotify over the queue folder (Linux) and a pipe."""

    def __init__(self, folder: Path) -> None:
        self._read, self._write = os.pipe()
        for fd in (self._read, self._write):
            os.set_blocking(fd, False)
            os.set_inheritable(fd, False)
        self.inotify = _watch(folder)
        self._fds = [self._read] + ([self.inotify] if self.inotify is not None else [])
        self._hears_signals = _hear_signals(self._write)

    def wake(self) -> None:
        try:
            os.write(self._write, b"!")
        except (BlockingIOError, OSError):
            pass  # a full pipe wakes the consumer anyway

    def wait(self, timeout: float) -> bool:
        """Wait for a message, a wake-up or a signal; True when woken through the pipe (an
        acknowledgement or a signal: the consumer's loop should look around now)."""
        try:
            ready, _, _ = select.select(self._fds, [], [], timeout)
        except (OSError, ValueError):  # closed under us (shutdown): behave like a sleep
            time.sleep(timeout)
            return False
        for fd in ready:
            try:
                while os.read(fd, 4096):
                    pass
            except (BlockingIOError, OSError):
                pass
        return self._read in ready

    def close(self) -> None:
        if self._hears_signals:
            _hear_signals(-1)
            self._hears_signals = False
        for fd in self._fds + [self._write]:
            try:
                os.close(fd)
            except OSError:
                pass
        self._fds = []


def _worker_stopping() -> bool:
    from celery.worker import state

    return state.should_stop is not None or state.should_terminate is not None


def _hear_signals(fd: int) -> bool:
    """Make ``fd`` the process's signal wake-up descriptor (``-1``: stop), only in the main
    thread and only where nobody else (an asyncio loop) holds it; True when it is now ours."""
    if threading.current_thread() is not threading.main_thread():
        return False
    try:
        before = signal.set_wakeup_fd(fd, warn_on_full_buffer=False)
    except (ValueError, OSError):
        return False
    if fd != -1 and before != -1:  # someone else's: give it back
        signal.set_wakeup_fd(before)
        return False
    return True


def _watch(folder: Path) -> int | None:
    """An inotify descriptor reporting files renamed into ``folder``, or None (not Linux)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = int(libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC))
    except (OSError, AttributeError):
        return None
    if fd < 0:
        return None
    if libc.inotify_add_watch(fd, os.fsencode(folder), _IN_MOVED_TO) < 0:
        os.close(fd)
        return None
    return fd


class Channel(filesystem.Channel):
    QoS = QoS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        root = Path(self.transport_options.get("data_folder_in", "broker/queue")).parent
        self.queue_folder = Path(self.data_folder_in)
        self.reserved_root = root / "reserved"
        for folder in (self.queue_folder, self.reserved_root, self.control_folder):
            folder.mkdir(parents=True, exist_ok=True)
        self._claimed: dict[Any, Path] = {}
        self._reserved: Path | None = None
        self._lock_file: Any = None
        self._last_sweep = 0.0
        self.recover_abandoned()

    # --- publishing -------------------------------------------------------------------------

    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:  # type: ignore[override]
        # higher priority -> smaller first digit -> earlier in sorted order
        rank = self._get_message_priority(payload, reverse=True)
        name = f"{rank}-{time.time_ns():020d}-{uuid.uuid4().hex}.{queue}.msg"
        final = self.queue_folder / name
        temp = self.queue_folder / f".tmp-{name}"
        temp.write_bytes(str_to_bytes(dumps(payload)))
        os.replace(temp, final)

    # --- consuming --------------------------------------------------------------------------

    def _reserved_folder(self) -> Path:
        if self._reserved is None:
            # built under a dot-name and renamed, so recovery never sees it without its lock
            name = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
            building = self.reserved_root / f".{name}"
            building.mkdir(parents=True)
            lock_file = (building / "owner.lock").open("w")
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            folder = self.reserved_root / name
            os.rename(building, folder)
            self._reserved, self._lock_file = folder, lock_file
        return self._reserved

    def _get(self, queue: str, timeout: Any = None) -> dict[str, Any]:
        if time.monotonic() - self._last_sweep > SWEEP_EVERY_SECONDS:
            self.recover_abandoned()
        wanted = f"{queue}.msg"
        for name in sorted(os.listdir(self.queue_folder)):
            if name.startswith(".") or name.partition(".")[2] != wanted:
                continue
            claimed = self._reserved_folder() / name
            try:
                os.rename(self.queue_folder / name, claimed)  # atomic: one claimer wins
            except FileNotFoundError:
                continue
            payload = loads(bytes_to_str(claimed.read_bytes()))
            self._claimed[payload["properties"]["delivery_tag"]] = claimed
            return payload
        raise Empty()

    def _forget(self, delivery_tag: Any) -> None:
        claimed = self._claimed.pop(delivery_tag, None)
        if claimed is not None:
            claimed.unlink(missing_ok=True)

    def _restore(self, message: Any) -> None:
        claimed = self._claimed.pop(message.delivery_tag, None)
        if claimed is not None and claimed.exists():
            # back under its original name: same priority, same place in line
            os.rename(claimed, self.queue_folder / claimed.name)
            return
        super()._restore(message)

    def _size(self, queue: str) -> int:
        wanted = f"{queue}.msg"
        return sum(
            1 for name in os.listdir(self.queue_folder)
            if not name.startswith(".") and name.partition(".")[2] == wanted
        )

    # --- crash recovery ---------------------------------------------------------------------

    def recover_abandoned(self) -> int:
        """Requeue messages claimed by processes that no longer exist; returns how many."""
        self._last_sweep = time.monotonic()
        restored = 0
        try:
            folders = list(self.reserved_root.iterdir())
        except FileNotFoundError:
            return 0
        for folder in folders:
            if folder == self._reserved or folder.name.startswith("."):
                continue
            try:
                lock_file = (folder / "owner.lock").open("a")
            except (FileNotFoundError, NotADirectoryError):
                continue
            with lock_file:
                try:
                    fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # its owner is alive
                for claimed in folder.glob("*.msg"):
                    try:
                        os.rename(claimed, self.queue_folder / claimed.name)
                        restored += 1
                    except FileNotFoundError:
                        pass
                for leftover in folder.iterdir():
                    leftover.unlink(missing_ok=True)
                folder.rmdir()
        return restored

    def close(self) -> None:
        super().close()  # restores unacked messages through _restore
        if self._reserved is not None and self._lock_file is not None:
            if not any(self._reserved.glob("*.msg")):
                (self._reserved / "owner.lock").unlink(missing_ok=True)
                self._lock_file.close()
                try:
                    self._reserved.rmdir()
                except OSError:
                    pass
            self._reserved = None


class Transport(filesystem.Transport):
    Channel = Channel
    driver_type = "studiofs"
    driver_name = "studiofs"

    def __init__(self, client: Any, **kwargs: Any) -> None:
        super().__init__(client, **kwargs)
        # Kombu keeps declared bindings in one process-wide state and then skips writing a
        # binding it has "seen"; one state per broker folder keeps two homes in one process
        # (tests, a CLI that changed settings) from routing messages nowhere.
        folder = str(client.transport_options.get("data_folder_in", ""))
        self.state = _states.setdefault(folder, virtual.BrokerState())
        self.queue_folder = Path(folder or "broker/queue")
        # made on the first wait: a publisher (every pool process has one) never needs it
        self.waker: Waker | None = None

    def drain_events(self, connection: Any, timeout: Any = None, **kwargs: Any) -> Any:
        """Kombu's loop, but waiting on the waker instead of sleeping a poll interval."""
        cycle = self.cycle
        assert cycle is not None
        if self.waker is None:
            self.queue_folder.mkdir(parents=True, exist_ok=True)
            self.waker = Waker(self.queue_folder)
        interval = (WAIT_WITH_INOTIFY if self.waker.inotify is not None
                    else self.polling_interval or POLL_WITHOUT_INOTIFY)
        began, woken = time.monotonic(), False
        if _worker_stopping():
            # Celery's loop drains once more after it was told to stop: no wait for that one
            raise TimeoutError()
        while True:
            try:
                cycle.get(self._deliver, timeout=timeout)
                return
            except Empty:
                waited = time.monotonic() - began
                # woken by a signal or an ack and still nothing to take: back to Celery's
                # loop, which stops now if it was told to (else waits here again)
                if woken or (timeout is not None and waited >= timeout):
                    raise TimeoutError() from None
                left = interval if timeout is None else min(interval, timeout - waited)
                woken = self.waker.wait(max(left, 0.0))

    def close_connection(self, connection: Any) -> None:
        super().close_connection(connection)
        if self.waker is not None:
            self.waker.close()
            self.waker = None


_states: dict[str, virtual.BrokerState] = {}


def transport_options(root: Path) -> dict[str, Any]:
    """Celery ``broker_transport_options`` for an embedded broker under ``root``."""
    queue = str(root / "queue")
    return {
        "data_folder_in": queue,
        "data_folder_out": queue,
        "control_folder": str(root / "control"),
        # only where nothing wakes the consumer (see Transport.drain_events)
        "polling_interval": POLL_WITHOUT_INOTIFY,
    }


TRANSPORT_ALIASES.setdefault("studiofs", "studio.jobs.broker:Transport")
