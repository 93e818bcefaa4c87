"""The broker down is not the seller's problem: a batch asked for while Redis is unreachable
is accepted (202) and stored, and leaves when Redis answers again; workers hold no more
renders than they have processes, before and after every reconnect."""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from studio.db import Job, session_scope

from .conftest import RedisServer, StudioEnv, quick_recovery, wait_until
from .helpers import api_client, batch_body, jobs, requests_for, send_batch, settled, videos

pytestmark = [pytest.mark.slow, pytest.mark.redis, pytest.mark.postgres]


def unsent(job_ids: list[int]) -> bool:
    """Saved, waiting for the broker, and free for any sender (no claim left behind)."""
    with session_scope() as session:
        rows = [session.get(Job, j) for j in job_ids]
        return all(r is not None and r.status == "pending" and r.celery_task_id is None
                   for r in rows)


def test_a_batch_asked_for_while_redis_is_down_is_accepted_and_made(
        redis_postgres_env: StudioEnv, redis_server: RedisServer, workers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16: POST /batches with Redis unreachable answered 500 yet stored the batch, and
    the same request again sent nothing. Now: 202 at once, the same request again 202 (the
    same batch), and a worker's sweep sends it when Redis is back."""
    studio = redis_postgres_env
    quick_recovery(studio, monkeypatch)
    products = studio.products(3)
    worker = workers(studio, concurrency=2, name="w1")
    client, headers = api_client(studio.workspace_id)  # dispatch on: the request sends
    with client:
        redis_server.stop()
        began = time.monotonic()
        answer = client.post("/api/v1/batches", json=batch_body(products[:2]),
                             headers=headers)
        took = time.monotonic() - began
        print(f"\nPOST /batches with the broker down: {answer.status_code} in {took:.1f} s")
        assert answer.status_code == 202, answer.text
        assert took < 30
        batch = answer.json()
        assert batch["created"] and batch["status"] == "pending"
        render_jobs = [j.id for j in jobs()]
        assert len(render_jobs) == 2 and unsent(render_jobs)

        again = client.post("/api/v1/batches", json=batch_body(products[:2]),
                            headers=headers)
        assert again.status_code == 202, again.text
        assert again.json()["id"] == batch["id"] and not again.json()["created"]
        assert unsent(render_jobs)  # not stranded: still free for the sweep

        redis_server.start()
        back = time.monotonic()
        final = wait_until(lambda: settled(batch["id"]), 90, "the batch", [worker])
        print(f"batch sent and made {time.monotonic() - back:.1f} s after Redis came back")
        assert final["status"] == "completed", final
        assert final["counts"]["succeeded"] == final["counts"]["total"] == 2

        # an overlapping batch reuses the two videos made above: its list and its counts
        # agree, and it closes (and its bookkeeping row with it) when its new video is made
        bigger = client.post("/api/v1/batches", json=batch_body(products), headers=headers)
        assert bigger.status_code == 202, bigger.text
        reused = bigger.json()
        assert set(batch["video_ids"]) <= set(reused["video_ids"])
        assert reused["counts"]["total"] == len(reused["video_ids"]) == 3
        final = wait_until(lambda: settled(reused["id"]), 90, "the second batch", [worker])
        assert final["status"] == "completed", final
        assert final["counts"]["succeeded"] == final["counts"]["total"] == 3
        assert len(final["video_ids"]) == 3
    assert {j.status for j in jobs("batch")} == {"succeeded"}
    assert len(jobs()) == 3  # one render per video, none made twice


def most_renders_held(log: str) -> tuple[int, int]:
    """The most render messages the worker held at once (received and not yet finished, by
    its own log), and how many it received in all."""
    held: Counter[str] = Counter()  # a message delivered twice is held twice
    most = received = 0
    for line in log.splitlines():
        found = re.search(r"Task studio\.video\.render\[(\w+)\] (received|succeeded|failed|"
                          r"raised|retry)", line)
        if found is None:
            continue
        task, what = found.groups()
        if what == "received":
            held[task] += 1
            received += 1
            most = max(most, held.total())
        elif held[task]:
            held[task] -= 1
    return most, received


def test_a_one_process_worker_holds_one_render_after_every_redis_restart(
        redis_postgres_env: StudioEnv, redis_server: RedisServer, workers) -> None:
    """Issue 16: after a Redis restart a ``-c 1`` worker reserved a second render while its
    first was still running ("Skipping prefetch count reduction"). With
    ``worker_disable_prefetch`` it never holds more than it runs: by its own log, the next
    render is received only after the last one finished."""
    studio = redis_postgres_env
    worker = workers(studio, concurrency=1, name="single")
    submission = send_batch(studio.workspace_id,
                            requests_for(studio.products(8), seconds=1.5))
    for restart in range(2):  # every reconnect, not only the first
        wait_until(lambda: sum(v.status == "succeeded" for v in videos(submission.batch_id))
                   > 2 * restart and any(v.status == "running"  # noqa: B023
                                         for v in videos(submission.batch_id)),
                   90, "a render in progress", [worker])
        redis_server.restart()  # persistent: the messages survive, the connections do not
    final = wait_until(lambda: settled(submission.batch_id), 120, "the batch", [worker])
    assert final["status"] == "completed", final
    log = worker.log.read_text()
    assert log.count("Connected to redis://") >= 3  # it did reconnect, twice
    most, received = most_renders_held(log)
    print(f"\n{received} render messages received, at most {most} held at once")
    assert received >= 8
    assert most == 1
