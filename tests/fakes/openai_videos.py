"""A local fake of the OpenAI API: Sora videos and chat completions (structured outputs).

Real HTTP on 127.0.0.1; the official ``openai`` SDK is pointed at it with
``OpenAI(base_url=fake.url + "/v1")``. Speaks:
- ``POST /v1/videos`` (multipart: prompt, model, seconds as a string, size, input_reference)
- ``GET /v1/videos/{id}`` (status walks ``states``; ``openai-poll-after-ms`` hint header)
- ``GET /v1/videos/{id}/content`` (a real small MP4 from ffmpeg testsrc)
- ``POST /v1/chat/completions`` (answers ``answers`` in order, else a valid canned answer
  for the ``response_format.json_schema.name`` asked)
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from studio.testing import FakeHTTPServer, Reply, Seen, sample_video

CANNED: dict[str, dict[str, Any]] = {
    "VideoAnalysis": {
        "summary": "A product rotates on a table; the title appears at 1 s.",
        "hook_strength": 0.7, "scene_cuts": 2, "motion_first_3s": 0.4, "brightness": 0.55,
        "contrast": 0.3, "loudness_lufs": -16.0, "text_in_safe_zone": True,
        "platform_fit": {"tiktok": True, "reels": True}, "suggestions": ["Show the price sooner"],
    },
    "GeneratedPrompt": {
        "prompt": "Slow dolly-in on the bottle on a kitchen counter, morning light",
        "negative_prompt": "text, watermark", "rationale": "Past winners used motion",
    },
    "TextAnalysis": {"language": "en", "sentiment": 0.6, "keywords": ["blender", "portable"],
                     "claims_to_check": ["30 seconds"]},
    "AdCopy": {"language": "en", "hooks": ["Smoothies anywhere?"], "captions": ["Cordless."],
               "cta": "Shop now"},
}


def parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Form fields (str) and file parts ({"filename", "content_type", "data"}) of a request."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename:
            fields[name] = {"filename": filename, "content_type": part.get_content_type(),
                            "data": data}
        else:
            fields[name] = data.decode()
    return fields


@dataclass
class FakeVideo:
    id: str
    prompt: str
    model: str
    seconds: str
    size: str
    states: list[str]
    created_at: int = field(default_factory=lambda: int(time.time()))
    polls: int = 0
    input_reference: dict[str, Any] | None = None

    @property
    def status(self) -> str:
        return self.states[min(self.polls, len(self.states) - 1)]

    def as_json(self, fail: bool) -> dict[str, Any]:
        status = self.status
        progress = {"queued": 0, "in_progress": 50}.get(status, 100)
        return {
            "id": self.id, "object": "video", "model": self.model, "status": status,
            "progress": progress, "created_at": self.created_at,
            "completed_at": self.created_at + 5 if status == "completed" else None,
            "expires_at": None, "prompt": self.prompt, "seconds": self.seconds, "size": self.size,
            "remixed_from_video_id": None,
            "error": {"code": "moderation_blocked", "message": "The request was blocked"}
            if status == "failed" and fail else None,
        }


class FakeOpenAI(FakeHTTPServer):
    API_KEY = "sk-test-fake"

    def __init__(self, *, states: list[str] | None = None, poll_after_ms: int | None = 10,
                 latency: float = 0.0) -> None:
        super().__init__(latency=latency)
        self.states = states or ["queued", "in_progress", "completed"]
        self.poll_after_ms = poll_after_ms
        self.videos: dict[str, FakeVideo] = {}
        self.answers: deque[str] = deque()  # raw chat answers to give, in order
        self.corrupt_content = False
        self.usage = {"prompt_tokens": 1200, "completion_tokens": 150}
        self._ids = itertools.count(1)

    def _auth(self, request: Seen) -> Reply | None:
        if request.headers.get("authorization") != f"Bearer {self.API_KEY}":
            return Reply(401, {"error": {"message": "Incorrect API key provided",
                                         "type": "invalid_request_error", "param": None,
                                         "code": "invalid_api_key"}})
        return None

    def handle(self, request: Seen) -> Reply:
        denied = self._auth(request)
        if denied:
            return denied
        path = request.path.removeprefix("/v1")
        if request.method == "POST" and path == "/videos":
            return self._create(request)
        if request.method == "POST" and path == "/chat/completions":
            return self._chat(request)
        parts = path.strip("/").split("/")
        if request.method == "GET" and len(parts) >= 2 and parts[0] == "videos":
            video = self.videos.get(parts[1])
            if video is None:
                return Reply(404, {"error": {"message": f"Video {parts[1]} not found",
                                             "type": "invalid_request_error", "param": None,
                                             "code": "not_found"}})
            if len(parts) == 3 and parts[2] == "content":
                if video.status != "completed":
                    return Reply(409, {"error": {"message": "Video is not ready"}})
                if self.corrupt_content:
                    return Reply(200, b"<html>not a video</html>",
                                 {"content-type": "video/mp4"})
                return Reply(200, sample_video(size=(360, 640)).read_bytes(),
                             {"content-type": "video/mp4"})
            headers = {}
            if self.poll_after_ms is not None:
                headers["openai-poll-after-ms"] = str(self.poll_after_ms)
            answer = video.as_json(fail=True)
            video.polls += 1  # the next look sees the next scripted state
            return Reply(200, answer, headers)
        return super().handle(request)

    def _create(self, request: Seen) -> Reply:
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith("multipart/form-data"):
            return Reply(400, {"error": {"message": "expected multipart/form-data"}})
        form = parse_multipart(content_type, request.body)
        if not form.get("prompt"):
            return Reply(400, {"error": {"message": "prompt is required", "param": "prompt"}})
        seconds = form.get("seconds", "4")
        if seconds not in ("4", "8", "12"):
            return Reply(400, {"error": {"message": f"Invalid value for seconds: {seconds}",
                                         "param": "seconds"}})
        video = FakeVideo(
            id=f"video_{next(self._ids):04d}", prompt=form["prompt"],
            model=form.get("model", "sora-2"), seconds=seconds,
            size=form.get("size", "720x1280"), states=list(self.states),
            input_reference=form.get("input_reference"),
        )
        self.videos[video.id] = video
        return Reply(200, video.as_json(fail=False))

    def _chat(self, request: Seen) -> Reply:
        body = request.json()
        schema_name = (((body.get("response_format") or {}).get("json_schema") or {})
                       .get("name", ""))
        if self.answers:
            content = self.answers.popleft()
        else:
            content = json.dumps(CANNED.get(schema_name, {}))
        return Reply(200, {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "gpt-4.1-mini"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content, "refusal": None}}],
            "usage": {**self.usage, "total_tokens": sum(self.usage.values())},
        })
