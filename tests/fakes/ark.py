"""A local fake of Volcengine Ark content generation (Doubao Seedance video tasks).

Point the official SDK at it: ``Ark(base_url=fake.url + "/api/v3", api_key=FakeArk.API_KEY)``.
Speaks ``POST /api/v3/contents/generations/tasks`` → ``{"id": "cgt-…"}`` and
``GET /api/v3/contents/generations/tasks/{id}`` walking ``states`` (queued → running →
succeeded | failed). A finished task's ``content.video_url`` points at ``GET /media/{id}.mp4``
on the fake (Ark hands out an expiring object-storage URL), a real MP4. ``poll_hint_s`` adds a
``Retry-After`` header to status answers; ``malformed_task`` answers a task with no content.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from studio.testing import FakeHTTPServer, Reply, Seen, sample_video


def ark_error(status: int, code: str, message: str) -> Reply:
    return Reply(status, {"error": {"code": code, "message": message, "param": "", "type": ""}})


class FakeArk(FakeHTTPServer):
    API_KEY = "ark-fake-key"

    def __init__(self, *, states: list[str] | None = None, poll_hint_s: float | None = None,
                 latency: float = 0.0) -> None:
        super().__init__(latency=latency)
        self.states = states or ["queued", "running", "succeeded"]
        self.poll_hint_s = poll_hint_s
        self.tasks: dict[str, dict[str, Any]] = {}
        self.malformed_task = False
        self.corrupt_content = False
        self._ids = itertools.count(1)

    def handle(self, request: Seen) -> Reply:
        if request.path.startswith("/media/"):
            if self.corrupt_content:
                return Reply(200, b"\x00\x01 not a video")
            return Reply(200, sample_video(size=(480, 640)).read_bytes(),
                         {"content-type": "video/mp4"})
        if request.headers.get("authorization") != f"Bearer {self.API_KEY}":
            return ark_error(401, "AuthenticationError", "The API key in the request is invalid")
        base = "/api/v3/contents/generations/tasks"
        if request.method == "POST" and request.path == base:
            return self._create(request)
        if request.method == "GET" and request.path.startswith(base + "/"):
            return self._get(request.path.removeprefix(base + "/"))
        return super().handle(request)

    def _create(self, request: Seen) -> Reply:
        body = request.json()
        content = body.get("content") or []
        if not body.get("model") or not content:
            return ark_error(400, "MissingParameter", "model and content are required")
        task_id = f"cgt-2026{next(self._ids):06d}"
        self.tasks[task_id] = {"request": body, "looks": 0, "created_at": int(time.time())}
        return Reply(200, {"id": task_id})

    def _get(self, task_id: str) -> Reply:
        task = self.tasks.get(task_id)
        if task is None:
            return ark_error(404, "ResourceNotFound", f"task {task_id} not found")
        status = self.states[min(task["looks"], len(self.states) - 1)]
        task["looks"] += 1
        body = task["request"]
        answer: dict[str, Any] = {
            "id": task_id, "model": body["model"], "status": status, "error": None,
            "created_at": task["created_at"], "updated_at": int(time.time()),
            "seed": body.get("seed") or 42, "resolution": body.get("resolution") or "720p",
            "ratio": body.get("ratio") or "16:9", "duration": body.get("duration") or 5,
            "framespersecond": 24,
        }
        if status == "succeeded":
            seconds = answer["duration"]
            answer["content"] = {"video_url": f"{self.url}/media/{task_id}.mp4",
                                 "last_frame_url": ""}
            tokens = 1280 * 720 * 24 * seconds // 1024
            answer["usage"] = {"completion_tokens": tokens, "total_tokens": tokens}
            if self.malformed_task:
                del answer["content"]
        elif status == "failed":
            answer["error"] = {"code": "OutputVideoSensitiveContentDetected",
                               "message": "The output video may contain sensitive content"}
        headers = {"retry-after": str(self.poll_hint_s)} if self.poll_hint_s is not None else {}
        return Reply(200, answer, headers)
