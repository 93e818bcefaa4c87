"""Job-system overhead: N product15-class renders through Celery vs the same renders direct.

Both sides render the same requests — the sample catalog's products in the 15 s 1080x1920
``showcase`` template (Ken Burns photos, crossfades, title, price, CTA, music) — with the same
concurrency:

- direct: the ``template`` generator called in a pool of ``--concurrency`` processes;
- celery: ``studio worker -c <concurrency>`` (one worker, that many pool processes) on the
  embedded default (broker on local files, SQLite), the batch submitted as ``studio batch``
  does and followed at its refresh rate (0.5 s). This side also probes, takes the poster,
  stores atomically and writes progress, events and usage: that is the job system's work and
  counts as overhead.

Wall time from submitting the first render to the last one finished; the worker is started
and warm before the clock starts, as a deployed worker is.

    .venv/bin/python bench/batch.py                 # 40 renders, concurrency 2
    .venv/bin/python bench/batch.py --renders 8 --preview   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "media" / "samples" / "catalog.csv"
TEMPLATE = "showcase"
STEPS: dict[str, float] = {}  # mean seconds per render in the worker, by step
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int, *, children: bool = True) -> float:
    """CPU time of ``pid`` (user + system), with its reaped children (ffmpeg) if asked."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except FileNotFoundError:
        return 0.0
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return (utime + stime + ((cutime + cstime) if children else 0)) / TICK


def child_pids(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(child) for child in text.split()]


class CpuMeter:
    """CPU seconds spent by named groups of processes between two readings."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self._start: dict[str, float] = {}

    def start(self, readings: dict[str, float]) -> None:
        self._start = readings

    def stop(self, readings: dict[str, float]) -> None:
        for name, value in readings.items():
            self.totals[name] = self.totals.get(name, 0.0) + value - self._start.get(name, 0.0)


def products() -> list:  # type: ignore[type-arg]
    from studio.contracts import FetchQuery, ProductData
    from studio.plugins import get_data_source

    source = get_data_source("csv")
    source.connect({})
    rows = [r for r in source.fetch(FetchQuery(kind="products", path=CATALOG))
            if isinstance(r, ProductData)]
    return [r.model_copy(update={"images": [str((CATALOG.parent / i).resolve())
                                            for i in r.images]}) for r in rows]


def direct_one(args: tuple[int, dict, str, bool]) -> float:  # type: ignore[type-arg]
    index, product, folder, preview = args
    from studio.contracts import GenerationRequest
    from studio.plugins import get_generator
    from studio.product import ProductData

    started = time.perf_counter()
    get_generator("template").generate(GenerationRequest(
        output_path=Path(folder) / f"direct-{index}.mp4", product=ProductData(**product),
        template_id=TEMPLATE, preview=preview, options={"variant": index},
    ), lambda fraction, message: None)
    return time.perf_counter() - started


class Direct:
    """A warm pool of ``concurrency`` processes calling the generator, nothing else."""

    def __init__(self, concurrency: int, preview: bool, folder: Path) -> None:
        self.catalog = [p.model_dump(mode="json") for p in products()]
        self.pool = ProcessPoolExecutor(concurrency)
        self.preview, self.folder = preview, folder
        list(self.pool.map(_warm, range(concurrency)))
        self.cpu = CpuMeter()

    def readings(self) -> dict[str, float]:
        pids = list(self.pool._processes or {})  # type: ignore[attr-defined]
        return {"pool (renders)": sum(cpu_seconds(pid) for pid in pids)}

    def run(self, indexes: range) -> float:
        jobs = [(i, self.catalog[i % len(self.catalog)], str(self.folder), self.preview)
                for i in indexes]
        self.cpu.start(self.readings())
        started = time.perf_counter()
        list(self.pool.map(direct_one, jobs))
        elapsed = time.perf_counter() - started
        self.cpu.stop(self.readings())
        return elapsed


def _warm(_: int) -> None:
    from studio.plugins import get_generator

    get_generator("template")


class ThroughCelery:
    """A warm ``studio worker -c <concurrency>`` on the embedded default, fed like
    ``studio batch`` feeds it."""

    def __init__(self, concurrency: int, preview: bool, home: Path) -> None:
        env = {**os.environ, "STUDIO_HOME": str(home), "STUDIO_MEDIA_ROOT": str(home / "media"),
               "STUDIO_DATABASE_URL": "", "STUDIO_BROKER_URL": "", "PYTHONPATH": str(REPO)}
        os.environ.update({k: v for k, v in env.items() if k.startswith("STUDIO_")})
        from studio.config import get_settings

        get_settings.cache_clear()
        from studio.jobs import runtime
        from studio.jobs.celery_app import reconfigure
        from studio.services.catalog import CatalogFile, import_catalog
        from studio.services.uow import unit_of_work

        runtime.prepare()
        reconfigure()
        self.workspace = runtime.default_workspace_id()
        with unit_of_work(self.workspace) as scope:
            imported = import_catalog(scope, source="csv", config={},
                                      file=CatalogFile(CATALOG, CATALOG.name))
        self.product_ids = imported.product_ids
        self.preview = preview
        self.log = home / "worker.log"
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "studio", "worker", "-c", str(concurrency), "-l", "info"],
            env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while b"ready." not in self.log.read_bytes():
            if time.monotonic() > deadline or self.worker.poll() is not None:
                self.stop()
                raise RuntimeError(f"the worker did not start; see {self.log}")
            time.sleep(0.2)
        self.cpu = CpuMeter()

    def readings(self) -> dict[str, float]:
        times = os.times()
        return {
            "pool (renders)": sum(cpu_seconds(pid) for pid in child_pids(self.worker.pid)),
            "worker main process": cpu_seconds(self.worker.pid, children=False),
            "submitter + follower": times.user + times.system,
        }

    def run(self, indexes: range) -> float:
        from studio.services.batches import batch_public, create_batch, get_batch
        from studio.services.requests import VideoRequest
        from studio.services.uow import unit_of_work
        from studio.states import FINISHED

        requests = [
            VideoRequest(product_id=self.product_ids[i % len(self.product_ids)],
                         template_id=TEMPLATE,
                         options={"variant": i, **({"preview": True} if self.preview else {})})
            for i in indexes
        ]
        self.cpu.start(self.readings())
        started = datetime.now(UTC)
        # saved as `studio batch` saves it; the videos leave for the worker on commit
        with unit_of_work(self.workspace) as scope:
            batch, _ = create_batch(scope, requests, name=f"bench {indexes.start}")
        # followed as `studio batch` follows it (the full status every 0.5 s: that cost is the
        # seller's, so it counts); the clock stops when the worker closed the batch, not when
        # this loop happens to look
        while True:
            with unit_of_work(self.workspace) as scope:
                state = batch_public(scope, get_batch(scope, batch.id))
            if state.status in FINISHED["batch"]:
                break
            time.sleep(0.5)
        self.cpu.stop(self.readings())
        assert state.finished_at is not None
        finished_at = state.finished_at
        if finished_at.tzinfo is None:
            finished_at = finished_at.replace(tzinfo=UTC)
        elapsed = (finished_at - started).total_seconds()
        if state.counts.get("succeeded") != len(requests):
            raise RuntimeError(f"batch ended {state.status}: {state.failures[:3]}")
        return elapsed

    def step_means(self) -> dict[str, float]:
        from sqlalchemy import select

        from studio.db import Job, session_scope

        with session_scope() as session:
            jobs = session.scalars(select(Job).where(Job.kind == "render")).all()
        payloads = [job.payload for job in jobs]
        means = {}
        for step in ("generate", "probe_poster", "store"):
            values = [p["timings"][step] for p in payloads if "timings" in p]
            means[step] = round(sum(values) / max(len(values), 1), 3)
        # from "running" to "succeeded" as the database saw it: the task minus the queue wait
        spans = [(j.finished_at - j.started_at).total_seconds() for j in jobs
                 if j.finished_at and j.started_at]
        means["task"] = round(sum(spans) / max(len(spans), 1), 3)
        return means

    def stop(self) -> None:
        self.worker.terminate()  # warm shutdown of the main process; it stops its pool
        try:
            self.worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.worker.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--renders", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--preview", action="store_true", help="low-resolution renders")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=5,
                        help="alternate direct and Celery this many times (load drifts)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work folder (worker log, database) and print where it is")
    parser.add_argument("--nice", type=int, default=0,
                        help="run the whole benchmark (both sides, inherited) at this niceness")
    args = parser.parse_args()
    # a SIGTERM (pkill, a timeout) unwinds like Ctrl-C: the clean-up below stops the worker,
    # which otherwise goes on rendering beside the next measurement
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.nice:
        os.nice(args.nice)
    print(f"load average at the start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}",
          file=sys.stderr)

    folder = Path(tempfile.mkdtemp(prefix="studio-bench-batch-"))
    (folder / "direct").mkdir()
    direct_side = celery_side = None
    direct = celery = 0.0
    try:
        direct_side = Direct(args.concurrency, args.preview, folder / "direct")
        celery_side = ThroughCelery(args.concurrency, args.preview, folder / "celery")
        # untimed: one render per pool process on each side — first imports (OpenCV, PyAV),
        # templates and caches are a worker's start-up, not a render's cost (it was +31 s of
        # the Celery side's first round of 10 when only the worker's main process was warm)
        warm = range(10_000, 10_000 + args.concurrency)
        direct_side.run(warm)
        celery_side.run(warm)
        direct_side.cpu, celery_side.cpu = CpuMeter(), CpuMeter()
        size = -(-args.renders // args.rounds)
        pairs = []
        for first in range(0, args.renders, size):
            chunk = range(first, min(first + size, args.renders))
            one = direct_side.run(chunk)
            other = celery_side.run(chunk)
            direct += one
            celery += other
            pairs.append(other / one)
            print(f"after {chunk.stop} renders: direct {direct:.1f} s, celery {celery:.1f} s",
                  file=sys.stderr, flush=True)
        STEPS.update(celery_side.step_means())
        cpu = {"direct": direct_side.cpu.totals, "celery": celery_side.cpu.totals}
    finally:
        if celery_side is not None:
            celery_side.stop()
        if direct_side is not None:
            direct_side.pool.shutdown()
        if args.keep:
            print(f"work folder kept: {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    result = {
        "renders": args.renders, "concurrency": args.concurrency, "preview": args.preview,
        "direct_seconds": round(direct, 1), "celery_seconds": round(celery, 1),
        "overhead_percent": round(100 * (celery / direct - 1), 1),
        "ratio": round(celery / direct, 4),
        "round_ratios": [round(p, 4) for p in pairs],
        "per_render_direct": round(direct / args.renders, 2),
        "per_render_celery": round(celery / args.renders, 2),
        "worker_mean_seconds": STEPS,
        "cpu_seconds": {side: {k: round(v, 1) for k, v in values.items()}
                        for side, values in cpu.items()},
        "load_average": os.getloadavg(),
    }
    if args.json:
        print(json.dumps(result))
        return
    print("| renders | concurrency | direct | through Celery | overhead |")
    print("|---|---|---|---|---|")
    print(f"| {args.renders}{' (preview)' if args.preview else ''} | {args.concurrency} "
          f"| {direct:.1f} s | {celery:.1f} s | {result['overhead_percent']:+.1f} % |")
    render_cpu = cpu["direct"].get("pool (renders)", 0.0) / args.renders
    print(f"\ncelery / direct: {celery / direct:.4f} (rounds: "
          f"{', '.join(f'{p:.3f}' for p in pairs)}; median {statistics.median(pairs):.4f})")
    print(f"videos per hour on {os.cpu_count()} cores, direct: {3600 * args.renders / direct:.0f};"
          f" through Celery: {3600 * args.renders / celery:.0f}; CPU-seconds per video "
          f"(direct render pool): {render_cpu:.2f}")
    print(f"\nmean per render in the worker: {STEPS}")
    print(f"CPU seconds while rendering: {result['cpu_seconds']}")
    print(f"load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
