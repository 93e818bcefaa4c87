"""Seedance (ByteDance Doubao) video generator, on Volcengine Ark (``volcengine-python-sdk[ark]``).

Settings: ``ARK_API_KEY`` (required), ``ARK_BASE_URL`` (default Beijing
``https://ark.cn-beijing.volces.com/api/v3``; BytePlus: ``https://ark.ap-southeast.bytepluses.com/api/v3``),
``STUDIO_SEEDANCE_MODEL`` (``doubao-seedance-1-0-pro-250528`` default).
Ark bills tokens in CNY; the cost of a clip is computed from the tokens the task reports.
The product photo is sent as the ``first_frame`` image (a data URL). Output URLs expire after
24 h, so the clip is downloaded as soon as the task succeeds.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from studio import hookimpl
from studio.ai.cost import SEEDANCE_CNY_PER_MILLION_TOKENS, seedance_cost, seedance_tokens_estimate
from studio.ai.credentials import Credential, configuration_for, read_credential, require
from studio.ai.generation import (
    check_clip_budget,
    finish_clip,
    first_frame,
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

CREDENTIALS = [
    Credential(("ARK_API_KEY",), "a Volcengine Ark API key (console.volcengine.com/ark)")
]
SDK_PACKAGE = "volcengine-python-sdk[ark]"
DURATIONS = [5.0, 10.0]
# Ark ratios closest to each studio format (4:5 is cropped from 3:4)
PROVIDER_RATIO = {"9:16": "9:16", "16:9": "16:9", "1:1": "1:1", "4:5": "3:4"}
RESOLUTION_SIZE = {"480p": (864, 480), "720p": (1280, 720), "1080p": (1920, 1080)}


class SeedanceGenerator:
    name = "seedance"
    version = __version__

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None,
                 model: str | None = None, resolution: str = "720p",
                 poll: PollPolicy | None = None, guard: ProviderGuard | None = None,
                 request_timeout: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._api_key = api_key
        self._base_url = base_url
        self.model = model or read_credential("SEEDANCE_MODEL") or "doubao-seedance-1-0-pro-250528"
        self.resolution = resolution
        self.poll = poll or PollPolicy(initial=5.0, factor=1.5, max_interval=20.0, timeout=1200)
        self.request_timeout = request_timeout
        self._guard = guard
        self._sleep = sleep

    @property
    def guard(self) -> ProviderGuard:
        return self._guard or get_guard("ark")

    def configuration(self) -> Configuration:
        needed = [] if self._api_key else CREDENTIALS
        return configuration_for(self.name, needed, sdk="volcenginesdkarkruntime",
                                 sdk_package=SDK_PACKAGE)

    def capabilities(self) -> GeneratorCapabilities:
        width, height = RESOLUTION_SIZE[self.resolution]
        per_second = Decimal(seedance_tokens_estimate(width, height, 24, 1))
        return GeneratorCapabilities(
            text_to_video=True,
            image_to_video=True,
            durations=DURATIONS,
            aspect_ratios=["9:16", "16:9", "1:1", "4:5"],
            resolutions=list(RESOLUTION_SIZE),
            price_per_second=(per_second * SEEDANCE_CNY_PER_MILLION_TOKENS / 1_000_000)
            .quantize(Decimal("0.001")),
            currency="CNY",
            max_concurrency=3,
            notes="Volcengine Ark (mainland China) bills tokens in CNY; BytePlus users set "
                  "ARK_BASE_URL. 4:5 is cropped from 3:4. The product photo is the first frame.",
        )

    def _client(self) -> Any:
        require(self.configuration())
        from volcenginesdkarkruntime import Ark

        kwargs: dict[str, Any] = {
            "api_key": self._api_key or read_credential("ARK_API_KEY"),
            "max_retries": 0,  # the guard retries, honouring Retry-After
            "timeout": self.request_timeout,
        }
        base_url = self._base_url or read_credential("ARK_BASE_URL")
        if base_url:
            kwargs["base_url"] = base_url
        return Ark(**kwargs)

    def generate(self, request: GenerationRequest, progress: ProgressCallback) -> GenerationResult:
        client = self._client()
        seconds = pick_duration(request.duration, DURATIONS, self.name)
        prompt = prompt_for(request, self.name)
        caps = self.capabilities()
        check_clip_budget(caps.price_per_second, seconds, caps.currency)
        content: list[dict[str, Any]] = [{"type": "text", "text": prompt}]
        frame = first_frame(request)
        if frame is not None:
            data_url = f"data:{frame.mime_type};base64,{base64.b64encode(frame.data).decode()}"
            content.append({"type": "image_url", "image_url": {"url": data_url},
                            "role": "first_frame"})
        tasks = client.content_generation.tasks
        progress(0.02, "seedance: sending the request")
        created = self.guard.call(
            lambda: tasks.create(
                model=self.model, content=content, ratio=PROVIDER_RATIO[request.aspect_ratio],
                duration=int(seconds), resolution=self.resolution, seed=request.seed,
                watermark=False,
            ),
            what="seedance create",
        )
        task = poll_until_done(
            lambda: self._look(tasks, created.id), provider=self.name, job_id=created.id,
            policy=self.poll, progress=progress, sleep=self._sleep,
        )
        video_url = self._video_url(task, created.id)
        raw = scratch_file()
        try:
            progress(0.85, "seedance: downloading the clip")
            raw.write_bytes(self.guard.call(lambda: _download(video_url), what="seedance download"))
            usage = getattr(task, "usage", None)
            tokens = getattr(usage, "completion_tokens", None) if usage is not None else None
            if not tokens:
                width, height = RESOLUTION_SIZE[self.resolution]
                tokens = seedance_tokens_estimate(width, height, 24, seconds)
            return finish_clip(
                raw, request, provider=self.name, job_id=created.id,
                cost=seedance_cost(int(tokens)), currency="CNY", progress=progress,
                metadata={"provider": "ark", "model": self.model, "tokens": int(tokens),
                          "billed_seconds": seconds, "prompt": prompt,
                          "seed": getattr(task, "seed", None),
                          "first_frame": frame.source if frame else None},
            )
        finally:
            raw.unlink(missing_ok=True)

    def _look(self, tasks: Any, task_id: str) -> PollStep[Any]:
        get_raw = _raw_getter(tasks)
        if get_raw is None:  # an SDK without the wrapper: no hint, plain backoff
            task, hint = self.guard.call(lambda: tasks.get(task_id=task_id),
                                         what="seedance status"), None
        else:
            raw = self.guard.call(lambda: get_raw(task_id=task_id), what="seedance status")
            task, hint = raw.parse(), retry_hint(raw.headers)
        status = str(task.status)
        return PollStep(snapshot=task, finished=status not in ("queued", "running"),
                        hint=hint, status=status)

    def _video_url(self, task: Any, task_id: str) -> str:
        if task.status != "succeeded":
            error = getattr(task, "error", None)
            message = getattr(error, "message", None) or "no reason given"
            code = getattr(error, "code", None) or task.status
            self.guard.breaker.record_failure(f"task {task_id} {code}")
            raise PluginError(f"seedance could not make the clip (task {task_id}): {message} "
                              f"[{code}]. Change the prompt or photo and try again.")
        content = getattr(task, "content", None)
        url = getattr(content, "video_url", None) if content is not None else None
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise PluginError(f"seedance task {task_id} succeeded but named no video URL; "
                              "the provider's answer was malformed")
        return url


def _raw_getter(tasks: Any) -> Callable[..., Any] | None:
    """``tasks.get`` returning the raw response (headers included). The Ark SDK wraps only
    ``create`` that way, so wrap ``get`` with the SDK's own wrapper."""
    try:
        from volcenginesdkarkruntime._response import to_raw_response_wrapper
    except ImportError:
        return None
    return to_raw_response_wrapper(tasks.get)  # type: ignore[no-any-return]


def _download(url: str) -> bytes:
    import httpx

    response = httpx.get(url, timeout=120, follow_redirects=True)
    response.raise_for_status()
    return response.content


@hookimpl
def register_generators(register: Any) -> None:
    register(SeedanceGenerator())
