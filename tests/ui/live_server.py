"""A `studio serve` of its own for the live-progress tests, and a TCP proxy that can cut the
browser's connections (a dropped stream, as a flaky network drops it).

The server loads the job tests' loose plugin (tests/jobs/plugins, through STUDIO_PLUGINS_DIR):
its `test-clips` generator takes as long as its `seconds` option says, so a batch is reliably
half done for a while — long enough to look at the page in the middle of it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx

from .conftest import EMAIL, PASSWORD, SAMPLES, Studio, _free_port, _studio_env

PLUGINS = Path(__file__).resolve().parents[1] / "jobs" / "plugins"


@contextmanager
def studio_with_slow_clips(home: Path, *, concurrency: int = 2) -> Iterator[Studio]:
    media = home / "media"
    shutil.copytree(SAMPLES / "photos", media / "photos")
    env = {**_studio_env(home, media), "STUDIO_PLUGINS_DIR": str(PLUGINS)}
    command = [sys.executable, "-m", "studio"]
    for args in (["db", "upgrade"], ["keys", "add-user", EMAIL, "--password", PASSWORD]):
        done = subprocess.run(command + args, env=env, cwd=media, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, f"studio {' '.join(args)} failed:\n{done.stderr}"
    port = _free_port()
    log = home / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            command + ["serve", "--port", str(port), "--concurrency", str(concurrency)],
            env=env, cwd=media, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    studio = Studio(f"http://127.0.0.1:{port}", home, media, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, f"studio serve exited:\n{studio.log_tail()}"
            with suppress(httpx.HTTPError):
                if httpx.get(f"{studio.base_url}/healthz", timeout=2).status_code == 200:
                    break
            assert time.monotonic() < deadline, f"no /healthz in 90 s:\n{studio.log_tail()}"
            time.sleep(0.3)
        yield studio
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with suppress(ProcessLookupError):
                os.killpg(server.pid, sig)
            with suppress(subprocess.TimeoutExpired):
                server.wait(timeout=60)


class CuttingProxy:
    """Forwards 127.0.0.1:<port> to the studio. ``cut()`` closes every open connection (the
    server sees the client go, the browser sees its stream end); while ``hold()`` is on, new
    connections wait unanswered until ``release()`` — a network that is down for a moment."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.up = threading.Event()
        self.up.set()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._link, args=(client,), daemon=True).start()

    def _link(self, client: socket.socket) -> None:
        self.up.wait()
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
        except OSError:
            client.close()
            return
        with self.lock:
            self.open |= {client, upstream}
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                self._close(end)

    def _close(self, end: socket.socket) -> None:
        with self.lock:
            self.open.discard(end)
        with suppress(OSError):
            end.shutdown(socket.SHUT_RDWR)
        end.close()

    def cut(self) -> None:
        with self.lock:
            ends = list(self.open)
        for end in ends:
            self._close(end)

    def hold(self) -> None:
        self.up.clear()

    def release(self) -> None:
        self.up.set()

    def close(self) -> None:
        self.closed = True
        self.release()
        self.listener.close()
        self.cut()
