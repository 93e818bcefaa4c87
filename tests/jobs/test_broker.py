"""The embedded broker: priority order, and no message lost when a consumer dies holding it."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path
from queue import Empty
from typing import Any

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


needs_inotify = pytest.mark.skipif(
    broker._watch(Path(".")) is None, reason="no inotify here: the consumer polls instead")


@needs_inotify
def test_a_waiting_consumer_wakes_when_a_message_arrives(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # without a wake-up the consumer would look again only after this long
    monkeypatch.setattr(broker, "WAIT_WITH_INOTIFY", 60.0)
    publish(tmp_path, "warm-up")
    assert take(tmp_path) == "warm-up"  # the queue and its bindings exist
    later = threading.Timer(0.3, publish, args=(tmp_path, "arrived"))
    with connect(tmp_path) as connection:
        queue = connection.SimpleQueue(QUEUE)
        began = time.monotonic()
        later.start()
        message = queue.get(block=True, timeout=20)
        waited = time.monotonic() - began
        message.ack()
    later.join()
    assert message.payload == "arrived"
    assert waited < 5, f"the consumer took {waited:.1f} s to see a new message"


@needs_inotify
def test_an_acknowledgement_lets_the_next_message_in_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker holding as many messages as its prefetch allows takes the next one the moment
    it acknowledges one (a pool process is free), not at the next poll."""
    monkeypatch.setattr(broker, "WAIT_WITH_INOTIFY", 60.0)
    publish(tmp_path, "first")
    publish(tmp_path, "second")
    received: list[tuple[str, float]] = []
    held: list[Any] = []

    def on_message(body: str, message: Any) -> None:
        received.append((body, time.monotonic()))
        held.append(message)

    with connect(tmp_path) as connection:
        consumer = connection.Consumer([QUEUE], callbacks=[on_message])
        consumer.qos(prefetch_count=1)
        with consumer:
            connection.drain_events(timeout=5)
            assert [body for body, _ in received] == ["first"]
            acked_at: list[float] = []

            def finish_first() -> None:
                acked_at.append(time.monotonic())
                held[0].ack()  # from another thread, as the pool's result handler does

            timer = threading.Timer(0.3, finish_first)
            timer.start()
            connection.drain_events(timeout=20)
            timer.join()
            held[-1].ack()
    assert [body for body, _ in received] == ["first", "second"]
    assert received[1][1] - acked_at[0] < 2, "the second message waited for a poll"
