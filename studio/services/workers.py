"""The workers that make the videos: which are alive (by their heartbeat), and which work
lost its worker."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.config import get_settings
from studio.db import Job, WorkerHeartbeat
from studio.db.types import utcnow
from studio.schemas.workers import WorkerPublic, WorkersPublic


def list_workers(session: Session) -> WorkersPublic:
    settings = get_settings()
    # a worker beats every housekeeping_seconds (15); four missed beats (a minute): gone
    alive_within = timedelta(seconds=4 * settings.housekeeping_seconds)
    now = utcnow()
    rows = session.scalars(select(WorkerHeartbeat).order_by(WorkerHeartbeat.last_seen.desc())
                           .limit(200)).all()
    data = [WorkerPublic(name=r.name, host=r.host, pid=r.pid,
                         queues=[q for q in r.queues.split(",") if q],
                         concurrency=r.concurrency, started_at=r.started_at,
                         last_seen=r.last_seen, alive=now - r.last_seen <= alive_within)
            for r in rows]
    # a running job silent this long lost its worker (studio.jobs.maintenance)
    silent = now - timedelta(seconds=settings.worker_lost_seconds)
    beat = func.coalesce(Job.heartbeat_at, Job.started_at, Job.updated_at)
    lost = int(session.scalar(select(func.count()).select_from(Job).where(
        Job.status == "running", beat < silent)) or 0)
    return WorkersPublic(data=data, count=len(data), alive=sum(w.alive for w in data),
                         running_without_heartbeat=lost)
