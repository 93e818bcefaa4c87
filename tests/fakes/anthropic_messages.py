"""A local fake of the Anthropic Messages API (``POST /v1/messages``).

Point the SDK at it: ``Anthropic(api_key=FakeAnthropic.API_KEY, base_url=fake.url)``. When the
request forces a tool (``tool_choice: {"type": "tool"}``) the fake answers with a ``tool_use``
block whose input is a valid canned answer for the tool's ``input_schema``; ``answers`` (raw
JSON text, in order) override it, and ``text_only`` answers with a plain text block instead.
"""

from __future__ import annotations

import json
from collections import deque
from typing import Any

from studio.testing import FakeHTTPServer, Reply, Seen
from tests.fakes.google_genai import canned_for_schema


class FakeAnthropic(FakeHTTPServer):
    API_KEY = "sk-ant-fake"

    def __init__(self, *, latency: float = 0.0) -> None:
        super().__init__(latency=latency)
        self.answers: deque[str] = deque()
        self.text_only = False

    def handle(self, request: Seen) -> Reply:
        # anthropic 2.x sends the key as a bearer token; older SDKs as x-api-key
        keys = {request.headers.get("x-api-key"),
                request.headers.get("authorization", "").removeprefix("Bearer ")}
        if self.API_KEY not in keys:
            return Reply(401, {"type": "error", "error": {
                "type": "authentication_error", "message": "invalid x-api-key"}})
        if request.method != "POST" or request.path != "/v1/messages":
            return super().handle(request)
        body = request.json()
        if not body.get("max_tokens") or not body.get("messages"):
            return Reply(400, {"type": "error", "error": {
                "type": "invalid_request_error", "message": "max_tokens and messages required"}})
        tools = body.get("tools") or []
        content: list[dict[str, Any]]
        if self.answers:
            raw = self.answers.popleft()
            try:
                content = [{"type": "tool_use", "id": "toolu_fake", "name": tools[0]["name"],
                            "input": json.loads(raw)}]
            except (ValueError, IndexError, KeyError):
                content = [{"type": "text", "text": raw}]
        elif self.text_only or not tools:
            content = [{"type": "text", "text": "Here is my analysis: the video looks good."}]
        else:
            content = [{"type": "tool_use", "id": "toolu_fake", "name": tools[0]["name"],
                        "input": canned_for_schema(tools[0].get("input_schema"))}]
        return Reply(200, {
            "id": "msg_fake", "type": "message", "role": "assistant",
            "model": body.get("model"), "content": content,
            "stop_reason": "tool_use" if content[0]["type"] == "tool_use" else "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 3100, "output_tokens": 220},
        })
