"""The unit of work a door opens around one service call: one transaction, one workspace.

Services take the :class:`~studio.db.Scope` and never commit; the door (an API request, a
command, a task) commits once at the end, and what the transaction recorded — webhook
deliveries, jobs for the workers — is sent after that commit (:mod:`studio.outbox`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from studio.db import Scope, session_scope


@contextmanager
def unit_of_work(workspace_id: int, *, url: str | None = None) -> Iterator[Scope]:
    """``with unit_of_work(ws) as scope: service(scope, …)`` — committed when the block ends
    without an error, rolled back otherwise."""
    with session_scope(url) as session:
        yield Scope(session, workspace_id)
