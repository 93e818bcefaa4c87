"""The status names of videos, jobs and batches.

They live here, free of imports, so the tables can check them (CHECK constraints) and
:mod:`studio.states` can own the moves between them.
"""

from __future__ import annotations

from enum import StrEnum


class VideoStatus(StrEnum):
    PENDING = "pending"
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    ARCHIVED = "archived"


class JobStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class BatchStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    COMPLETED_WITH_FAILURES = "completed_with_failures"
    FAILED = "failed"
    CANCELLED = "cancelled"


def status_check_sql(statuses: type[StrEnum]) -> str:
    """``status IN ('a', 'b')`` for a CHECK constraint (the values are our own literals)."""
    return "status IN (" + ", ".join(f"'{s.value}'" for s in statuses) + ")"
