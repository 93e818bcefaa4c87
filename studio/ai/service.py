"""The four AI-service operations, written once; a cloud plugin supplies only ``ask``.

``ask(prompt, schema, media)`` sends one request to the provider and returns the raw answer
text and the tokens used. Everything else — the instructions, budget check, guard, schema
validation that keeps the raw text, usage recording — lives here, so the three cloud services
behave the same and a new provider is one small method.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from studio.ai import instructions
from studio.ai.cost import token_cost
from studio.ai.credentials import require
from studio.ai.guard import ProviderGuard, get_guard
from studio.ai.structured import parse_structured
from studio.ai.usage import check_budget, record_usage
from studio.contracts import (
    AdCopy,
    Configuration,
    GeneratedPrompt,
    PluginError,
    PromptContext,
    TextAnalysis,
    VideoAnalysis,
    VideoInput,
)
from studio.product import ProductData

M = TypeVar("M", bound=BaseModel)


@dataclass
class Answer:
    text: str
    input_tokens: int = 0
    output_tokens: int = 0
    thinking_tokens: int = 0  # reasoning the provider bills as output (Gemini 2.5's thoughts)


@dataclass
class Media:
    """What goes with a prompt: a video file (services that read video) or JPEG frames."""

    video: Path | None = None
    frames: list[bytes] | None = None


class CloudAIService:
    name = "cloud"
    version = "0.1.0"
    provider = "cloud"  # guard / breaker key
    model = ""
    reads_video = False  # True: upload the file; False: send sampled frames
    frames_per_video = 6

    def __init__(self, *, guard: ProviderGuard | None = None) -> None:
        self._guard = guard
        self.last_cost = Decimal("0")

    @property
    def guard(self) -> ProviderGuard:
        return self._guard or get_guard(self.provider)

    def configuration(self) -> Configuration:  # pragma: no cover - each plugin overrides
        return Configuration()

    def ask(self, prompt: str, schema: type[BaseModel], media: Media | None) -> Answer:
        raise NotImplementedError

    # --- the contract ---------------------------------------------------------------------

    def analyze_video(self, video: VideoInput) -> VideoAnalysis:
        if not Path(video.path).is_file():
            raise PluginError(f"video file {video.path} does not exist")
        if self.reads_video:
            media = Media(video=Path(video.path))
            prompt = instructions.analyze_video(video)
        else:
            from studio.ai.clips import sample_frames

            frames = sample_frames(Path(video.path), self.frames_per_video)
            media = Media(frames=frames)
            prompt = instructions.analyze_video(video, frames=len(frames))
        return self._structured(prompt, VideoAnalysis, media, "analyze_video")

    def generate_prompt(self, context: PromptContext) -> GeneratedPrompt:
        return self._structured(instructions.generate_prompt(context), GeneratedPrompt, None,
                                "generate_prompt")

    def analyze_text(self, text: str) -> TextAnalysis:
        return self._structured(instructions.analyze_text(text), TextAnalysis, None,
                                "analyze_text")

    def generate_copy(self, product: ProductData, *, language: str | None = None,
                      platform: str = "tiktok") -> AdCopy:
        language = language or str(product.attributes.get("language") or "en")
        return self._structured(instructions.generate_copy(product, language, platform), AdCopy,
                                None, "generate_copy")

    # --- shared plumbing ------------------------------------------------------------------

    def _structured(self, prompt: str, schema: type[M], media: Media | None, what: str) -> M:
        require(self.configuration())
        check_budget()
        answer = self.guard.call(lambda: self.ask(prompt, schema, media),
                                 what=f"{self.name} {what}")
        cost = token_cost(self.model, answer.input_tokens, answer.output_tokens,
                          answer.thinking_tokens)
        self.last_cost = cost
        record_usage(provider=self.provider, model=self.model, kind="ai_tokens",
                     quantity=answer.input_tokens + answer.output_tokens + answer.thinking_tokens,
                     cost=cost)
        return parse_structured(answer.text, schema, provider=self.name)


def schema_name(schema: type[BaseModel]) -> str:
    return schema.__name__


def as_dict(value: Any) -> dict[str, Any]:
    if hasattr(value, "model_dump"):
        return value.model_dump()  # type: ignore[no-any-return]
    return dict(value or {})
