"""Sending submitted work to the workers, and turning submission errors into problems."""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Iterable
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
    """The jobs service names the item ("item 3 (showcase, 9:16): …"); point at it."""
    message = str(exc)
    item = re.match(r"item (\d+)\b", message)
    field = f"body.items[{int(item.group(1)) - 1}]" if item else None
    if "not found in this workspace" in message:
        return Problem(404, message, slug="not-found", field=field)
    return Problem(422, message, slug="validation", field=field)


def check_generators(names: Iterable[str], field: str) -> None:
    """Refuse a generator no plugin provides now, rather than fail every video later."""
    from studio.plugins import get_host

    known = get_host().objects["generator"]
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise Problem(
            422,
            f"no video generator named {', '.join(map(repr, unknown))}; "
            f"available: {', '.join(sorted(known)) or 'none'} (see GET /api/v1/plugins)",
            slug="validation", field=field,
        )
