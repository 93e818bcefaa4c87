"""What a transaction recorded is sent on once it commits: one mechanism for every door.

The database is the outbox. A status change writes its event row, and with it a pending
webhook delivery for each subscribed endpoint (``studio.webhooks.subscriptions``); a
submission writes pending jobs with no ``celery_task_id``. Both commit — or roll back —
with the change itself. After the commit, this module sends what the transaction made:
the deliveries to the ``io`` queue and the jobs to their queues. Whoever wrote them — an API
route, a command, a worker, a scheduled job — nobody has to remember to call anything.

What could not be sent (the broker was down, the process died between commit and send) is
found again by :func:`sweep`, which every worker runs every few seconds
(``studio.jobs.maintenance``). Sending claims each row first, so a row is sent once even when
the sweep and the committing process meet; a delivery task claims its row again before it
calls out, so a duplicate message never makes a duplicate webhook.

Live progress needs nothing more: the event log is what server-sent-event streams read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
_KEY = "studio.outbox"
_HOLD = "studio.outbox.hold"


def _box(session: Session) -> dict[str, list[int]]:
    return session.info.setdefault(_KEY, {"deliveries": [], "jobs": []})


def add_deliveries(session: Session, delivery_ids: Iterable[int]) -> None:
    """Send these webhook deliveries when ``session`` commits."""
    _box(session)["deliveries"].extend(delivery_ids)


def add_jobs(session: Session, job_ids: Iterable[int]) -> None:
    """Send these jobs to the workers when ``session`` commits."""
    _box(session)["jobs"].extend(job_ids)


def hold(session: Session) -> None:
    """What this session saves is left to the sweep instead of being sent at commit (a
    process that must not talk to the broker itself)."""
    session.info[_HOLD] = True


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released (SQLAlchemy calls this then too): not committed yet
    box = session.info.pop(_KEY, None)
    if not box or not (box["deliveries"] or box["jobs"]) or session.info.get(_HOLD):
        return
    bind = session.get_bind()
    url = bind.engine.url.render_as_string(hide_password=False)
    send(deliveries=box["deliveries"], jobs=box["jobs"], url=url)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    # what a rolled-back transaction wrote does not exist; a savepoint's rollback only
    # leaves ids the claim will not find, which is harmless
    if not session.in_transaction():
        session.info.pop(_KEY, None)


def send(*, deliveries: Iterable[int] = (), jobs: Iterable[int] = (),
         url: str | None = None) -> dict[str, int]:
    """Send what is ready; never raises (what is not sent waits for the sweep)."""
    sent = {"jobs": 0, "deliveries": 0}
    jobs, deliveries = list(jobs), list(deliveries)
    if jobs:
        try:
            from studio.jobs.dispatch import send_jobs

            sent["jobs"] = send_jobs(jobs, url=url)
        except Exception:
            log.exception("could not send %d saved job(s); the sweep will", len(jobs))
    if deliveries:
        try:
            from studio.webhooks.sending import queue_deliveries

            sent["deliveries"] = queue_deliveries(deliveries, url=url)
        except Exception:
            log.exception("could not queue %d webhook(s); the sweep will", len(deliveries))
    return sent


def sweep(url: str | None = None, *, grace_seconds: float = 5.0) -> dict[str, Any]:
    """Send what committed but never left: unsent jobs, pending webhook deliveries.

    ``grace_seconds``: rows younger than this are left to the process that wrote them.
    """
    from studio.jobs.dispatch import unsent_jobs
    from studio.webhooks.sending import due_deliveries

    jobs = unsent_jobs(url, older_than_seconds=grace_seconds)
    deliveries = due_deliveries(url, older_than_seconds=grace_seconds)
    return send(jobs=jobs, deliveries=deliveries, url=url)
