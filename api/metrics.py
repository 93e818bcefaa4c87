"""Prometheus metrics: request counts and latencies here; work figures read from the database.

Queue depth, renders, failures and AI cost are the database's truth (the worker processes
write them), so they are read at scrape time rather than counted in this process.
"""

from __future__ import annotations

from decimal import Decimal

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.db import Job, UsageRecord, Video

# a registry of our own: creating several apps in one process (tests) must not clash
REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "studio_http_requests_total", "HTTP requests", ["method", "route", "status"],
    registry=REGISTRY,
)
REQUEST_LATENCY = Histogram(
    "studio_http_request_duration_seconds", "HTTP request latency", ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
QUEUE_DEPTH = Gauge(
    "studio_queue_depth", "Jobs waiting or running, by kind and status", ["kind", "status"],
    registry=REGISTRY,
)
VIDEOS = Gauge("studio_videos", "Videos by status", ["status"], registry=REGISTRY)
RENDERS = Gauge("studio_renders_succeeded", "Videos rendered successfully", registry=REGISTRY)
FAILURES = Gauge("studio_render_failures", "Videos whose render failed", registry=REGISTRY)
AI_COST = Gauge(
    "studio_ai_cost", "AI generation cost recorded in usage, by currency", ["currency"],
    registry=REGISTRY,
)

WAITING = ("pending", "queued", "running", "retrying")


def refresh_from_database(session: Session) -> None:
    """Set the work gauges from the tables (all workspaces: this is the operator's view)."""
    QUEUE_DEPTH.clear()
    rows = session.execute(
        select(Job.kind, Job.status, func.count())
        .where(Job.status.in_(WAITING))
        .group_by(Job.kind, Job.status)
    ).all()
    for kind, status, count in rows:
        QUEUE_DEPTH.labels(kind, status).set(count)

    VIDEOS.clear()
    by_status = dict(
        session.execute(select(Video.status, func.count()).group_by(Video.status)).all()
    )
    for status, count in by_status.items():
        VIDEOS.labels(status).set(count)
    RENDERS.set(by_status.get("succeeded", 0))
    FAILURES.set(by_status.get("failed", 0))

    AI_COST.clear()
    costs = session.execute(
        select(UsageRecord.currency, func.sum(UsageRecord.cost))
        .where(UsageRecord.kind.like("ai%"))
        .group_by(UsageRecord.currency)
    ).all()
    for currency, total in costs:
        AI_COST.labels(currency).set(float(Decimal(str(total or 0))))


def render_metrics() -> bytes:
    return generate_latest(REGISTRY)
