"""Where Celery keeps task results, as a plain function of the settings.

Apart from ``celery_app`` so that getting a machine ready (``runtime.prepare``, run by
``studio serve`` before its first answer) does not import Celery for a URL.
"""

from __future__ import annotations

from pathlib import Path

from studio.config import Settings

RESULT_SCHEMA = "celery"  # PostgreSQL: Celery's tables in a schema of their own


def result_backend_url(settings: Settings) -> str:
    """A real result backend (chords need one; ``rpc://`` cannot do chords)."""
    if settings.result_backend:
        return settings.result_backend
    database = settings.resolved_database_url()
    if database.startswith("sqlite"):
        # its own file: Celery's result writes then never wait on the studio's tables
        return f"db+sqlite:///{Path(settings.home) / 'celery-results.db'}"
    return f"db+{database}"
