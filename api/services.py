"""The services the API is a thin layer over, looked up where their owners put them.

Routes call ``service("studio.jobs.batches", "submit_batch")`` rather than importing at module
level, so one missing piece (a service still being written, an optional plugin) answers
that route with a clear 501 instead of stopping the whole API from starting.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from api.errors import Problem


def find_service(*candidates: tuple[str, str]) -> Callable[..., Any] | None:
    for module_name, attribute in candidates:
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            if exc.name is not None and not module_name.startswith(exc.name):
                raise  # the module exists but something it imports is broken: say so
            continue
        found = getattr(module, attribute, None)
        if found is not None:
            return found
    return None


def service(*candidates: tuple[str, str]) -> Callable[..., Any]:
    found = find_service(*candidates)
    if found is None:
        names = " or ".join(f"{m}.{a}" for m, a in candidates)
        raise Problem(
            501,
            f"this part of the studio is not installed in this build ({names} is missing)",
            slug="not-implemented",
        )
    return found
