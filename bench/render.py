"""Benchmark the renderer on the product15 workload (issue 4, item 8).

    .venv/bin/python bench/render.py [--runs 3] [--moviepy-runs 1] [--keep DIR]

Times, each in a fresh process so peak memory is that render's alone:
  (a) studio: ``studio.render.render_video`` of the product15 plan;
  (b) floor: the final frames of (a), decoded to raw yuv420p beforehand, encoded again with
      the same settings and audio (libx264 veryfast CRF 23, 2 threads, AAC 128k) — the cost
      of encoding alone;
  (c) moviepy: a straightforward MoviePy 2 composition of the same video;
  preview: ``render_video(..., preview=True)``.
(a) and (b) run interleaved (a, b, a, b, ...) so load from other processes hits both alike.
Wall seconds and CPU seconds (user+sys, all threads and children) are reported; peak RSS is
the largest resident size of the Python process and of its ffmpeg child.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from workload import FORMATS, FPS, build  # noqa: E402

FFMPEG = os.environ.get("FFMPEG_BINARY", "/usr/bin/ffmpeg")


def own_peak_mb() -> float:
    """This process's peak RSS (VmHWM: unlike ru_maxrss it does not inherit the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def usage() -> dict[str, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "rss_self_mb": own_peak_mb(),
        "rss_child_mb": kids.ru_maxrss / 1024,
    }


def tree_rss_mb(root: int) -> float:
    """Resident memory of process ``root`` and its live children, now (VmRSS from /proc)."""
    total = 0
    pids = [root]
    try:
        for task in Path(f"/proc/{root}/task").iterdir():
            try:  # a thread (the soundtrack's reader, say) can end between the two reads
                pids += [int(p) for p in (task / "children").read_text().split()]
            except FileNotFoundError:
                pass
    except FileNotFoundError:  # the process has just ended
        return 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / 1024


class TreeSampler:
    """Peak of the sum of resident memory of a timed process and its children, sampled every
    5 ms: the memory one render holds at once (the peaks of the Python process and of a
    child do not add up when they happen at different moments). It runs in the benchmark's
    own process, so its reading of /proc (~0.2 CPU-s over a 4 s render) is not counted in
    the timed process's CPU."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, tree_rss_mb(self.root))

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def measured(fn) -> dict[str, float]:  # type: ignore[no-untyped-def]
    before = usage()
    start = time.perf_counter()
    fn()
    wall = time.perf_counter() - start
    after = usage()
    return {"wall": wall, "cpu": after["cpu"] - before["cpu"],
            "rss_self_mb": after["rss_self_mb"], "rss_child_mb": after["rss_child_mb"]}


def job_studio(folder: Path, out: Path, preview: bool, seconds: float = 15.0,
               fmt: str = "9:16"):  # type: ignore[no-untyped-def]
    from studio.render import encode, render_video
    from studio.render.pixels import cv2

    # OpenCV and PyAV are imported once per worker process, like the other imports: untimed
    cv2()
    encode.available()
    plan = build(folder, seconds=seconds, size=FORMATS[fmt]).plan
    return lambda: render_video(plan, out, preview=preview)


def floor_files(folder: Path, fmt: str = "9:16") -> tuple[Path, Path]:
    tag = "" if fmt == "9:16" else "-" + fmt.replace(":", "x")
    return folder / f"frames{tag}.yuv", folder / f"audio{tag}.wav"


def job_floor(folder: Path, out: Path, fmt: str = "9:16"):  # type: ignore[no-untyped-def]
    width, height = FORMATS[fmt]
    frames, sound = floor_files(folder, fmt)
    return lambda: subprocess.run(
        [FFMPEG, "-v", "error", "-y",
         "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{width}x{height}", "-framerate",
         str(FPS), "-i", str(frames), "-i", str(sound),
         "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-threads", "2",
         "-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_primaries", "bt709",
         "-color_trc", "bt709", "-color_range", "tv",
         "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", str(out)],
        check=True,
    )


def job_moviepy(folder: Path, out: Path):  # type: ignore[no-untyped-def]
    os.environ.setdefault("FFMPEG_BINARY", FFMPEG)
    from moviepy_product15 import render

    workload = build(folder)
    return lambda: render(workload, out)


def worker(kind: str, folder: Path, out: Path, seconds: float = 15.0, fmt: str = "9:16") -> None:
    """Prepare (imports, plan) untimed, then time the job alone."""
    jobs = {
        "studio": lambda: job_studio(folder, out, preview=False, seconds=seconds, fmt=fmt),
        "preview": lambda: job_studio(folder, out, preview=True),
        "floor": lambda: job_floor(folder, out, fmt),
        "moviepy": lambda: job_moviepy(folder, out),
    }
    print(json.dumps(measured(jobs[kind]())))


NICE = 0


def run_worker(kind: str, folder: Path, out: Path, *extra: str) -> dict[str, float]:
    worker = subprocess.Popen(
        [sys.executable, __file__, "--worker", kind, "--folder", str(folder), "--out", str(out),
         *extra],
        stdout=subprocess.PIPE, text=True,
        preexec_fn=(lambda: os.nice(NICE)) if NICE else None,  # noqa: PLW1509
    )
    # sampled from here for the whole life of the worker: its untimed imports hold less
    with TreeSampler(worker.pid) as sampler:
        stdout, _ = worker.communicate()
    if worker.returncode:
        raise subprocess.CalledProcessError(worker.returncode, worker.args, stdout)
    return {**json.loads(stdout.strip().splitlines()[-1]), "rss_tree_mb": sampler.peak}


def prepare_floor(folder: Path, studio_video: Path, fmt: str = "9:16") -> None:
    """Decode (a)'s frames and sound beforehand, so (b) times encoding only."""
    frames, sound = floor_files(folder, fmt)
    subprocess.run(
        [FFMPEG, "-v", "error", "-y", "-i", str(studio_video), "-f", "rawvideo",
         "-pix_fmt", "yuv420p", str(frames), "-vn", "-c:a", "pcm_s16le", str(sound)],
        check=True,
    )


def median(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(row[key] for row in rows)


def table(results: dict[str, list[dict[str, float]]]) -> str:
    lines = [
        "| run | n | wall s (median) | CPU s (median) | peak RSS python MB | "
        "peak RSS largest child MB | peak RSS of the process tree MB (sampled) |",
        "|---|---|---|---|---|---|---|",
    ]
    names = {"studio": "(a) studio renderer", "floor": "(b) encode floor",
             "moviepy": "(c) MoviePy 2", "preview": "studio preview (360x640)"}
    for kind, rows in results.items():
        if not rows:
            continue
        lines.append(
            f"| {names[kind]} | {len(rows)} | {median(rows, 'wall'):.2f} | "
            f"{median(rows, 'cpu'):.2f} | {max(r['rss_self_mb'] for r in rows):.0f} | "
            f"{max(r['rss_child_mb'] for r in rows):.0f} | "
            f"{max(r['rss_tree_mb'] for r in rows):.0f} |"
        )
    a, b, c = results["studio"], results["floor"], results.get("moviepy", [])
    pairs = [x["wall"] / y["wall"] for x, y in zip(a, b, strict=False)]
    cpu_pairs = [x["cpu"] / y["cpu"] for x, y in zip(a, b, strict=False)]
    lines += [
        "",
        f"- (a)/(b) wall, ratio of medians: {median(a, 'wall') / median(b, 'wall'):.3f}; "
        f"median of paired ratios: {statistics.median(pairs):.3f} "
        f"(all: {', '.join(f'{p:.3f}' for p in pairs)})",
        f"- (a)/(b) CPU, ratio of medians: {median(a, 'cpu') / median(b, 'cpu'):.3f}; "
        f"median of paired ratios: {statistics.median(cpu_pairs):.3f} "
        f"(all: {', '.join(f'{p:.3f}' for p in cpu_pairs)})",
    ]
    if c:
        lines.append(f"- (c)/(a) wall: {median(c, 'wall') / median(a, 'wall'):.2f}; "
                     f"CPU: {median(c, 'cpu') / median(a, 'cpu'):.2f}")
    one = max(r["rss_self_mb"] + r["rss_child_mb"] for r in a)
    tree = max(r["rss_tree_mb"] for r in a)
    lines.append(f"- peak RSS of one (a) render: python + largest child (peaks added, an upper "
                 f"bound) {one:.0f} MB; process tree sampled every 5 ms {tree:.0f} MB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--moviepy-runs", type=int, default=1)
    parser.add_argument("--preview-runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the videos")
    parser.add_argument("--nice", type=int, default=0,
                        help="run every timed job at this niceness (e.g. -10 as root on a "
                             "shared machine, so other users' load disturbs less)")
    parser.add_argument("--worker", choices=["studio", "preview", "floor", "moviepy"])
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--seconds", type=float, default=15.0, help=argparse.SUPPRESS)
    parser.add_argument("--format", default="9:16", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.folder, args.out, args.seconds, args.format)
        return
    global NICE
    NICE = args.nice

    with tempfile.TemporaryDirectory(prefix="bench-render-") as temp:
        folder = args.keep or Path(temp)
        print(f"cores: {os.cpu_count()}; niceness of timed jobs: {NICE}; load average at the "
              f"start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        build(folder)  # generate the media once, outside any timing
        results: dict[str, list[dict[str, float]]] = {
            "studio": [], "floor": [], "moviepy": [], "preview": []}
        first = folder / "studio.mp4"
        results["studio"].append(run_worker("studio", folder, first))
        prepare_floor(folder, first)
        for i in range(args.runs):
            if i:
                results["studio"].append(run_worker("studio", folder, folder / "studio.mp4"))
            results["floor"].append(run_worker("floor", folder, folder / "floor.mp4"))
            print(f"run {i + 1}: a {results['studio'][-1]['wall']:.2f} s, "
                  f"b {results['floor'][-1]['wall']:.2f} s", file=sys.stderr)
        for _ in range(args.preview_runs):
            results["preview"].append(run_worker("preview", folder, folder / "preview.mp4"))
        for _ in range(args.moviepy_runs):
            results["moviepy"].append(run_worker("moviepy", folder, folder / "moviepy.mp4"))
            print(f"moviepy: {results['moviepy'][-1]['wall']:.2f} s", file=sys.stderr)
        (folder / "frames.yuv").unlink(missing_ok=True)
        print(f"cores: {os.cpu_count()}; load average (1, 5, 15 min) at the end: "
              f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(table(results))


if __name__ == "__main__":
    main()
