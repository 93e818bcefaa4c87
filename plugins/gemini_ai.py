"""Gemini as an AI service, on the official ``google-genai`` SDK (Developer API, API key).

Video analysis uploads the file itself (resumable upload through ``client.files.upload``),
waits until Google has processed it (PROCESSING → ACTIVE), then asks ``generateContent`` for
a JSON answer (``response_mime_type="application/json"`` + ``response_json_schema``), which the
studio validates again. Uploaded files expire on Google's side after 48 h.
Settings: ``GEMINI_API_KEY`` (required), ``GOOGLE_GEMINI_BASE_URL``,
``STUDIO_GEMINI_MODEL`` (``gemini-2.5-flash`` default).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from plugins.veo import CREDENTIALS, SDK_PACKAGE, make_client
from studio import hookimpl
from studio.ai.credentials import configuration_for, read_credential
from studio.ai.guard import ProviderGuard
from studio.ai.instructions import SYSTEM
from studio.ai.polling import PollPolicy, PollStep, poll_until_done
from studio.ai.service import Answer, CloudAIService, Media
from studio.ai.structured import json_schema_for
from studio.contracts import Configuration, PluginError

__version__ = "0.1.0"


class GeminiService(CloudAIService):
    name = "gemini"
    version = __version__
    provider = "google"
    reads_video = True

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None,
                 model: str | None = None, guard: ProviderGuard | None = None,
                 request_timeout: float = 120.0,
                 file_poll: PollPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        super().__init__(guard=guard)
        self._api_key = api_key
        self._base_url = base_url
        self.model = model or read_credential("GEMINI_MODEL") or "gemini-2.5-flash"
        self.file_poll = file_poll or PollPolicy(initial=1.0, factor=1.5, max_interval=10,
                                                 timeout=300)
        self._sleep = sleep
        self.request_timeout = request_timeout

    def configuration(self) -> Configuration:
        needed = [] if self._api_key else CREDENTIALS
        return configuration_for(self.name, needed, sdk="google.genai", sdk_package=SDK_PACKAGE)

    def ask(self, prompt: str, schema: type[BaseModel], media: Media | None) -> Answer:
        from google.genai import types

        client = make_client(self._api_key, self._base_url, self.request_timeout)
        contents: list[Any] = []
        if media is not None and media.video is not None:
            contents.append(self._upload(client, media))
        contents.append(prompt)
        response = client.models.generate_content(
            model=self.model,
            contents=contents,
            config=types.GenerateContentConfig(
                system_instruction=SYSTEM,
                response_mime_type="application/json",
                response_json_schema=json_schema_for(schema),
            ),
        )
        text = ""
        candidates = response.candidates or []
        if candidates and candidates[0].content and candidates[0].content.parts:
            text = "".join(part.text or "" for part in candidates[0].content.parts)
        usage = response.usage_metadata
        # Gemini 2.5 reports its thinking apart from the answer; both are billed as output
        return Answer(text=text,
                      input_tokens=getattr(usage, "prompt_token_count", 0) or 0,
                      output_tokens=getattr(usage, "candidates_token_count", 0) or 0,
                      thinking_tokens=getattr(usage, "thoughts_token_count", 0) or 0)

    def _upload(self, client: Any, media: Media) -> Any:
        assert media.video is not None
        uploaded = client.files.upload(file=str(media.video), config={"mime_type": "video/mp4"})

        def look() -> PollStep[Any]:
            current = client.files.get(name=uploaded.name)
            state = str(getattr(current.state, "value", current.state) or "")
            return PollStep(snapshot=current, finished=state != "PROCESSING",
                            status=state.lower())

        ready = poll_until_done(look, provider=self.name, job_id=str(uploaded.name),
                                policy=self.file_poll, sleep=self._sleep)
        state = str(getattr(ready.state, "value", ready.state) or "")
        if state != "ACTIVE":
            raise PluginError(f"gemini could not process the uploaded video ({state}); "
                              "check that it is a valid MP4")
        return ready


@hookimpl
def register_analyzers(register: Any) -> None:
    register(GeminiService())
