"""The loop's background work is wired: beat runs the pulls and the autopilot's rounds, and
the job kinds the services save have tasks the workers know."""

from __future__ import annotations

from datetime import timedelta


def test_the_loops_periodic_work_and_job_kinds_have_their_tasks() -> None:
    import studio.jobs.tasks  # noqa: F401  (registers the tasks)
    from studio.jobs.celery_app import app
    from studio.jobs.dispatch import SENT_KINDS, SINGLE_TASKS
    from studio.jobs.schedule import beat_schedule

    schedule = beat_schedule()
    every = {"ad-accounts-sync": 3600, "autopilot-digest": 3600, "autopilot-store-sync": 900}
    for name, seconds in every.items():
        assert schedule[name]["task"] in app.tasks, name
        assert schedule[name]["schedule"] == timedelta(seconds=seconds)
    assert {"publish", "sync"} <= set(SENT_KINDS)  # lost ones are sent again by housekeeping
    assert SINGLE_TASKS["publish"] in app.tasks and SINGLE_TASKS["sync"] in app.tasks
