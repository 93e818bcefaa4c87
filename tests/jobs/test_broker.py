"""The embedded broker: priority order, and no message lost when a consumer dies holding it."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path
from queue import Empty

import pytest
from kombu import Connection, Exchange, Queue

import studio.jobs.broker as broker

QUEUE = Queue("render", Exchange("render", type="direct"), routing_key="render")


def connect(root: Path) -> Connection:
    return Connection("studiofs://localhost/", transport_options=broker.transport_options(root))


def publish(root: Path, body: str, priority: int = 0) -> None:
    with connect(root) as connection:
        producer = connection.Producer()
        producer.publish(body, exchange=QUEUE.exchange, routing_key="render",
                         declare=[QUEUE], priority=priority)


def take(root: Path, *, ack: bool = True) -> str | None:
    with connect(root) as connection:
        message = connection.SimpleQueue(QUEUE).get(block=True, timeout=2)
        body = message.payload
        if ack:
            message.ack()
        return body


def test_higher_priority_is_served_first(tmp_path: Path) -> None:
    for n in range(5):
        publish(tmp_path, f"batch-{n}", priority=3)
    publish(tmp_path, "preview", priority=9)
    taken = [take(tmp_path) for _ in range(6)]
    assert taken == ["preview"] + [f"batch-{n}" for n in range(5)]


def _claim_and_hang(root: str, ready: multiprocessing.Event) -> None:  # type: ignore[valid-type]
    connection = connect(Path(root))
    queue = connection.SimpleQueue(QUEUE)
    message = queue.get(block=True, timeout=5)
    assert message.payload == "render me"
    ready.set()
    signal.pause()  # holding the message, never acknowledging it


def test_a_killed_consumer_gives_its_message_back(tmp_path: Path) -> None:
    publish(tmp_path, "render me")
    ready = multiprocessing.get_context("fork").Event()
    child = multiprocessing.get_context("fork").Process(
        target=_claim_and_hang, args=(str(tmp_path), ready))
    child.start()
    try:
        assert ready.wait(10)
        # while its owner lives, nobody else gets it
        with pytest.raises(Empty), connect(tmp_path) as connection:
            connection.SimpleQueue(QUEUE).get(block=True, timeout=0.5)
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert take(tmp_path) == "render me"
        with pytest.raises(Empty), connect(tmp_path) as connection:
            connection.SimpleQueue(QUEUE).get(block=True, timeout=0.5)  # acked: gone for good
    finally:
        if child.is_alive():
            child.kill()
    assert not list((tmp_path / "reserved").glob("*/*.msg"))


def test_rejected_message_is_requeued_in_place(tmp_path: Path) -> None:
    publish(tmp_path, "first")
    publish(tmp_path, "second")
    with connect(tmp_path) as connection:
        message = connection.SimpleQueue(QUEUE).get(block=True, timeout=2)
        assert message.payload == "first"
        message.requeue()
    assert take(tmp_path) == "first"
    assert take(tmp_path) == "second"


def test_half_written_messages_are_not_read(tmp_path: Path) -> None:
    publish(tmp_path, "whole")
    queue_folder = tmp_path / "queue"
    (queue_folder / ".tmp-0-1-x.render.msg").write_bytes(b'{"body": "half')
    assert take(tmp_path) == "whole"
