"""Small helpers shared by the worker tests: submit, wait, look at what was made."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from studio.db import Event, Job, Video, session_scope
from studio.jobs.control import batch_status
from studio.jobs.dispatch import dispatch
from studio.jobs.submit import Submission, VideoRequest, submit_batch, submit_video
from studio.states import FINISHED
from studio.storage import open_storage


def requests_for(product_ids: Sequence[int], formats: Sequence[str] = ("9:16",),
                 seconds: float = 0.3, **options: Any) -> list[VideoRequest]:
    return [
        VideoRequest(product_id=pid, template_id="clip", format=fmt, generator="test-clips",
                     options={"seconds": seconds, **options})
        for pid in product_ids for fmt in formats
    ]


def send_batch(workspace_id: int, requests: list[VideoRequest], **kwargs: Any) -> Submission:
    with session_scope() as session:
        submission = submit_batch(session, workspace_id, requests, **kwargs)
    dispatch(submission)
    return submission


def send_video(workspace_id: int, request: VideoRequest, **kwargs: Any) -> Submission:
    with session_scope() as session:
        submission = submit_video(session, workspace_id, request, **kwargs)
    dispatch(submission)
    return submission


def status(batch_id: int) -> dict[str, Any]:
    with session_scope() as session:
        return batch_status(session, batch_id)


def settled(batch_id: int) -> dict[str, Any] | None:
    current = status(batch_id)
    return current if current["status"] in FINISHED["batch"] else None


def videos(batch_id: int | None = None) -> list[Video]:
    with session_scope() as session:
        statement = select(Video).order_by(Video.id)
        if batch_id is not None:
            statement = statement.where(Video.batch_id == batch_id)
        return list(session.scalars(statement))


def jobs(kind: str = "render") -> list[Job]:
    with session_scope() as session:
        return list(session.scalars(select(Job).where(Job.kind == kind).order_by(Job.id)))


def count(model: Any) -> int:
    with session_scope() as session:
        return int(session.scalar(select(func.count()).select_from(model)))


def events(type_: str) -> list[Event]:
    with session_scope() as session:
        return list(session.scalars(select(Event).where(Event.type == type_).order_by(Event.seq)))


def playable_seconds(path: str) -> float:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
        capture_output=True, text=True, check=True,
    )
    return float(out.stdout.strip())


def stored_videos() -> list[str]:
    return [key for key in open_storage().list("videos/") if key.endswith(".mp4")]
