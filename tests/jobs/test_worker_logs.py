"""The request id's way into a worker, in process: message headers -> task_prerun -> every
JSON log line of that task, and gone after task_postrun (the real worker is in
test_request_id_workers.py)."""

from __future__ import annotations

import json
import logging

from celery.app.task import Context

from studio.jobs.dispatch import video_chain
from studio.jobs.worker_logs import WorkerJsonFormatter, _enter_task, _leave_task
from studio.logcontext import HEADER, current_request_id


class FakeTask:
    name = "studio.video.render"

    def __init__(self, **request: object) -> None:
        self.request = Context(request)


def line(message: str) -> dict:
    record = logging.LogRecord("studio.jobs.pipeline", logging.INFO, __file__, 1, message,
                               None, None)
    return json.loads(WorkerJsonFormatter().format(record))


def test_a_task_logs_under_the_request_id_of_its_message_and_only_it() -> None:
    _enter_task(task=FakeTask(id="t1", **{HEADER: "req-1"}))
    try:
        assert current_request_id() == "req-1"
        assert line("rendering")["request_id"] == "req-1"
    finally:
        _leave_task(task=None)
    assert current_request_id() is None and "request_id" not in line("between tasks")
    # the next task in the same process came from no request (a periodic sweep)
    _enter_task(task=FakeTask(id="t2"))
    try:
        assert current_request_id() is None and "request_id" not in line("sweeping")
    finally:
        _leave_task(task=None)


def test_every_step_of_a_video_carries_the_header() -> None:
    steps = video_chain(1, 2, "tok", {"ai_copy": True, "analyze": True}, 0, {HEADER: "req-2"})
    assert [s.options["headers"] for s in steps.tasks] == [{HEADER: "req-2"}] * 3
    bare = video_chain(1, 2, "tok", {}, 0)
    assert "headers" not in bare.options
