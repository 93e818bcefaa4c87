"""How fast the studio starts: `studio version`, `studio --help`, `studio plugins`, and
`studio serve` until its first answer (GET /healthz), each in a fresh process.

    .venv/bin/python bench/startup.py --runs 7

Every run uses one studio home (migrated and warmed by an untimed first run of each, so the
figures are a seller's everyday start, not the first one after an install). Prints the
minimum, median and maximum wall seconds and the load average at the start.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

STUDIO = [sys.executable, "-m", "studio"]
TARGETS = {"version": 0.3, "--help": 0.3, "plugins": 1.0, "serve": 2.0}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def time_command(args: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run([*STUDIO, *args], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - began


def time_serve(env: dict[str, str]) -> float:
    """Seconds from starting `studio serve` to its first 200 on /healthz."""
    port = _free_port()
    began = time.perf_counter()
    process = subprocess.Popen([*STUDIO, "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz",
                                            timeout=1) as answer:
                    if answer.status == 200:
                        return time.perf_counter() - began
            except OSError:
                time.sleep(0.01)
            if process.poll() is not None:
                raise RuntimeError("studio serve exited before answering")
            if time.perf_counter() - began > 60:
                raise RuntimeError("studio serve did not answer within 60 s")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="studio-startup-") as tmp:
        home = Path(tmp) / "home"
        env = {**os.environ, "STUDIO_HOME": str(home), "STUDIO_MEDIA_ROOT": str(home / "media"),
               "STUDIO_DATABASE_URL": "", "STUDIO_BROKER_URL": ""}
        measures = {
            "version": lambda: time_command(["version"], env),
            "--help": lambda: time_command(["--help"], env),
            "plugins": lambda: time_command(["plugins"], env),
            "serve": lambda: time_serve(env),
        }
        print(f"load average at the start: {os.getloadavg()[0]:.2f}")
        print(f"{'command':<10} {'runs':>4} {'min s':>7} {'median s':>9} {'max s':>7} "
              f"{'target s':>8}")
        for name, measure in measures.items():
            measure()  # untimed: migrations, caches, the first import of every module
            times = [measure() for _ in range(options.runs)]
            print(f"{name:<10} {len(times):>4} {min(times):>7.3f} "
                  f"{statistics.median(times):>9.3f} {max(times):>7.3f} {TARGETS[name]:>8}")


if __name__ == "__main__":
    main()
