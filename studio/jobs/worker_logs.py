"""Worker logs as JSON lines carrying the request id of the HTTP request behind each task.

The dispatcher puts the id in the task's Celery headers (``studio.logcontext.HEADER``);
``task_prerun`` makes it the current request id for everything the task logs (the studio's
own loggers and Celery's "succeeded"/"failed" lines), ``task_postrun`` clears it so the next
task in that pool process does not inherit it. Importing this module connects the signals.
"""

from __future__ import annotations

import logging
from typing import Any

from celery.signals import (
    after_setup_logger,
    after_setup_task_logger,
    task_postrun,
    task_prerun,
)

from studio.logcontext import HEADER, JsonFormatter, set_request_id


def request_id_of(task: Any) -> str | None:
    """The request id a task's message carries (None for periodic or hand-sent tasks)."""
    request = getattr(task, "request", None)
    if request is None:
        return None
    value = request.get(HEADER) or (getattr(request, "headers", None) or {}).get(HEADER)
    return str(value) if value else None


class WorkerJsonFormatter(JsonFormatter):
    """The API's JSON lines plus the task being run (name and id), when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        from celery._state import get_current_task

        task = get_current_task()
        if task is not None and task.request.id and "task_id" not in record.__dict__:
            record.task_id = task.request.id
            record.task = task.name
        return super().format(record)


@task_prerun.connect
def _enter_task(task: Any = None, **_: Any) -> None:
    set_request_id(request_id_of(task))


@task_postrun.connect
def _leave_task(**_: Any) -> None:
    set_request_id(None)


@after_setup_logger.connect
@after_setup_task_logger.connect
def _json_lines(logger: logging.Logger | None = None, **_: Any) -> None:
    # Celery has just given the worker's root and task loggers their handlers: same JSON
    # lines as the API, so one log pipeline reads both
    for handler in getattr(logger, "handlers", []):
        handler.setFormatter(WorkerJsonFormatter())
