"""Sending submitted work to the workers, and turning submission errors into problems."""

from __future__ import annotations

import inspect
import logging
from typing import Any

from api.errors import Problem
from api.observability import current_request_id
from api.services import find_service
from api.settings import ApiSettings

log = logging.getLogger("studio.api")


def dispatch(submission: Any, api: ApiSettings) -> None:
    """Hand the new work to the jobs service: one call for a whole batch (a Celery chord)."""
    if not getattr(submission, "to_dispatch", None):
        return
    if not api.dispatch_jobs:
        return  # STUDIO_API_DISPATCH_JOBS=false: the workers' recovery sweep sends the work
    send = find_service(("studio.jobs.dispatch", "dispatch"))
    if send is None:
        log.warning("no jobs dispatcher installed; the work waits for the recovery sweep")
        return
    # the request id travels into the jobs when the dispatcher takes it (log correlation)
    takes_id = "request_id" in inspect.signature(send).parameters
    send(submission, **({"request_id": current_request_id()} if takes_id else {}))


def submission_error(exc: Exception) -> Problem:
    message = str(exc)
    if "not found in this workspace" in message:
        return Problem(404, message, slug="not-found")
    return Problem(422, message, slug="validation")
