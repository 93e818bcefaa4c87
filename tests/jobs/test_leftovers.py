"""Nothing left behind: ``studio serve`` takes its embedded worker with it on SIGTERM and
SIGINT, and a killed render's scratch (its work folder, ``.part`` files) goes as soon as a
worker starts on that machine, not only when the render is made again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .conftest import StudioEnv, free_port, quick_recovery, wait_until
from .helpers import jobs, processes, requests_for, send_video, videos

pytestmark = pytest.mark.slow


def of_this_studio(home: Path) -> list[tuple[int, str, int]]:
    """(pid, name, parent) of every live process started for this studio home (its
    environment names it), re-parented or not."""
    mine = []
    marker = f"STUDIO_HOME={home}".encode()
    for pid, name, parent, _ in processes():
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if marker in environ:
            mine.append((pid, name, parent))
    return mine


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL],
                         ids=["SIGTERM", "SIGINT", "SIGKILL"])
def test_serve_stops_its_embedded_worker(embedded_env: StudioEnv, signum: int) -> None:
    """Issue 16: SIGTERM to ``studio serve`` left its worker running, re-parented to PID 1.
    Now SIGTERM and SIGINT stop it (and its pool) before serve exits; even a serve killed
    outright takes its worker along (the worker gets SIGTERM when its parent dies)."""
    studio = embedded_env
    port = free_port()
    log = studio.log_dir / "serve.log"
    with log.open("ab") as out:
        serve = subprocess.Popen(
            [sys.executable, "-m", "studio", "serve", "--port", str(port), "-c", "1",
             "--log-level", "warning"],
            env=studio.env, cwd=studio.home, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    try:
        def ready() -> bool:
            try:
                up = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False
            # the worker and its pool process are up too (beyond serve itself)
            return up and len(of_this_studio(studio.home)) >= 3

        wait_until(ready, 90, "studio serve and its worker")
        before = of_this_studio(studio.home)
        serve.send_signal(signum)
        began = time.monotonic()
        serve.wait(timeout=90)
        wait_until(lambda: not of_this_studio(studio.home), 60,
                   f"every process to end; still there: {of_this_studio(studio.home)}")
        print(f"\n{signal.Signals(signum).name}: {len(before)} processes "
              f"({sorted({name for _, name, _ in before})}) gone in "
              f"{time.monotonic() - began:.1f} s")
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
        for pid, _, _ in of_this_studio(studio.home):  # never leave one behind for others
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_a_killed_renders_scratch_goes_when_a_worker_starts(
        embedded_env: StudioEnv, workers, monkeypatch: pytest.MonkeyPatch) -> None:
    """The killed render's work folder and its ``.part`` file are removed by the next
    worker's first sweep, while the video is still waiting to be taken for lost (it used
    to stay until the video was sent again, or for ever if never on this machine)."""
    studio = embedded_env
    # lost only after a minute: what removes the scratch is not the video being sent again
    quick_recovery(studio, monkeypatch, STUDIO_WORKER_LOST_SECONDS="60")
    doomed = workers(studio, concurrency=1, name="doomed")
    [request] = requests_for(studio.products(1), seconds=8.0)
    send_video(studio.workspace_id, request)
    work = studio.home / "work"

    def partial() -> list[Path]:
        return list(work.glob("video-*/.*.part")) if work.exists() else []

    wait_until(lambda: partial() and any(v.progress > 0.1 for v in videos()), 60,
               "a render writing its .part file", [doomed])
    doomed.kill()
    left = list(work.iterdir())
    assert left and partial(), "the killed render left its scratch"
    print(f"\nleft by the killed render: {[p.name for p in left]}, {[p.name for p in partial()]}")

    killed_at = time.monotonic()
    # a worker that renders nothing (webhooks only): what it removes, its housekeeping does
    keeper = workers(studio, concurrency=1, name="keeper", queues="io")
    wait_until(lambda: not any(work.iterdir()), 60, "the scratch to be removed", [keeper])
    [video] = videos()
    print(f"removed {time.monotonic() - killed_at:.1f} s after the kill, the video still "
          f"{video.status}")
    assert video.status == "running" and jobs()[0].attempts == 1  # not yet sent again

    # the retry removes whatever is left of earlier attempts too (steps.work_folder; see
    # tests/jobs/test_maintenance.py), and a render that ends removes its own folder
