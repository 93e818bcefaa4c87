"""Job-system overhead: N product15-class renders through Celery vs the same renders direct.

Both sides render the same requests — the sample catalog's products in the 15 s 1080x1920
``showcase`` template (Ken Burns photos, crossfades, title, price, CTA, music) — with the same
concurrency:

- direct: the ``template`` generator called in a pool of ``--concurrency`` processes;
- celery: ``studio worker -c <concurrency>`` (one worker, that many pool processes) on the
  embedded default (broker on local files, SQLite), the batch submitted and followed exactly
  as ``studio batch`` does. This side also probes, takes the poster, stores atomically and
  writes progress, events and usage: that is the job system's work and counts as overhead.

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
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "media" / "samples" / "catalog.csv"
TEMPLATE = "showcase"
STEPS: dict[str, float] = {}  # mean seconds per render in the worker, by step


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


def run_direct(count: int, concurrency: int, preview: bool, folder: Path) -> float:
    catalog = products()
    jobs = [(i, catalog[i % len(catalog)].model_dump(mode="json"), str(folder), preview)
            for i in range(count)]
    started = time.perf_counter()
    with ProcessPoolExecutor(concurrency) as pool:
        list(pool.map(direct_one, jobs))
    return time.perf_counter() - started


def run_celery(count: int, concurrency: int, preview: bool, home: Path) -> float:
    env = {**os.environ, "STUDIO_HOME": str(home), "STUDIO_MEDIA_ROOT": str(home / "media"),
           "STUDIO_DATABASE_URL": "", "STUDIO_BROKER_URL": "", "PYTHONPATH": str(REPO)}
    os.environ.update({k: v for k, v in env.items() if k.startswith("STUDIO_")})
    from studio.config import get_settings

    get_settings.cache_clear()
    from studio.db import session_scope
    from studio.jobs import runtime
    from studio.jobs.celery_app import reconfigure
    from studio.jobs.control import batch_status
    from studio.jobs.dispatch import dispatch
    from studio.jobs.submit import VideoRequest, submit_batch
    from studio.states import FINISHED

    runtime.prepare()
    reconfigure()
    workspace = runtime.default_workspace_id()
    from studio.cli.batch_cmd import import_catalog

    product_ids, _ = import_catalog(CATALOG, workspace)
    log = (home / "worker.log").open("wb")
    worker = subprocess.Popen(
        [sys.executable, "-m", "studio", "worker", "-c", str(concurrency), "-l", "info"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while b"ready." not in (home / "worker.log").read_bytes():
            if time.monotonic() > deadline or worker.poll() is not None:
                raise RuntimeError("the worker did not start; see " + str(home / "worker.log"))
            time.sleep(0.2)
        requests = [
            VideoRequest(product_id=product_ids[i % len(product_ids)], template_id=TEMPLATE,
                         options={"variant": i, **({"preview": True} if preview else {})})
            for i in range(count)
        ]
        started = time.perf_counter()
        with session_scope() as session:
            submission = submit_batch(session, workspace, requests)
        dispatch(submission)
        while True:
            with session_scope() as session:
                state = batch_status(session, submission.batch_id)
            if state["status"] in FINISHED["batch"]:
                break
            time.sleep(0.25)
        elapsed = time.perf_counter() - started
        if state["counts"]["succeeded"] != count:
            raise RuntimeError(f"batch ended {state['status']}: {state['failures'][:3]}")
        from sqlalchemy import select

        from studio.db import Job

        with session_scope() as session:
            payloads = session.scalars(select(Job.payload).where(Job.kind == "render")).all()
        for step in ("generate", "probe_poster", "store"):
            values = [p["timings"][step] for p in payloads if "timings" in p]
            STEPS[step] = round(sum(values) / max(len(values), 1), 3)
        return elapsed
    finally:
        worker.terminate()  # warm shutdown of the main process; it stops its pool
        try:
            worker.wait(timeout=60)
        finally:
            try:
                os.killpg(worker.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--renders", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--preview", action="store_true", help="low-resolution renders")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="studio-bench-batch-"))
    (folder / "direct").mkdir()
    try:
        direct = run_direct(args.renders, args.concurrency, args.preview, folder / "direct")
        celery = run_celery(args.renders, args.concurrency, args.preview, folder / "celery")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "renders": args.renders, "concurrency": args.concurrency, "preview": args.preview,
        "direct_seconds": round(direct, 1), "celery_seconds": round(celery, 1),
        "overhead_percent": round(100 * (celery / direct - 1), 1),
        "per_render_direct": round(direct / args.renders, 2),
        "per_render_celery": round(celery / args.renders, 2),
        "worker_mean_seconds": STEPS,
    }
    if args.json:
        print(json.dumps(result))
        return
    print("| renders | concurrency | direct | through Celery | overhead |")
    print("|---|---|---|---|---|")
    print(f"| {args.renders}{' (preview)' if args.preview else ''} | {args.concurrency} "
          f"| {direct:.1f} s | {celery:.1f} s | {result['overhead_percent']:+.1f} % |")
    print(f"\nmean per render in the worker: {STEPS}")


if __name__ == "__main__":
    main()
