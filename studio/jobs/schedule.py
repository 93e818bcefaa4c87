"""Periodic work (Celery beat): a registry that services and plugins add to.

>>> from studio.jobs.schedule import register_periodic
>>> register_periodic("shop-sync", "myplugin.sync_orders", every=15 * 60)

A plugin calls :func:`register_periodic` when its module is imported; beat loads the plugins
before it reads the registry, so their entries are there when it starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from celery.beat import PersistentScheduler
from celery.schedules import crontab


@dataclass(frozen=True)
class PeriodicTask:
    name: str
    task: str
    schedule: timedelta | crontab
    kwargs: dict[str, Any] = field(default_factory=dict)
    queue: str = "io"


_registry: dict[str, PeriodicTask] = {}


def register_periodic(
    name: str,
    task: str,
    *,
    every: float | None = None,
    cron: crontab | None = None,
    kwargs: dict[str, Any] | None = None,
    queue: str = "io",
) -> PeriodicTask:
    """Run ``task`` every ``every`` seconds, or on a ``crontab``; a name registered twice is
    replaced (so re-importing a plugin is harmless)."""
    if (every is None) == (cron is None):
        raise ValueError(f"periodic task {name!r}: give exactly one of every= or cron=")
    if every is not None and every <= 0:
        raise ValueError(f"periodic task {name!r}: every= must be a positive number of seconds")
    schedule: timedelta | crontab = timedelta(seconds=every) if every is not None else cron  # type: ignore[assignment]
    entry = PeriodicTask(name, task, schedule, dict(kwargs or {}), queue)
    _registry[name] = entry
    return entry


def unregister_periodic(name: str) -> None:
    _registry.pop(name, None)


def periodic_tasks() -> list[PeriodicTask]:
    return sorted(_registry.values(), key=lambda entry: entry.name)


def beat_schedule() -> dict[str, dict[str, Any]]:
    """The registry in Celery's ``beat_schedule`` shape."""
    return {
        entry.name: {
            "task": entry.task,
            "schedule": entry.schedule,
            "kwargs": entry.kwargs,
            "options": {"queue": entry.queue},
        }
        for entry in periodic_tasks()
    }


class StudioScheduler(PersistentScheduler):
    """Celery's persistent scheduler, fed from the registry after plugins are loaded."""

    def setup_schedule(self) -> None:
        from studio.plugins import get_host

        get_host()  # importing plugins lets them register periodic work
        self.app.conf.beat_schedule = {**beat_schedule(), **(self.app.conf.beat_schedule or {})}
        super().setup_schedule()


# the studio's own periodic work
register_periodic("ad-stats-sync", "studio.ads.sync_stats", every=6 * 3600)
register_periodic("recover-lost-work", "studio.jobs.recover", every=300)
# issue 19: connected ad accounts' results (incremental), and each autopilot's daily digest
register_periodic("ad-accounts-sync", "studio.ads.sync_accounts", every=3600)
register_periodic("autopilot-digest", "studio.autopilot.digest", every=3600)
register_periodic("autopilot-store-sync", "studio.autopilot.store_sync", every=15 * 60)
