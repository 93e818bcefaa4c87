"""A big ad export reaches the import unread through every door, so it is parsed in columns
(pyarrow) rather than cell by cell — with the same stored rows, counts, rejected rows and
messages as the small-file path, its file named as the seller named it.

The size at which an export counts as big (``import_workers.MIN_TEXT``, 8 MB) is lowered to 0
here, so a file of a few rows takes the big-file path."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from studio.roi import columnar, import_workers

from .test_ads_and_roi import _export, _row, _video_code


def _import(client, tenant, data: bytes, name: str = "meta-export.csv") -> Any:
    return client.post("/api/v1/ad-imports", headers=tenant.headers,
                       files={"file": (name, data, "text/csv")}, data={"source": "meta"})


@pytest.fixture
def every_file_big(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)


def _stored(client, tenant, run_id: int) -> tuple[Any, ...]:
    def get(path: str) -> Any:
        return client.get(f"/api/v1/ad-imports/{run_id}{path}", headers=tenant.headers).json()

    run = get("")
    rejected = [(r["row_number"], r["reason"]) for r in get("/rejected")["data"]]
    unmatched = [(r["ad_name"], Decimal(r["spend"])) for r in get("/unmatched")["data"]]
    return run["rows_total"], run["matched"], run["unmatched"], run["rejected"], rejected, \
        unmatched


def _rows(code: str) -> list[dict]:
    return [
        _row("2026-10-01", f"Mug {code}", "101", "50.00"),
        _row("2026-10-02", f"Mug {code} - Copy", "101", "40.00"),
        _row("2026-10-01", "Summer promo without code", "202", "30.00"),
        _row("not a day", "Broken", "303", "10.00"),
        _row("2026-10-03", f"Mug {code}", "101", "12,5 dollars"),
    ]


def test_a_big_export_through_the_api_is_read_in_columns_with_the_same_outcome(
        client, tenant, make_video, monkeypatch: pytest.MonkeyPatch) -> None:
    code = _video_code(client, tenant, make_video(tenant))
    small = _import(client, tenant, _export(_rows(code)))
    assert small.status_code == 201, small.text
    expected = _stored(client, tenant, small.json()["id"])

    calls: list[int] = []
    real = columnar.staged_batches
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    monkeypatch.setattr(columnar, "staged_batches",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    # the same file again under another name: every row an update of the same ad-days
    big = _import(client, tenant, _export(_rows(code)), name="meta-export (2).csv")
    assert big.status_code == 201, big.text
    assert calls, "the big export was not read in columns"
    got = _stored(client, tenant, big.json()["id"])
    renamed = [(n, r.replace("meta-export (2).csv", "meta-export.csv")) for n, r in got[4]]
    assert (*got[:4], renamed, got[5]) == expected
    for _, reason in got[4]:  # the seller's name for the file, never the studio's copy
        assert reason.startswith("meta-export (2).csv") and "/" not in reason, reason


def test_a_big_export_that_says_nothing_or_is_not_a_table_is_a_422_naming_it(
        client, tenant, every_file_big: None) -> None:
    header_only = _import(client, tenant, _export([]), name="week.csv")
    assert header_only.status_code == 422, header_only.text
    problem = header_only.json()
    assert (problem["code"], problem["field"]) == ("import.no_rows", "body.file")
    assert "week.csv" in problem["detail"]

    wrong = _import(client, tenant, b"just,some\ncolumns,here\n", name="x.csv")
    assert wrong.status_code == 422
    problem = wrong.json()
    assert problem["field"] == "body.file" and problem["detail"].startswith("x.csv: ")
    assert "/" not in problem["detail"].split(": ", 1)[0]
    assert client.get("/api/v1/ad-imports", headers=tenant.headers).json()["count"] == 0
