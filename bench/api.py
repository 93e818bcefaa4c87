"""Benchmark the API: a 1,000-video batch POST, and ROI over 1,000,000 ad rows.

    .venv/bin/python bench/api.py                     # SQLite; add --db postgres or --db both
    .venv/bin/python bench/api.py --runs 10 --ad-rows 1000000 --dispatch

Requests go through the whole ASGI stack in-process (auth, rate limit, idempotency, JSON
logs, validation, serialisation) with httpx's ASGI transport: what a client sees minus the
network. Goals (issue 7): batch POST p50 ≤ 1 s, ROI GET p50 ≤ 300 ms.
``--dispatch`` also sends the work to the embedded broker: a batch this big leaves the API
as one message (the frozen chord of 1,000 chains, which a worker publishes); without it the
videos and jobs are committed and the workers' recovery sweep sends them.
The batch figures also give this process's CPU time per request (the API and, on SQLite,
the database engine; not the PostgreSQL server): on a shared machine it moves less with the
load than the wall clock does.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import Table, insert, text  # noqa: E402

from api.main import create_app  # noqa: E402
from api.settings import ApiSettings  # noqa: E402
from studio.auth import create_api_key, create_workspace  # noqa: E402
from studio.config import Settings, get_settings  # noqa: E402
from studio.db import AdStat, Product, Video, dispose_engines, session_scope  # noqa: E402
from studio.db.engine import make_engine  # noqa: E402
from studio.db.migrate import upgrade  # noqa: E402

TEMPLATES = ["showcase", "price-drop", "feature-list", "comparison", "ugc-captions"]
PG_ADMIN = os.environ.get(
    "STUDIO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def database(kind: str, folder: Path) -> tuple[str, object]:
    """A fresh migrated database; returns its URL and a cleanup callable."""
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'bench.db'}"
        upgrade(url)
        return url, lambda: None
    admin = make_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"studio_bench_api_{os.getpid()}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    upgrade(url)

    def drop() -> None:
        dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def app_for(url: str, home: Path, dispatch: bool) -> tuple[TestClient, dict[str, str], int]:
    os.environ.update(STUDIO_HOME=str(home), STUDIO_DATABASE_URL=url,
                      STUDIO_MEDIA_ROOT=str(home / "media"))
    get_settings.cache_clear()
    settings = Settings()
    api = ApiSettings(rate_limit_enabled=False, dispatch_jobs=dispatch)
    logging.disable(logging.INFO)  # measure the API, not the terminal
    with session_scope(url) as session:
        workspace = create_workspace(session=session, name="Bench Shop")
        _, key = create_api_key(session=session, workspace_id=workspace.id)
        workspace_id = workspace.id
    if dispatch:
        from studio.jobs import runtime
        from studio.jobs.celery_app import reconfigure

        runtime.prepare(settings)
        reconfigure(settings)
    client = TestClient(create_app(settings, api))
    return client, {"Authorization": f"Bearer {key}"}, workspace_id


def bench_batch(url: str, home: Path, runs: int, dispatch: bool
                ) -> tuple[list[float], list[float]]:
    client, headers, workspace_id = app_for(url, home, dispatch)
    with session_scope(url) as session:
        products = [Product(workspace_id=workspace_id, title=f"Product {i}", price=Decimal(20),
                            category="home") for i in range(100)]
        session.add_all(products)
        session.flush()
        ids = [p.id for p in products]
    timings, cpu = [], []
    for run in range(runs + 1):
        # new options each run: a new request, not a replay of the identical batch
        items = [{"product": p, "template": t, "format": f, "options": {"run": run}}
                 for p in ids for t in TEMPLATES for f in ("9:16", "1:1")]
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.post("/api/v1/batches", headers=headers, json={"items": items})
        elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu_started
        assert response.status_code == 202, response.text
        assert response.json()["counts"]["total"] == 1000
        if run:  # the first run warms caches (templates, plugin host, pools)
            timings.append(elapsed)
            cpu.append(cpu_used)
    return timings, cpu


def load_ad_rows(url: str, workspace_id: int, rows: int, videos: int) -> None:
    rng = random.Random(7)
    start = date(2026, 1, 1)
    days = rows // videos
    with session_scope(url) as session:
        product = Product(workspace_id=workspace_id, title="Dress", price=Decimal(50),
                          cost=Decimal(20), category="dresses")
        session.add(product)
        session.flush()
        video_rows = [
            {"workspace_id": workspace_id, "creative_code": f"B{i:07d}", "product_id": product.id,
             "template_id": TEMPLATES[i % len(TEMPLATES)], "template_version": "v1",
             "status": "succeeded", "format": "9:16"}
            for i in range(videos)
        ]
        session.execute(insert(Video), video_rows)
        video_ids = [v for (v,) in session.execute(text(
            "select id from videos where creative_code like 'B%' order by id"))]
    batch: list[dict] = []
    table = cast(Table, AdStat.__table__)
    engine = make_engine(url)
    with engine.begin() as connection:
        for n, video_id in enumerate(video_ids):
            for d in range(days):
                spend = Decimal(rng.randint(100, 250_000)) / 100
                impressions = rng.randint(500, 90_000)
                clicks = impressions // rng.randint(40, 120)
                buys = clicks // rng.randint(10, 60)
                batch.append({
                    "workspace_id": workspace_id, "platform": "meta", "ad_id": f"ad{n}",
                    "ad_name": f"Ad B{n:07d}", "ad_key": f"id:ad{n}",
                    "date": start + timedelta(d), "spend": spend, "impressions": impressions,
                    "clicks": clicks, "link_clicks": clicks, "purchases": buys,
                    "revenue": Decimal(buys * 50), "plays_3s": impressions // 3,
                    "thruplays": impressions // 9, "currency": "USD", "raw": {},
                    "video_id": video_id, "match_method": "ad_link",
                })
                if len(batch) >= 20_000:
                    connection.execute(insert(table), batch)
                    batch.clear()
        if batch:
            connection.execute(insert(table), batch)
        if url.startswith("postgresql"):
            connection.execute(text("ANALYZE ad_stats"))
    engine.dispose()
    # an import rebuilds the all-time totals per video; rows loaded directly need the same
    from studio.roi import rollup

    with session_scope(url) as session:
        rollup.rebuild(session, workspace_id)


RANGE = {"since": "2026-01-01", "until": "2027-12-31"}  # every row, read from ad_stats


def bench_roi(url: str, home: Path, runs: int, rows: int
              ) -> tuple[dict[str, list[float]], float]:
    client, headers, workspace_id = app_for(url, home, dispatch=False)
    started = time.perf_counter()
    load_ad_rows(url, workspace_id, rows, videos=2000)
    loading = time.perf_counter() - started
    timings: dict[str, list[float]] = {"all time": [], "date range": []}
    for name, extra in (("all time", {}), ("date range", RANGE)):
        for run in range(runs + 1):
            started = time.perf_counter()
            response = client.get("/api/v1/analytics/roi", headers=headers,
                                  params={"by": "template", **extra})
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.text
            groups = response.json()["groups"]
            assert sum(g["videos"] for g in groups) == 2000, response.text[:2000]
            if run:
                timings[name].append(elapsed)
    return timings, loading


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--ad-rows", type=int, default=1_000_000)
    parser.add_argument("--dispatch", action="store_true",
                        help="also enqueue on the embedded broker (Celery chord)")
    parser.add_argument("--skip", choices=("batch", "roi"), default=None)
    args = parser.parse_args()
    kinds = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    for kind in kinds:
        if args.skip != "batch":
            with tempfile.TemporaryDirectory(prefix="studio-bench-api-") as folder:
                url, cleanup = database(kind, Path(folder))
                try:
                    t, cpu = bench_batch(url, Path(folder) / "home", args.runs,
                                         args.dispatch)
                finally:
                    dispose_engines()
                    cleanup()  # type: ignore[operator]
            what = "accept + enqueue" if args.dispatch else "accept (queued in the DB)"
            print(f"{kind:8} POST /batches 1,000 items, {what}: p50 {statistics.median(t):.3f}"
                  f" s, p95 {percentile(t, 0.95):.3f} s ({len(t)} runs; CPU of this process "
                  f"p50 {statistics.median(cpu):.3f} s)")
        if args.skip != "roi":
            with tempfile.TemporaryDirectory(prefix="studio-bench-api-") as folder:
                url, cleanup = database(kind, Path(folder))
                try:
                    roi, loading = bench_roi(url, Path(folder) / "home", args.runs,
                                             args.ad_rows)
                finally:
                    dispose_engines()
                    cleanup()  # type: ignore[operator]
            for name, values in roi.items():
                print(f"{kind:8} GET /analytics/roi ({name}) over {args.ad_rows:,} ad rows: "
                      f"p50 {statistics.median(values) * 1000:.0f} ms, "
                      f"p95 {percentile(values, 0.95) * 1000:.0f} ms ({len(values)} runs; "
                      f"rows loaded in {loading:.0f} s)")


if __name__ == "__main__":
    main()
