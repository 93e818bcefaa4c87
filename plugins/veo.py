"""Veo (Google) video generator, on the official ``google-genai`` SDK.

Mode: the Gemini Developer API with an API key (``GEMINI_API_KEY`` or ``GOOGLE_API_KEY``).
google-genai 2.x (the studio pins ``google-genai>=1.32,<3``: ``GenerateVideosSource`` first
ships in 1.32.0) still allows ``generate_videos`` with an API key; 3.x reportedly allows it
only with ``vertexai=True``. Vertex AI (project + location +
Google Cloud credentials, results in GCS) is NOT supported by this plugin yet.
The deprecated ``google-generativeai`` package is not used (it has no Veo).

Settings: ``GEMINI_API_KEY`` (required), ``GOOGLE_GEMINI_BASE_URL``, ``STUDIO_VEO_MODEL``
(``veo-3.1-generate-preview`` default; ``veo-3.1-lite-generate-001``, ``veo-2.0-generate-001``).
Google's long-running operations carry no "ask again in" hint, so polling backs off
exponentially (5 s → 30 s).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from studio import hookimpl
from studio.ai.cost import price_per_second, video_cost
from studio.ai.credentials import Credential, configuration_for, read_credential, require
from studio.ai.generation import (
    check_clip_budget,
    finish_clip,
    first_frame,
    pick_duration,
    prompt_for,
    scratch_file,
)
from studio.ai.guard import ProviderGuard, get_guard
from studio.ai.polling import PollPolicy, PollStep, poll_until_done
from studio.contracts import (
    Configuration,
    GenerationRequest,
    GenerationResult,
    GeneratorCapabilities,
    PluginError,
    ProgressCallback,
)

__version__ = "0.1.0"

CREDENTIALS = [Credential(("GEMINI_API_KEY", "GOOGLE_API_KEY"),
                          "a Gemini API key (aistudio.google.com → Get API key) with Veo access")]
SDK_PACKAGE = "google-genai>=1.32,<3"  # GenerateVideosSource: 1.32.0 onwards

DURATIONS = {
    "veo-2.0-generate-001": [5.0, 6.0, 7.0, 8.0],
}
DEFAULT_DURATIONS = [4.0, 6.0, 8.0]  # Veo 3.x
# Veo renders 16:9 and 9:16; 1:1 and 4:5 are cropped from 9:16 by the normalizer
PROVIDER_RATIO = {"9:16": "9:16", "16:9": "16:9", "1:1": "9:16", "4:5": "9:16"}


def make_client(api_key: str | None = None, base_url: str | None = None,
                timeout_s: float = 120.0) -> Any:
    """A google-genai client for the Developer API; SDK retries off (the guard retries)."""
    from google import genai
    from google.genai import types

    return genai.Client(
        api_key=api_key or read_credential("GEMINI_API_KEY", "GOOGLE_API_KEY"),
        http_options=types.HttpOptions(
            base_url=base_url or read_credential("GOOGLE_GEMINI_BASE_URL"),
            api_version="v1beta",
            timeout=int(timeout_s * 1000),
        ),
    )


class VeoGenerator:
    name = "veo"
    version = __version__

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None,
                 model: str | None = None, resolution: str = "720p",
                 poll: PollPolicy | None = None, guard: ProviderGuard | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._api_key = api_key
        self._base_url = base_url
        self.model = model or read_credential("VEO_MODEL") or "veo-3.1-generate-preview"
        self.resolution = resolution
        self.poll = poll or PollPolicy(initial=5.0, factor=1.5, max_interval=30.0, timeout=1200)
        self._guard = guard
        self._sleep = sleep

    @property
    def guard(self) -> ProviderGuard:
        return self._guard or get_guard("google")

    def configuration(self) -> Configuration:
        needed = [] if self._api_key else CREDENTIALS
        return configuration_for(self.name, needed, sdk="google.genai", sdk_package=SDK_PACKAGE)

    def capabilities(self) -> GeneratorCapabilities:
        return GeneratorCapabilities(
            text_to_video=True,
            image_to_video=True,
            durations=DURATIONS.get(self.model, DEFAULT_DURATIONS),
            aspect_ratios=["9:16", "16:9", "1:1", "4:5"],
            resolutions=["720p", "1080p"],
            # priced per model and resolution as Google publishes it (studio.ai.cost)
            price_per_second=price_per_second(self.model, self.resolution),
            currency="USD",
            max_concurrency=2,
            notes="Gemini Developer API with an API key (google-genai 2.x); Vertex AI is not "
                  "supported yet. 1:1 and 4:5 are cropped from 9:16. The product photo is the "
                  "first frame.",
        )

    def generate(self, request: GenerationRequest, progress: ProgressCallback) -> GenerationResult:
        require(self.configuration())
        from google.genai import types

        client = make_client(self._api_key, self._base_url)
        seconds = pick_duration(request.duration, self.capabilities().durations, self.name)
        prompt = prompt_for(request, self.name)
        caps = self.capabilities()
        check_clip_budget(caps.price_per_second, seconds, caps.currency)
        frame = first_frame(request)
        source = types.GenerateVideosSource(
            prompt=prompt,
            image=types.Image(image_bytes=frame.data, mime_type=frame.mime_type) if frame else None,
        )
        config = types.GenerateVideosConfig(
            number_of_videos=1,
            duration_seconds=int(seconds),
            aspect_ratio=PROVIDER_RATIO[request.aspect_ratio],
            resolution=self.resolution,
            negative_prompt=request.options.get("negative_prompt") or None,
        )
        progress(0.02, "veo: sending the request")
        operation = self.guard.call(
            lambda: client.models.generate_videos(model=self.model, source=source, config=config),
            what="veo create",
        )
        job_id = operation.name or "unknown"
        operation = poll_until_done(
            lambda: self._look(client, operation), provider=self.name, job_id=job_id,
            policy=self.poll, progress=progress, sleep=self._sleep,
        )
        video = self._video_of(operation, job_id)
        raw = scratch_file()
        try:
            progress(0.85, "veo: downloading the clip")
            if video.video_bytes:
                raw.write_bytes(video.video_bytes)
            else:
                data = self.guard.call(lambda: client.files.download(file=video),
                                       what="veo download")
                raw.write_bytes(data)
            return finish_clip(
                raw, request, provider=self.name, job_id=job_id,
                cost=video_cost(self.model, seconds, resolution=self.resolution),
                currency="USD", progress=progress,
                metadata={"provider": "google", "model": self.model, "mode": "developer-api",
                          "billed_seconds": seconds, "prompt": prompt,
                          "first_frame": frame.source if frame else None},
            )
        finally:
            raw.unlink(missing_ok=True)

    def _look(self, client: Any, operation: Any) -> PollStep[Any]:
        current = self.guard.call(lambda: client.operations.get(operation), what="veo status")
        return PollStep(snapshot=current, finished=bool(current.done),
                        status="done" if current.done else "generating")

    def _video_of(self, operation: Any, job_id: str) -> Any:
        error = operation.error
        if error:
            message = error.get("message") if isinstance(error, dict) else str(error)
            self.guard.breaker.record_failure(f"operation {job_id}: {message}")
            raise PluginError(f"veo could not make the clip (operation {job_id}): {message}. "
                              "Change the prompt or photo and try again.")
        result = operation.result or operation.response
        videos = list(getattr(result, "generated_videos", None) or [])
        if not videos or videos[0].video is None:
            reasons = getattr(result, "rai_media_filtered_reasons", None) or []
            detail = "; ".join(reasons) or "the operation finished without a video"
            raise PluginError(f"veo returned no clip (operation {job_id}): {detail}")
        return videos[0].video


@hookimpl
def register_generators(register: Any) -> None:
    register(VeoGenerator())
