"""A savepoint released inside a transaction is not its commit: what the transaction saved
for the workers leaves only when the transaction itself commits (SQLAlchemy calls
``after_commit`` for a released savepoint too; sending then would hold SQLite's write lock
against itself — the autopilot publishes inside a catalog import's transaction)."""

from __future__ import annotations

from studio import outbox
from studio.db import Job, Scope, session_scope
from studio.jobs import runtime


def test_jobs_leave_when_the_transaction_commits_not_when_a_savepoint_ends(studio_home):
    runtime.prepare()
    workspace = runtime.default_workspace_id()
    with session_scope() as session:
        job = Scope(session, workspace).add(Job(kind="sync", payload={"account": None}))
        session.flush()
        outbox.add_jobs(session, [job.id])
        with session.begin_nested():
            session.flush()
        with session_scope() as other:
            assert other.get(Job, job.id) is None  # not committed: nothing could be sent
        assert session.info.get("studio.outbox", {}).get("jobs") == [job.id]
        job_id = job.id
    with session_scope() as session:
        sent = session.get(Job, job_id)
        assert sent is not None and sent.celery_task_id  # claimed and sent after the commit
