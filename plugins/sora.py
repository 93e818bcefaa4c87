"""Sora (OpenAI) video generator, on the official ``openai`` SDK.

Upstream status: OpenAI's Sora API shut down on 2026-09-24 (every ``client.videos`` method
of openai >= 3.1 is deprecated with that notice). The plugin stays for OpenAI-compatible
providers that still serve the same ``/videos`` API, and runs ONLY against such an endpoint:
without a base URL, or pointed at api.openai.com, it refuses to start with a clear message.
It says so in its capabilities, in ``studio plugins`` and in the API's plugin listing.
``client.videos`` ships in openai 2.2 through 3.x (the studio pins ``openai>=2.2,<4``).

Settings: ``OPENAI_API_KEY`` (required), ``SORA_BASE_URL`` or ``OPENAI_BASE_URL`` (required:
the compatible endpoint), ``STUDIO_SORA_MODEL`` (``sora-2`` default, ``sora-2-pro``).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from studio import hookimpl
from studio.ai.cost import price_per_second, video_cost
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
    "Sora: shut down upstream on 2026-09-24; usable only against a compatible endpoint "
    "(set SORA_BASE_URL or OPENAI_BASE_URL to a provider that still serves OpenAI's video API)."
)
SDK_PACKAGE = "openai>=2.2,<4"  # client.videos: 2.2.0 onwards, deprecated but present in 3.x
KEY = Credential(("OPENAI_API_KEY",), "the API key of that compatible provider")
ENDPOINT = Credential(("SORA_BASE_URL", "OPENAI_BASE_URL"),
                      "the base URL of an OpenAI-compatible provider that still serves the Sora "
                      "video API (https://…/v1); OpenAI's own shut down on 2026-09-24")
OPENAI_HOSTS = ("api.openai.com",)

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

    def base_url(self) -> str | None:
        return self._base_url or read_credential(*ENDPOINT.names)

    def configuration(self) -> Configuration:
        needed = ([] if self._api_key else [KEY]) + ([] if self._base_url else [ENDPOINT])
        config = configuration_for(self.name, needed, sdk="openai", sdk_package=SDK_PACKAGE)
        url = self.base_url()
        if url and urlsplit(url).hostname in OPENAI_HOSTS:
            return Configuration(
                configured=False, missing=[ENDPOINT.names[0]],
                hint=f"{SHUTDOWN_NOTICE} The base URL {url} is OpenAI's own endpoint, where "
                     "the Sora API no longer answers; set SORA_BASE_URL to a compatible one.")
        if not config.configured:
            return config.model_copy(update={"hint": f"{SHUTDOWN_NOTICE} {config.hint}"})
        return config

    def capabilities(self) -> GeneratorCapabilities:
        return GeneratorCapabilities(
            text_to_video=True,
            image_to_video=True,
            durations=DURATIONS,
            aspect_ratios=["9:16", "16:9", "1:1", "4:5"],
            resolutions=sorted(set(SIZES.get(self.model, SIZES["sora-2"]).values())),
            # per model and size as published: sora-2-pro's 1024x1792 is 0.50/s, not its 720p 0.30
            price_per_second=max(price_per_second(self.model, size)
                                 for size in SIZES.get(self.model, SIZES["sora-2"]).values()),
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
            base_url=self.base_url(),  # never OpenAI's default: require() refused that above
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
                    cost=video_cost(self.model, billed, resolution=size), currency="USD",
                    progress=progress,
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
