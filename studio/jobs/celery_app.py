"""The Celery app — the only place Celery is configured.

Start a worker with ``studio worker`` (or ``celery -A studio.jobs.celery_app worker``). The
same configuration runs on the embedded default (a broker on local files, SQLite) and on
Redis/RabbitMQ + PostgreSQL; only URLs change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from celery import Celery
from celery.signals import worker_process_init
from kombu import Queue

from studio.config import Settings, get_settings
from studio.db.engine import POSTGRES_CONNECT_ARGS
from studio.jobs import broker as embedded_broker
from studio.jobs import worker_logs  # noqa: F401  (JSON log lines with the request id)
from studio.jobs.result_store import RESULT_SCHEMA, result_backend_url

QUEUES = ("render", "ai", "io")

# seconds; a product video renders in well under a minute, AI clips can take many minutes
RENDER_SOFT_LIMIT = 30 * 60
RENDER_HARD_LIMIT = RENDER_SOFT_LIMIT + 120
AI_SOFT_LIMIT = 45 * 60
AI_HARD_LIMIT = AI_SOFT_LIMIT + 120
IO_SOFT_LIMIT = 5 * 60
IO_HARD_LIMIT = IO_SOFT_LIMIT + 60



def broker_url(settings: Settings) -> str:
    url = settings.resolved_broker_url()
    if url.startswith(("filesystem://", "studiofs://")):
        return "studiofs://localhost/"  # the host is unused; naming one keeps Kombu quiet
    return url


def broker_folder(settings: Settings) -> Path:
    return Path(settings.home) / "broker"


def celery_config(settings: Settings) -> dict[str, Any]:
    url = broker_url(settings)
    config: dict[str, Any] = {
        "broker_url": url,
        "result_backend": result_backend_url(settings),
        "result_extended": True,
        "result_expires": 7 * 24 * 3600,
        "task_queues": [Queue(name, routing_key=name) for name in QUEUES],
        "task_default_queue": "io",
        "task_default_routing_key": "io",
        "task_routes": {
            "studio.video.render": {"queue": "render"},
            "studio.video.prepare": {"queue": "ai"},
            "studio.video.ai_clips": {"queue": "ai"},
            "studio.video.analyze": {"queue": "ai"},
            "studio.preview.render": {"queue": "render"},
            # chord_unlock polls the result backend; keep that off the render workers
            "celery.*": {"queue": "io"},
        },
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        # no STARTED row in the result backend: one more write (and fsync) before every
        # task, and nothing reads it — the studio's own tables say what is running
        "task_track_started": False,
        "task_soft_time_limit": IO_SOFT_LIMIT,
        "task_time_limit": IO_HARD_LIMIT,
        "task_default_priority": 0,
        # the chord's unlock task polls the results; every video already closes its batch
        # when it is the last one, so the chord need not be quick — only sure. Each poll
        # takes a pool process away from the renders for a moment: rarely, then.
        "result_chord_retry_interval": 30.0,
        "broker_connection_retry_on_startup": True,
        # a worker holding a lost connection reconnects forever instead of exiting
        "broker_connection_max_retries": None,
        "worker_cancel_long_running_tasks_on_connection_loss": False,
        "worker_hijack_root_logger": False,
        "timezone": "UTC",
        "database_engine_options": {"pool_pre_ping": True},
        "database_table_names": {"task": "celery_taskmeta", "group": "celery_groupmeta"},
        # periodic work comes from the registry in studio.jobs.schedule (plugins add to it)
        "beat_scheduler": "studio.jobs.schedule:StudioScheduler",
        "beat_schedule_filename": str(Path(settings.home) / "celerybeat-schedule"),
        # set below per broker/backend; named here so reconfigure() clears what the last
        # configuration set (PostgreSQL's result schema on a SQLite backend breaks it)
        "broker_transport_options": {},
        "result_backend_transport_options": {},
        "task_queue_max_priority": None,
        "worker_disable_prefetch": False,
        "database_table_schemas": {},
    }
    if url.startswith("studiofs://"):
        config["broker_transport_options"] = embedded_broker.transport_options(
            broker_folder(settings)
        )
    elif url.startswith(("redis://", "rediss://")):
        config["broker_transport_options"] = {
            "visibility_timeout": settings.broker_visibility_timeout,
            "priority_steps": list(range(10)),
            "sep": ":",
            # queues take turns (renders never starve webhooks); inside a queue the priority
            # steps are read in order, so a preview still overtakes a batch
            "queue_order_strategy": "round_robin",
        }
        config["result_backend_transport_options"] = {"retry_policy": {"timeout": 5.0}}
        # a worker never holds more messages than it has processes, reconnects included
        # (Celery's prefetch count otherwise grows back after a Redis restart)
        config["worker_disable_prefetch"] = True
    elif url.startswith(("amqp://", "pyamqp://")):
        config["task_queue_max_priority"] = 10
    if config["result_backend"].startswith("db+sqlite"):
        config["database_engine_options"] = {"connect_args": {"timeout": 60}}
    if config["result_backend"].startswith("db+postgresql"):
        # a schema of their own: the studio's migrations never see (or drop) Celery's tables
        config["database_table_schemas"] = {"task": RESULT_SCHEMA, "group": RESULT_SCHEMA}
        # a dead connection fails within a minute, as the studio's own do (studio.db.engine)
        config["database_engine_options"] = {"pool_pre_ping": True,
                                             "connect_args": dict(POSTGRES_CONNECT_ARGS)}
    return config


def make_celery(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    # dispatch: studio.batch.send (a worker publishes a big batch's chains for the API)
    celery = Celery("studio", include=["studio.jobs.tasks", "studio.jobs.dispatch"])
    celery.conf.update(celery_config(settings))
    return celery


app = make_celery()


@worker_process_init.connect
def _fresh_connections_after_fork(**_: Any) -> None:
    # a forked pool process must not share the parent's database sockets
    from studio.db import dispose_engines

    dispose_engines()
    # load plugins and templates now, not on the first render a seller waits for
    try:
        from studio.plugins import get_host

        get_host()
        from studio.templating import default_registry

        default_registry()
    except Exception:  # a broken plugin is reported when used; never stop the worker here
        pass


def reconfigure(settings: Settings | None = None) -> Celery:
    """Point the app at the current settings (tests and commands that change env after import).

    Drops pooled broker connections and the cached result backend, which Celery keeps.
    """
    app.conf.update(celery_config(settings or get_settings()))
    # Kombu keeps its pools in a process-wide registry keyed by broker URL: closing ours in
    # place would leave a closed pool there for the next configuration with the same URL
    # (RabbitMQ's is the same in every test), so the registry is emptied instead
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    # the queue declarations are cached too, with the last broker's arguments: RabbitMQ
    # refuses a "render" queue declared without the x-max-priority it was made with
    for cached in ("queues", "default_queue", "router"):
        app.amqp.__dict__.pop(cached, None)
    app.amqp._rtable = None
    local = getattr(app, "_local", None)
    if local is not None and hasattr(local, "backend"):
        del local.backend
    return app
