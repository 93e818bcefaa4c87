"""OpenAI as an AI service (analysis, prompts, copy), on the official ``openai`` SDK.

Video is read as sampled frames (JPEG images in one chat message); answers use structured
outputs (``response_format`` JSON schema) and are validated again by the studio.
Settings: ``OPENAI_API_KEY`` (required), ``OPENAI_BASE_URL``, ``STUDIO_OPENAI_TEXT_MODEL``
(``gpt-4.1-mini`` default).
"""

from __future__ import annotations

import base64
from typing import Any

from pydantic import BaseModel

from studio import hookimpl
from studio.ai.credentials import Credential, configuration_for, read_credential
from studio.ai.guard import ProviderGuard
from studio.ai.instructions import SYSTEM
from studio.ai.service import Answer, CloudAIService, Media
from studio.ai.structured import json_schema_for
from studio.contracts import Configuration, StructuredAnswerError

__version__ = "0.1.0"

CREDENTIALS = [Credential(("OPENAI_API_KEY",), "an OpenAI API key (platform.openai.com)")]


class OpenAIService(CloudAIService):
    name = "openai"
    version = __version__
    provider = "openai"

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None,
                 model: str | None = None, request_timeout: float = 120.0,
                 guard: ProviderGuard | None = None) -> None:
        super().__init__(guard=guard)
        self._api_key = api_key
        self._base_url = base_url
        self.model = model or read_credential("OPENAI_TEXT_MODEL") or "gpt-4.1-mini"
        self.request_timeout = request_timeout

    def configuration(self) -> Configuration:
        return configuration_for(self.name, [] if self._api_key else CREDENTIALS, sdk="openai")

    def _client(self) -> Any:
        from openai import OpenAI

        return OpenAI(api_key=self._api_key or read_credential("OPENAI_API_KEY"),
                      base_url=self._base_url or read_credential("OPENAI_BASE_URL"),
                      max_retries=0, timeout=self.request_timeout)

    def ask(self, prompt: str, schema: type[BaseModel], media: Media | None) -> Answer:
        content: list[dict[str, Any]] = [{"type": "text", "text": prompt}]
        for frame in (media.frames or []) if media else []:
            url = "data:image/jpeg;base64," + base64.b64encode(frame).decode()
            content.append({"type": "image_url", "image_url": {"url": url, "detail": "low"}})
        response = self._client().chat.completions.create(
            model=self.model,
            messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": content}],
            response_format={"type": "json_schema", "json_schema": {
                "name": schema.__name__, "schema": json_schema_for(schema), "strict": False}},
        )
        message = response.choices[0].message if response.choices else None
        if message is not None and getattr(message, "refusal", None):
            raise StructuredAnswerError(f"openai refused: {message.refusal}",
                                        raw_text=str(message.refusal))
        usage = response.usage
        return Answer(
            text=(message.content if message is not None else "") or "",
            input_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            output_tokens=getattr(usage, "completion_tokens", 0) or 0,
        )


@hookimpl
def register_analyzers(register: Any) -> None:
    register(OpenAIService())
