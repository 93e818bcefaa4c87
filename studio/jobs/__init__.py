"""Jobs and batches on Celery workers: submission, the per-video pipeline, progress, control.

The Celery app is in :mod:`studio.jobs.celery_app`; tasks in :mod:`studio.jobs.tasks` are thin
and call the services here.
"""
