"""Claude (Anthropic) as an AI service, on the official ``anthropic`` SDK.

Video is read as sampled frames (base64 JPEG image blocks). The answer is forced through one
tool whose ``input_schema`` is the studio's schema (``tool_choice`` names it), so the JSON
arrives as the tool call's input; the studio validates it again and keeps the raw text if not.
Settings: ``ANTHROPIC_API_KEY`` (required), ``ANTHROPIC_BASE_URL``,
``STUDIO_CLAUDE_MODEL`` (``claude-sonnet-4-5`` default).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from pydantic import BaseModel

from studio import hookimpl
from studio.ai.credentials import Credential, configuration_for, read_credential
from studio.ai.guard import ProviderGuard
from studio.ai.instructions import SYSTEM
from studio.ai.service import Answer, CloudAIService, Media
from studio.ai.structured import json_schema_for
from studio.contracts import Configuration

__version__ = "0.1.0"

CREDENTIALS = [Credential(("ANTHROPIC_API_KEY",), "an Anthropic API key (console.anthropic.com)")]
TOOL = "record_answer"


class ClaudeService(CloudAIService):
    name = "claude"
    version = __version__
    provider = "anthropic"

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None,
                 model: str | None = None, max_tokens: int = 2048,
                 request_timeout: float = 120.0, guard: ProviderGuard | None = None) -> None:
        super().__init__(guard=guard)
        self._api_key = api_key
        self._base_url = base_url
        self.model = model or read_credential("CLAUDE_MODEL") or "claude-sonnet-4-6"
        self.max_tokens = max_tokens
        self.request_timeout = request_timeout

    def configuration(self) -> Configuration:
        return configuration_for(self.name, [] if self._api_key else CREDENTIALS, sdk="anthropic")

    def _client(self) -> Any:
        from anthropic import Anthropic

        return Anthropic(api_key=self._api_key or read_credential("ANTHROPIC_API_KEY"),
                         base_url=self._base_url or read_credential("ANTHROPIC_BASE_URL"),
                         max_retries=0, timeout=self.request_timeout)

    def ask(self, prompt: str, schema: type[BaseModel], media: Media | None) -> Answer:
        content: list[dict[str, Any]] = []
        for frame in (media.frames or []) if media else []:
            content.append({"type": "image", "source": {
                "type": "base64", "media_type": "image/jpeg",
                "data": base64.b64encode(frame).decode()}})
        content.append({"type": "text", "text": prompt})
        message = self._client().messages.create(
            model=self.model,
            max_tokens=self.max_tokens,
            system=SYSTEM,
            messages=[{"role": "user", "content": content}],
            tools=[{"name": TOOL, "description": f"Record the {schema.__name__} answer.",
                    "input_schema": json_schema_for(schema)}],
            tool_choice={"type": "tool", "name": TOOL},
        )
        tool_inputs = [block.input for block in message.content
                       if getattr(block, "type", "") == "tool_use"]
        if tool_inputs:
            text = json.dumps(tool_inputs[0], ensure_ascii=False)
        else:  # no tool call: keep whatever text came back so the error can show it
            text = "".join(getattr(block, "text", "") or "" for block in message.content)
        usage = message.usage
        return Answer(text=text, input_tokens=getattr(usage, "input_tokens", 0) or 0,
                      output_tokens=getattr(usage, "output_tokens", 0) or 0)


@hookimpl
def register_analyzers(register: Any) -> None:
    register(ClaudeService())
