"""Sora (OpenAI) video generator, on the official ``openai`` SDK.

Upstream status: OpenAI announced that the Sora API shuts down permanently on 2026-09-24,
and every ``client.videos`` method of openai >= 3.1 is marked deprecated with that notice. The
plugin stays for sellers who still have access and for OpenAI-compatible providers (set
``OPENAI_BASE_URL``); it says so in its capabilities. Pin ``openai<3.2`` (a release that still
ships ``client.videos``).

Settings: ``OPENAI_API_KEY`` (required), ``OPENAI_BASE_URL``, ``STUDIO_SORA_MODEL``
(``sora-2`` default, ``sora-2-pro``).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from studio import hookimpl
from studio.ai.cost import VIDEO_PRICE_PER_SECOND, video_cost
from studio.ai.credentials import Credential, configuration_for, read_credential, require
from studio.ai.generation import (
    check_clip_budget,
    finish_clip,
    first_frame,
    fit_photo,
    pick_duration,
    prompt_for,
    scratch_file,
)
from studio.ai.guard import ProviderGuard, get_guard, retry_hint
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

SHUTDOWN_NOTICE = (
    "Upstream notice: OpenAI announced that the Sora API shuts down permanently on 2026-09-24 "
    "(openai>=3.1 marks client.videos deprecated with this notice). After that date this "
    "generator works only for accounts that still have access or with an OpenAI-compatible "
    "provider (OPENAI_BASE_URL)."
)
CREDENTIALS = [Credential(("OPENAI_API_KEY",), "an OpenAI API key with Sora access")]

# the sizes Sora renders; 1:1 and 4:5 are cropped from the vertical size by the normalizer
SIZES = {
    "sora-2": {"9:16": "720x1280", "16:9": "1280x720", "1:1": "720x1280", "4:5": "720x1280"},
    "sora-2-pro": {"9:16": "1024x1792", "16:9": "1792x1024", "1:1": "1024x1792",
                   "4:5": "1024x1792"},
}
DURATIONS = [4.0, 8.0, 12.0]


class SoraGenerator:
    name = "sora"
    version = __version__

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None,
                 model: str | None = None, poll: PollPolicy | None = None,
                 request_timeout: float = 120.0, guard: ProviderGuard | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._api_key = api_key
        self._base_url = base_url
        self.model = model or read_credential("SORA_MODEL") or "sora-2"
        self.poll = poll or PollPolicy(initial=5.0, max_interval=30.0, timeout=1200.0)
        self.request_timeout = request_timeout
        self._guard = guard
        self._sleep = sleep

    @property
    def guard(self) -> ProviderGuard:
        return self._guard or get_guard("openai")

    def configuration(self) -> Configuration:
        if self._api_key:
            return configuration_for(self.name, [], sdk="openai", sdk_package="openai<3.2")
        return configuration_for(self.name, CREDENTIALS, sdk="openai", sdk_package="openai<3.2")

    def capabilities(self) -> GeneratorCapabilities:
        return GeneratorCapabilities(
            text_to_video=True,
            image_to_video=True,
            durations=DURATIONS,
            aspect_ratios=["9:16", "16:9", "1:1", "4:5"],
            resolutions=sorted(set(SIZES.get(self.model, SIZES["sora-2"]).values())),
            price_per_second=VIDEO_PRICE_PER_SECOND.get(self.model, Decimal("0")),
            currency="USD",
            max_concurrency=2,
            notes=f"{SHUTDOWN_NOTICE} 1:1 and 4:5 are cropped from the vertical render. "
                  "The product photo is used as the first frame (input_reference).",
        )

    def _client(self) -> Any:
        require(self.configuration())
        from openai import OpenAI

        return OpenAI(
            api_key=self._api_key or read_credential("OPENAI_API_KEY"),
            base_url=self._base_url or read_credential("OPENAI_BASE_URL"),
            max_retries=0,  # the guard retries, honouring the server's hints
            timeout=self.request_timeout,
        )

    def generate(self, request: GenerationRequest, progress: ProgressCallback) -> GenerationResult:
        client = self._client()
        size = SIZES.get(self.model, SIZES["sora-2"])[request.aspect_ratio]
        seconds = pick_duration(request.duration, DURATIONS, self.name)
        prompt = prompt_for(request, self.name)
        caps = self.capabilities()
        check_clip_budget(caps.price_per_second, seconds, caps.currency)
        params: dict[str, Any] = {"prompt": prompt, "model": self.model,
                                  "seconds": str(int(seconds)), "size": size}
        frame = first_frame(request)
        if frame is not None:
            width, height = (int(v) for v in size.split("x"))
            frame = fit_photo(frame, width, height)
            params["input_reference"] = ("first_frame.jpg", frame.data, frame.mime_type)
        progress(0.02, "sora: sending the request")
        with warnings.catch_warnings():
            # the shutdown notice is recorded in capabilities(); do not spam every job's log
            warnings.simplefilter("ignore", DeprecationWarning)
            video = self.guard.call(lambda: client.videos.create(**params), what="sora create")
            video = poll_until_done(
                lambda: self._look(client, video.id), provider=self.name, job_id=video.id,
                policy=self.poll, progress=progress, sleep=self._sleep,
            )
            if video.status != "completed":
                error = getattr(video, "error", None)
                reason = getattr(error, "message", None) or "no reason given"
                code = getattr(error, "code", None) or video.status
                self.guard.breaker.record_failure(f"job {video.id} {code}")
                raise PluginError(f"sora could not make the clip (job {video.id}): {reason} "
                                  f"[{code}]. Change the prompt or photo and try again.")
            raw = scratch_file()
            try:
                progress(0.85, "sora: downloading the clip")
                content = self.guard.call(
                    lambda: client.videos.download_content(video.id, variant="video"),
                    what="sora download",
                )
                content.write_to_file(raw)
                billed = float(getattr(video, "seconds", None) or seconds)
                return finish_clip(
                    raw, request, provider=self.name, job_id=video.id,
                    cost=video_cost(self.model, billed), currency="USD", progress=progress,
                    metadata={"provider": "openai", "model": self.model, "size": size,
                              "billed_seconds": billed, "prompt": prompt,
                              "first_frame": frame.source if frame else None},
                )
            finally:
                raw.unlink(missing_ok=True)

    def _look(self, client: Any, video_id: str) -> PollStep[Any]:
        raw = self.guard.call(lambda: client.videos.with_raw_response.retrieve(video_id),
                              what="sora status")
        video = raw.parse()
        return PollStep(
            snapshot=video,
            finished=video.status not in ("queued", "in_progress"),
            hint=retry_hint(raw.headers),
            progress=(video.progress or 0) / 100 if getattr(video, "progress", None) else None,
            status=str(video.status).replace("_", " "),
        )


@hookimpl
def register_generators(register: Any) -> None:
    register(SoraGenerator())
