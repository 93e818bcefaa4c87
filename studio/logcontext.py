"""The request id every log line carries, in the API and in the workers, and the JSON format.

The API sets it for each HTTP request (``X-Request-ID`` or a new one); the dispatcher puts
it in the Celery message headers of the work that request created (:data:`HEADER`); a worker
sets it again for the duration of each task (Celery's ``task_prerun``/``task_postrun``), so
one ``grep`` of a request id finds the request, its render, its retries and its failure.
"""

from __future__ import annotations

import contextvars
import json
import logging
from datetime import UTC, datetime
from typing import Any

# the Celery message header carrying the id (a custom header: Celery passes it through
# chains, chord callbacks and retries because it is part of each signature's options)
HEADER = "studio_request_id"

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "studio_request_id", default=None
)


def current_request_id() -> str | None:
    """The id of the HTTP request being served, or of the request that made this task."""
    return _request_id.get()


def set_request_id(request_id: str | None) -> contextvars.Token[str | None]:
    return _request_id.set(request_id)


def reset_request_id(token: contextvars.Token[str | None]) -> None:
    _request_id.reset(token)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: what log shippers (Loki, CloudWatch, jq) read without rules.

    ``extra={...}`` fields become keys; the current request id is added unless given.
    """

    _SKIP = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if "request_id" not in record.__dict__ and current_request_id():
            entry["request_id"] = current_request_id()
        for key, value in record.__dict__.items():
            if key not in self._SKIP and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
