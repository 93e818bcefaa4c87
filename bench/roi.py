"""Benchmark: 1,000,000 Meta ad rows (Ads Manager export format) → import → ROI per template.

    .venv/bin/python bench/roi.py                      # SQLite and PostgreSQL, 1M rows
    .venv/bin/python bench/roi.py --rows 100000 --db sqlite --runs 3

Targets (issue 6): import ≤ 20 s, ROI per template ≤ 300 ms, on both databases.
The export is written like a real one: UTF-8 with BOM, a summary row first, quoted thousands
separators, '-' rankings, currency in the header suffix.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import secrets
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text  # noqa: E402

from plugins.meta_ads import MetaAds  # noqa: E402
from studio.contracts import FetchQuery  # noqa: E402
from studio.db import (  # noqa: E402
    AdImport,
    Product,
    Video,
    Workspace,
    dispose_engines,
    get_sessionmaker,
)
from studio.db.engine import make_engine  # noqa: E402
from studio.db.migrate import upgrade  # noqa: E402
from studio.roi.query import roi_from_db  # noqa: E402
from studio.roi.staging import STAGE_COLUMNS  # noqa: E402
from studio.roi.store import import_ad_stats  # noqa: E402

HEADERS = [
    "Reporting starts", "Reporting ends", "Day", "Campaign name", "Ad set name", "Ad name",
    "Ad ID", "Ad delivery", "Results", "Result indicator", "Cost per results",
    "Amount spent (USD)", "Impressions", "Reach", "Frequency",
    "CPM (cost per 1,000 impressions) (USD)",
    "Link clicks", "CTR (link click-through rate)", "Purchases", "Purchases conversion value",
    "3-second video plays", "ThruPlays", "Quality ranking", "Engagement rate ranking",
    "Conversion rate ranking", "Purchase ROAS (return on ad spend)",
]  # fmt: skip
TEMPLATES = [f"template-{i:02d}" for i in range(10)]
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PG_ADMIN = os.environ.get(
    "STUDIO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def code(i: int) -> str:
    out = ""
    for _ in range(8):
        i, r = divmod(i, len(ALPHABET))
        out += ALPHABET[r]
    return out


def write_export(path: Path, rows: int, ads: int) -> None:
    days = rows // ads
    rng = random.Random(7)
    start = date(2026, 1, 1)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADERS)
        out.writerow([start, start + timedelta(days - 1), "", "", "", "", "", "", "", "", "",
                      "999,999.00", "9,999,999", "", "", "", "", "", "", "", "", "", "", "",
                      "", ""])  # fmt: skip
        for ad in range(ads):
            name = f"Product {ad % 50} | {TEMPLATES[ad % 10]} | {code(ad + 10_000)}"
            if ad % 7 == 0:
                name += " - Copy"
            for d in range(days):
                day = start + timedelta(d)
                spend = Decimal(rng.randint(100, 250_000)) / 100
                imp = rng.randint(500, 90_000)
                clicks = imp // rng.randint(40, 120)
                buys = clicks // rng.randint(15, 60)
                value = Decimal(buys * rng.randint(1500, 9000)) / 100
                out.writerow([
                    day, day, day, "Spring", "Broad", name, f"1202{ad:010d}", "active", buys,
                    "actions:offsite_conversion.fb_pixel_purchase", "-", f"{spend:,.2f}",
                    f"{imp:,}", f"{imp * 9 // 10:,}", "1.11", "12.34", f"{clicks:,}", "1.2",
                    buys, f"{value:,.2f}", f"{imp // 3:,}", f"{imp // 12:,}", "-", "Average",
                    "-", "2.1",
                ])  # fmt: skip


def seed(url: str, ads: int) -> int:
    session = get_sessionmaker(url)()
    ws = Workspace(name=f"bench-{secrets.token_hex(3)}", slug=f"bench-{secrets.token_hex(4)}")
    session.add(ws)
    session.flush()
    products = []
    for i in range(50):
        products.append({"workspace_id": ws.id, "title": f"Product {i}", "price": Decimal("39.90"),
                         "cost": Decimal("14.00"), "category": f"cat-{i % 5}", "source": "bench",
                         "external_id": f"p{i}", "description": "", "attributes": {},
                         "images": [], "variants": [], "currency": "USD"})  # fmt: skip
    session.execute(insert(Product), products)
    ids = [
        pid
        for (pid,) in session.execute(
            text("SELECT id FROM products WHERE workspace_id = :ws ORDER BY id"), {"ws": ws.id}
        )
    ]
    session.execute(insert(Video), [
        {"workspace_id": ws.id, "creative_code": code(ad + 10_000), "product_id": ids[ad % 50],
         "template_id": TEMPLATES[ad % 10], "template_version": "v1", "status": "succeeded",
         "production_cost": Decimal("1.25"), "production_currency": "USD"}
        for ad in range(ads)
    ])  # fmt: skip
    session.commit()
    session.close()
    return ws.id


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# what a bulk load writes: every column of an ad_stats row but its id
LOADED = (*STAGE_COLUMNS, "ad_import_id", "created_at", "updated_at")


def _empty(url: str) -> None:
    """ad_stats emptied (untimed), so a first import and a bulk load start alike."""
    if url.startswith("postgresql"):
        with make_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text("TRUNCATE ad_stats"))
            conn.execute(text("VACUUM ANALYZE ad_stats"))
    else:
        with make_engine(url).begin() as conn:
            conn.execute(text("DELETE FROM ad_stats"))


def _parsed_rows(url: str, ws: int) -> object:
    """The rows an import stored, as the database's bulk load takes them: COPY text
    (PostgreSQL) or tuples (SQLite). Read back once, untimed."""
    columns = ", ".join(LOADED)
    engine = make_engine(url)
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        if url.startswith("postgresql"):
            data = bytearray()
            with driver.cursor() as cursor, cursor.copy(
                f"COPY (SELECT {columns} FROM ad_stats WHERE workspace_id = {ws} "
                "ORDER BY id) TO STDOUT"
            ) as copy:
                for chunk in copy:
                    data += chunk
            return bytes(data)
        return driver.execute(
            f"SELECT {columns} FROM ad_stats WHERE workspace_id = ? ORDER BY id", (ws,)
        ).fetchall()


def _bulk_load(url: str, ws: int, rows: object) -> float:
    """The floor: the database alone loads the parsed rows into ad_stats (indexes, keys),
    one transaction, committed. Returns wall seconds."""
    session = get_sessionmaker(url)()
    run_ = AdImport(workspace_id=ws, source="bench-floor", platform="meta", status="done")
    session.add(run_)
    session.commit()
    import_id = run_.id
    session.close()
    engine = make_engine(url)
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        if url.startswith("postgresql"):
            assert isinstance(rows, bytes)
            # the import's id is the last-but-two column: the copied text carries the old one
            text_ = _with_import(rows, import_id)
            t0 = time.perf_counter()
            # the import's own settings (studio.roi.store._tune)
            driver.execute("SET LOCAL synchronous_commit = off")
            with driver.cursor() as cursor, cursor.copy(
                f"COPY ad_stats ({', '.join(LOADED)}) FROM STDIN"
            ) as copy:
                for start in range(0, len(text_), 1 << 20):
                    copy.write(text_[start:start + (1 << 20)])
            driver.commit()
            return time.perf_counter() - t0
        assert isinstance(rows, list)
        at = LOADED.index("ad_import_id")
        rows = [(*r[:at], import_id, *r[at + 1:]) for r in rows]
        marks = ", ".join("?" for _ in LOADED)
        # the import's own setting (studio.roi.store._tune): the floor is not handicapped
        driver.execute("PRAGMA cache_size = -262144")
        t0 = time.perf_counter()
        driver.executemany(f"INSERT INTO ad_stats ({', '.join(LOADED)}) VALUES ({marks})", rows)
        driver.commit()
        return time.perf_counter() - t0


def _with_import(data: bytes, import_id: int) -> bytes:
    at = LOADED.index("ad_import_id")
    out = []
    for line in data.splitlines():
        cells = line.split(b"\t")
        cells[at] = str(import_id).encode()
        out.append(b"\t".join(cells))
    out.append(b"")
    return b"\n".join(out)


def _import(url: str, ws: int, export: Path) -> tuple[float, float, float, object]:
    session = get_sessionmaker(url)()
    w0 = _children_cpu()
    c0, t0 = time.process_time(), time.perf_counter()
    rows = MetaAds().fetch(FetchQuery(kind="ad_stats", path=export))
    summary = import_ad_stats(session, ws, rows, source="meta", platform="meta", file=export)
    session.commit()
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    session.close()
    assert not summary.rejected, summary.rejected[:3]
    return wall, cpu, _children_cpu() - w0, summary


def run(url: str, export: Path, ads: int, runs: int) -> dict[str, object]:
    """Rounds of: ad_stats emptied → first import → the same file again → emptied → the
    database's bulk load of the same rows (the floor); alternated, so drifting load from
    other processes hits both sides alike. ``runs`` 0: no rounds, one import for the ROI."""
    ws = seed(url, ads)
    first, again, floor, first_cpu, again_cpu, workers = [], [], [], [], [], []
    # untimed: the export read once (page cache) and the table grown once, so the first
    # timed import does not pay for growing the database file that the bulk loads reuse
    summary = _import(url, ws, export)[3] if runs else None
    parsed: object = _parsed_rows(url, ws) if runs else None
    for _ in range(runs):
        _empty(url)
        wall, cpu, kids, summary = _import(url, ws, export)
        first.append(wall)
        first_cpu.append(cpu)
        wall, cpu, kids2, summary = _import(url, ws, export)
        again.append(wall)
        again_cpu.append(cpu)
        workers.append(round(kids + kids2, 2))
        _empty(url)
        floor.append(_bulk_load(url, ws, parsed))
        print(f"  first {first[-1]:.2f} s, again {again[-1]:.2f} s, floor {floor[-1]:.2f} s",
              file=sys.stderr)
    # leave the table as an import left it, for the ROI queries
    _empty(url)
    summary = _import(url, ws, export)[3]
    if url.startswith("postgresql"):
        with make_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text("VACUUM ANALYZE ad_stats"))
    else:
        with make_engine(url).begin() as conn:
            conn.execute(text("ANALYZE"))
    queries, query_cpu = [], []
    report = None
    for _ in range(7):
        session = get_sessionmaker(url)()
        c0, t0 = time.process_time(), time.perf_counter()
        report = roi_from_db(session, ws, by="template")
        queries.append(time.perf_counter() - t0)
        query_cpu.append(time.process_time() - c0)
        session.close()
    assert report is not None
    assert len(report.groups) == len(TEMPLATES), report.messages
    assert sum(g.videos for g in report.groups) == ads
    med = statistics.median
    roi = {
        "roi_median_ms": round(med(queries) * 1000, 1),
        "roi_all_ms": [round(q * 1000, 1) for q in queries],
        "roi_cpu_median_ms": round(med(query_cpu) * 1000, 1),
        "load_average": os.getloadavg(),
    }
    if not runs:
        return {"rows": summary.rows_total, **roi}
    return {
        "rows": summary.rows_total,
        "first_import_s": [round(x, 2) for x in first],
        "reimport_s": [round(x, 2) for x in again],
        "floor_bulk_load_s": [round(x, 2) for x in floor],
        "first_median_s": round(med(first), 2),
        "reimport_median_s": round(med(again), 2),
        "floor_median_s": round(med(floor), 2),
        "first_vs_floor": round(med(first) / med(floor), 3),
        "first_vs_floor_paired": round(med(a / b for a, b in zip(first, floor, strict=True)), 3),
        "reimport_vs_floor": round(med(again) / med(floor), 3),
        "reimport_vs_floor_paired": round(
            med(a / b for a, b in zip(again, floor, strict=True)), 3),
        "import_cpu_s (this process, first / again)": [round(med(first_cpu), 2),
                                                      round(med(again_cpu), 2)],
        "worker_cpu_s (per round)": workers,
        **roi,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--ads", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3,
                        help="rounds of first import, re-import and the floor's bulk load")
    parser.add_argument("--roi-only", action="store_true",
                        help="no import rounds: one import, then the 7 ROI queries")
    parser.add_argument("--export", type=Path,
                        help="the export file to use, written there first if missing "
                             "(kept: later runs skip writing it)")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--nice", type=int, default=0,
                        help="run at this niceness (e.g. -10 as root on a shared machine); "
                             "a local PostgreSQL server keeps its own")
    args = parser.parse_args()
    if args.nice:
        os.nice(args.nice)
    print(f"load average at the start: {os.getloadavg()}; niceness {args.nice}")
    runs = 0 if args.roi_only else args.runs
    with tempfile.TemporaryDirectory() as tmp:
        export = args.export or Path(tmp) / "Spring-Ads-Jan-1-2026.csv"
        t0 = time.perf_counter()
        if not export.exists():
            write_export(export, args.rows, args.ads)
            print(f"wrote {args.rows:,} rows ({export.stat().st_size / 1e6:.0f} MB) "
                  f"in {time.perf_counter() - t0:.1f} s")  # fmt: skip
        if args.db in ("sqlite", "both"):
            url = f"sqlite:///{tmp}/bench.db"
            upgrade(url)
            print("sqlite:", run(url, export, args.ads, runs))
            dispose_engines()
        if args.db in ("postgres", "both"):
            name = f"studio_bench_{os.getpid()}"
            admin = make_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
            try:
                upgrade(url)
                print("postgresql:", run(url, export, args.ads, runs))
            finally:
                dispose_engines()
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()


if __name__ == "__main__":
    main()
