"""The columnar conversion in a forked child (SQLite) imports exactly as on the helper thread,
and the export's text read from the mapped file is ``export_text``'s."""

from __future__ import annotations

import codecs
import datetime as dt
import os
from decimal import Decimal

import pytest

from plugins.meta_ads import MetaAds
from studio.contracts import FetchQuery
from studio.db import AdStat
from studio.ingest.table import export_text
from studio.roi import columnar, columnar_process, import_workers
from tests.roi.test_columnar import odd_export
from tests.roi.test_import_workers import imported, tricky_export
from tests.roi.test_store import shop  # noqa: F401 (a fixture)


@pytest.fixture
def forks(monkeypatch):
    """How many imports converted their blocks in a child process."""
    runs = []
    run = columnar_process.run

    def spy(produce):
        runs.append(produce)
        return run(produce)

    monkeypatch.setattr(columnar_process, "run", spy)
    return runs


@pytest.mark.parametrize("export", [odd_export, tricky_export], ids=["odd-cells", "ascii"])
@pytest.mark.parametrize("block", [1 << 10, 1 << 20])
def test_a_child_process_converts_as_the_thread_does(
    session, shop, tmp_path, monkeypatch, forks, export, block  # noqa: F811
):  # fmt: skip
    ws, _ = shop
    path = export(tmp_path / "Ads-Nov.csv")
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    monkeypatch.setattr(columnar, "BLOCK", block)
    monkeypatch.setattr(columnar, "may_fork", lambda: False)
    threaded = imported(session, ws, path)
    assert forks == []
    session.execute(AdStat.__table__.delete().where(AdStat.workspace_id == ws))
    session.commit()
    monkeypatch.setattr(columnar, "may_fork", lambda: True)
    forked = imported(session, ws, path)
    sqlite = session.get_bind().dialect.name == "sqlite"
    # (a file with rows to sum is converted twice: straight, rolled back, then staged)
    assert bool(forks) is sqlite  # PostgreSQL's COPY keeps the thread
    assert forked == threaded
    counts, stored, rejected, _ = forked
    assert rejected and stored == counts[0] - len(rejected) - counts[3]  # [3]: rows summed
    again = imported(session, ws, path)  # a re-import, in a child too, changes nothing
    assert again == forked


def test_a_child_that_dies_is_an_error_not_the_end_of_the_file():
    def killed(send):
        send("a block", [(1,)])
        os._exit(3)  # no last message

    received = []
    with pytest.raises(columnar_process.Ended):
        for message in columnar_process.run(killed):
            received.append(message)
    assert received == [("a block", [(1,)])]


def test_the_child_s_messages_arrive_in_order_whatever_their_rows():
    rows = [(1, "x", 2.5, None), (2, "y", -0.5, "z")]
    odd = [(1, dt.date(2026, 11, 1), Decimal("1.50"))]  # not for marshal: pickled

    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("no")

    def produce(send):
        send("a block", rows)
        send("odd", odd)
        send(ValueError("the child's own error"), None)
        send(Unpicklable("a local error"), None)

    messages = list(columnar_process.run(produce))
    assert messages[:2] == [("a block", rows), ("odd", odd)]
    assert [(type(e).__name__, str(e)) for e, _ in messages[2:4]] == [
        ("ValueError", "the child's own error"),
        ("RuntimeError", "Unpicklable: a local error"),
    ]
    assert len(messages) == 4  # and the iterator ended with the producer


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "utf-16"])
def test_the_text_planned_is_export_text(tmp_path, monkeypatch, encoding):
    path = tricky_export(tmp_path / "Ads-Oct.csv")
    text = path.read_text(encoding="utf-8-sig").replace("Old ad", "Öld ad — 夏")
    path.write_text(text, encoding=encoding, newline="")
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    planned = import_workers.plan(MetaAds().fetch(FetchQuery(kind="ad_stats", path=path)))
    assert planned is not None
    assert planned[0] == export_text(path)


def test_a_bom_file_that_is_not_utf8_fails_as_before(tmp_path, monkeypatch):
    path = tmp_path / "Ads-Oct.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"Day,Ad name\n2026-10-01,\xff\xfe\n")
    monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    with pytest.raises(UnicodeDecodeError) as before:
        export_text(path)
    with pytest.raises(UnicodeDecodeError) as now:
        import_workers.plan(MetaAds().fetch(FetchQuery(kind="ad_stats", path=path)))
    assert str(now.value) == str(before.value)
