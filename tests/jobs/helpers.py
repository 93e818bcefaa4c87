"""Small helpers shared by the worker tests: submit, wait, look at what was made."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from studio.db import Batch, Event, Job, Scope, Video, session_scope
from studio.services.batches import batch_public
from studio.services.requests import VideoRequest
from studio.services.submit import Submission, submit_batch, submit_video
from studio.services.uow import unit_of_work
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
    """Saved and committed: its jobs leave for the workers with the commit (the outbox)."""
    with unit_of_work(workspace_id) as scope:
        return submit_batch(scope, requests, **kwargs)


def send_video(workspace_id: int, request: VideoRequest, **kwargs: Any) -> Submission:
    with unit_of_work(workspace_id) as scope:
        return submit_video(scope, request, **kwargs)


def status(batch_id: int) -> dict[str, Any]:
    """The batch as the API shows it (``GET /batches/{id}``)."""
    with session_scope() as session:
        batch = session.get(Batch, batch_id)
        assert batch is not None
        return batch_public(Scope(session, batch.workspace_id), batch).model_dump()


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


def batch_videos_done_before_a_single_video(
    workspace_id: int, worker: Any, products: Sequence[int], *, preview: bool = False,
) -> int:
    """Send a batch of every product but the last to ``worker`` (one pool process); once the
    batch is rendering, send one video of the last product, the way a seller's single preview
    arrives. Returns how many batch videos finished before that one video did."""
    from .conftest import wait_until

    batch = send_batch(workspace_id, requests_for(products[:-1], seconds=0.4))
    wait_until(lambda: any(v.status == "running" for v in videos(batch.batch_id)), 60,
               "the batch to start", [worker])
    [request] = requests_for(products[-1:], seconds=0.4, **({"preview": True} if preview else {}))
    single_id = send_video(workspace_id, request).video_ids[0]
    wait_until(lambda: settled(batch.batch_id), 120, "the batch", [worker])
    [single] = wait_until(lambda: [v for v in videos() if v.id == single_id
                                   and v.status == "succeeded"], 60, "the single video", [worker])
    return sum(1 for v in videos(batch.batch_id) if v.finished_at < single.finished_at)


# --- the API, as a seller's client sees the work (fastapi TestClient on the real app) -------


def api_client(workspace_id: int, *, dispatch_jobs: bool = True) -> tuple[Any, dict[str, str]]:
    """The real app on this process's settings, and the headers of a new key of
    ``workspace_id``. Use as ``with client:``."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.settings import ApiSettings
    from studio.auth import create_api_key
    from studio.config import get_settings

    with session_scope() as session:
        _, token = create_api_key(session=session, workspace_id=workspace_id, name="tests")
    app = create_app(get_settings(), ApiSettings(
        rate_limit_per_second=1000, rate_limit_burst=1000, secure_cookies=False,
        dispatch_jobs=dispatch_jobs))
    return TestClient(app), {"Authorization": f"Bearer {token}"}


def batch_body(product_ids: Sequence[int], formats: Sequence[str] = ("9:16",),
               seconds: float = 0.3) -> dict[str, Any]:
    return {"items": [{"product": pid, "template": "clip", "format": fmt,
                       "generator": "test-clips", "options": {"seconds": seconds}}
                      for pid in product_ids for fmt in formats]}


def processes() -> list[tuple[int, str, int, int]]:
    """(pid, name, parent pid, process group) of every process now."""
    import os

    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        if fields[0] != "Z":  # a zombie runs nothing
            found.append((int(entry), name, int(fields[1]), int(fields[2])))
    return found


def group_rendering(pgid: int) -> bool:
    """Is an ffmpeg of this process group running (its worker is mid-render)?"""
    return any(name == "ffmpeg" and group == pgid for _, name, _, group in processes())
