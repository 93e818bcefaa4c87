"""SQLite, a workspace's first import: the per-video totals summed while the rows are written
(``rollup.Summed``) are ``rollup.rebuild``'s table to the digit."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from studio.db import AdImport, AdStat, AdStatTotal
from studio.roi import columnar, import_workers, rollup
from studio.roi.staging import STRAIGHT_COLUMNS
from tests.roi.test_columnar import odd_export
from tests.roi.test_import_workers import imported
from tests.roi.test_store import shop  # noqa: F401 (a fixture)

ON_SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _totals(session, ws):
    columns = [c for c in AdStatTotal.__table__.columns if c.name != "id"]
    # raw values, in the table's order: SQLite's integers as stored, no Numeric conversion
    driver = session.connection().connection.driver_connection
    names = ", ".join(c.name for c in columns)
    return driver.execute(
        f"SELECT {names}, typeof(spend), typeof(impressions) FROM ad_stat_totals "
        "WHERE workspace_id = ? ORDER BY id", (ws,)
    ).fetchall()


def _odd_rows(ws, import_id, videos, rng):
    """Stage rows as the import writes them: amounts whose micro-units round at .5 (either
    way, by the double's error), integral ones (stored as SQLite integers), negative ones,
    NULL plays, several currencies, TikTok's 2-s hook, unlinked ads."""
    halves = [0.0000005, 0.0000015, 0.0000025, 1.0000005, 2.5e-6, 0.1234565, 19.9999995,
              0.49999999999999994e-6, 1e-7, 3.0, 0.0, -0.0, -1.0000005, -2.5e-6, 123456.789]
    rows = []
    for i in range(600):
        day = f"2026-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}"
        platform = "tiktok" if i % 3 == 0 else "meta"
        ad = i % 23
        spend = halves[i % len(halves)] if i % 2 else round(rng.uniform(0, 5000), rng.randint(0, 9))
        revenue = rng.choice([0.0, 7.0, halves[(i * 7) % len(halves)], rng.uniform(0, 1e5)])
        plays = [rng.choice([None, rng.randint(0, 10**6)]) for _ in range(3)]
        impressions = rng.randint(0, 10**9)
        rows.append((
            ws, platform, f"id:{ad}", day, "acct", str(ad), f"ad {ad}", "Spring",
            ["USD", "EUR", "JPY"][ad % 3], spend, impressions, rng.randint(0, 9),
            rng.randint(0, 9), rng.randint(0, 3), revenue, *plays, None, "{}",
            videos[ad % len(videos)], None if videos[ad % len(videos)] is None else "code",
            import_id, "2026-12-07 00:00:00", "2026-12-07 00:00:00",
        ))  # fmt: skip
    return rows


@ON_SQLITE
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_summed_totals_are_rebuild_s(session, shop, seed):  # noqa: F811
    ws, videos = shop
    run = AdImport(workspace_id=ws, source="test", platform="meta", status="done")
    session.add(run)
    session.flush()
    ids = [v.id for v in videos.values()] + [None]
    rows = _odd_rows(ws, run.id, ids, random.Random(seed))
    driver = session.connection().connection.driver_connection
    marks = ", ".join("?" for _ in STRAIGHT_COLUMNS)
    driver.executemany(f"INSERT INTO ad_stats ({', '.join(STRAIGHT_COLUMNS)}) VALUES ({marks})",
                       rows)  # fmt: skip
    rollup.rebuild(session, ws)
    rebuilt = _totals(session, ws)
    summed = rollup.Summed(STRAIGHT_COLUMNS)
    for start in range(0, len(rows), 97):  # in blocks, as the child process sums them
        summed.add(rows[start:start + 97])
    written = summed.rows(ws)
    assert written is not None
    rollup.write(session, ws, written)
    assert _totals(session, ws) == rebuilt
    assert {t[-2] for t in rebuilt} == {"integer"}  # micro-units, as rebuild leaves them


def test_a_value_summed_inexactly_leaves_the_totals_to_rebuild():
    row = [1, "meta", "id:1", "2026-11-01", None, "1", "a", None, "USD", 1.5, 10, 0, 0, 0,
           0.0, None, None, None, None, "{}", None, None]  # fmt: skip
    summed = rollup.Summed(STRAIGHT_COLUMNS)
    summed.add([tuple(row)])
    assert summed.rows(1) is not None
    for at, value in ((9, None), (9, 1e12), (14, float("nan")), (10, 1 << 60)):
        odd = list(row)
        odd[at] = value
        summed = rollup.Summed(STRAIGHT_COLUMNS)
        summed.add([tuple(row), tuple(odd)])
        assert summed.rows(1) is None, (at, value)


@ON_SQLITE
def test_a_first_import_writes_the_summed_totals(session, shop, tmp_path, monkeypatch):  # noqa: F811
    ws, _ = shop
    path = odd_export(tmp_path / "Ads-Nov.csv")
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    monkeypatch.setattr(columnar, "BLOCK", 1 << 10)
    rebuilds = []
    rebuild = rollup.rebuild
    monkeypatch.setattr(rollup, "rebuild", lambda *a: rebuilds.append(a) or rebuild(*a))
    first = imported(session, ws, path)
    assert rebuilds == []  # summed while written
    summed = _totals(session, ws)
    assert len(summed) > 3
    rebuild(session, ws)
    assert _totals(session, ws) == summed
    # not the workspace's first import: rebuilt (its unlinked rows are taken over, 'changed')
    assert imported(session, ws, path) == first
    assert _totals(session, ws) == summed
    rebuilds.clear()
    session.execute(AdStat.__table__.delete().where(AdStat.workspace_id == ws))
    session.commit()
    monkeypatch.setattr(columnar, "may_fork", lambda: False)  # the thread does not sum
    imported(session, ws, path)
    assert len(rebuilds) == 1
    assert _totals(session, ws) == summed
    assert session.scalar(select(AdStatTotal.id).limit(1)) is not None
