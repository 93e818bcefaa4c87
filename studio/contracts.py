"""The three plugin contracts — VideoGenerator, AIService, DataSource — as typed protocols.

A plugin object satisfies a contract structurally: no base class to inherit. Requests and
results are pydantic models so that a plugin's answer is validated before the studio uses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from studio.product import ProductData

AspectRatio = Literal["9:16", "1:1", "16:9", "4:5"]

# progress(fraction 0..1, short message a seller can read)
ProgressCallback = Callable[[float, str], None]


class PluginError(Exception):
    """A plugin failed in a way the seller can act on; ``transient`` errors may be retried."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class StructuredAnswerError(PluginError):
    """An AI answer did not match its schema. The raw text is kept for the seller to inspect."""

    def __init__(self, message: str, *, raw_text: str) -> None:
        super().__init__(message)
        self.raw_text = raw_text


class Configuration(BaseModel):
    """Whether a plugin can run here, and if not, what to set."""

    configured: bool = True
    missing: list[str] = Field(default_factory=list)
    hint: str = ""


# --- VideoGenerator ---------------------------------------------------------------------------


class GeneratorCapabilities(BaseModel):
    text_to_video: bool
    image_to_video: bool
    durations: list[float]
    aspect_ratios: list[AspectRatio]
    resolutions: list[str]
    price_per_second: Decimal = Decimal("0")
    currency: str = "USD"
    max_concurrency: int = 1
    notes: str = ""


class GenerationRequest(BaseModel):
    """What to make. ``template_id`` is used by template renderers, ``prompt`` by AI generators."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    output_path: Path
    aspect_ratio: AspectRatio = "9:16"
    duration: float | None = None
    prompt: str | None = None
    product: ProductData | None = None
    template_id: str | None = None
    reference_image: Path | None = None
    seed: int | None = None
    preview: bool = False
    options: dict[str, Any] = Field(default_factory=dict)
    # a folder of this job's own for temporary files, removed when the job ends
    scratch_dir: Path | None = None


class GenerationResult(BaseModel):
    path: Path
    duration: float
    width: int
    height: int
    cost: Decimal = Decimal("0")
    currency: str = "USD"
    provider_job_id: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)


@runtime_checkable
class VideoGenerator(Protocol):
    name: str
    version: str

    def capabilities(self) -> GeneratorCapabilities: ...

    def generate(
        self, request: GenerationRequest, progress: ProgressCallback
    ) -> GenerationResult: ...


# --- AIService --------------------------------------------------------------------------------


class VideoInput(BaseModel):
    path: Path
    aspect_ratio: AspectRatio | None = None
    product: ProductData | None = None
    language: str = "en"


class VideoAnalysis(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: str
    hook_strength: float = Field(ge=0, le=1)
    scene_cuts: int = Field(ge=0)
    motion_first_3s: float = Field(ge=0)
    brightness: float = Field(ge=0, le=1)
    contrast: float = Field(ge=0)
    loudness_lufs: float | None = None
    text_in_safe_zone: bool = True
    platform_fit: dict[str, bool] = Field(default_factory=dict)
    suggestions: list[str] = Field(default_factory=list)


class PromptContext(BaseModel):
    product: ProductData
    template_id: str | None = None
    aspect_ratio: AspectRatio = "9:16"
    duration: float = 5.0
    past_winners: list[str] = Field(default_factory=list)
    language: str = "en"


class GeneratedPrompt(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt: str = Field(min_length=1)
    negative_prompt: str = ""
    rationale: str = ""


class TextAnalysis(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: str
    sentiment: float = Field(ge=-1, le=1)
    keywords: list[str] = Field(default_factory=list)
    claims_to_check: list[str] = Field(default_factory=list)


class AdCopy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: str
    hooks: list[str] = Field(min_length=1)
    captions: list[str] = Field(default_factory=list)
    cta: str = Field(min_length=1)


@runtime_checkable
class AIService(Protocol):
    name: str
    version: str

    def analyze_video(self, video: VideoInput) -> VideoAnalysis: ...

    def generate_prompt(self, context: PromptContext) -> GeneratedPrompt: ...

    def analyze_text(self, text: str) -> TextAnalysis: ...

    def generate_copy(
        self, product: ProductData, *, language: str | None = None, platform: str = "tiktok"
    ) -> AdCopy: ...


# --- DataSource -------------------------------------------------------------------------------

DataKind = Literal["products", "ad_stats", "orders"]


class AdStatRow(BaseModel):
    """One ad on one day, as the platform reported it. Numbers absent from a report are None."""

    platform: Literal["meta", "tiktok", "google", "other"]
    account_id: str | None = None
    ad_id: str | None = None
    ad_name: str | None = None
    campaign_name: str | None = None
    date: dt.date
    currency: str
    spend: Decimal = Decimal("0")
    impressions: int = 0
    clicks: int | None = None
    link_clicks: int | None = None
    purchases: int | None = None
    revenue: Decimal | None = None
    plays_2s: int | None = None
    plays_3s: int | None = None
    thruplays: int | None = None
    utm_content: str | None = None
    raw: dict[str, Any] = Field(default_factory=dict)


class OrderRow(BaseModel):
    order_id: str
    date: dt.date
    currency: str
    revenue: Decimal
    utm_content: str | None = None
    utm_campaign: str | None = None
    product_external_id: str | None = None
    raw: dict[str, Any] = Field(default_factory=dict)


class RejectedRow(BaseModel):
    """A row the source could not use, kept with a reason a person can act on."""

    row_number: int | None = None
    reason: str
    raw: dict[str, Any] = Field(default_factory=dict)


class FetchQuery(BaseModel):
    kind: DataKind
    path: Path | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    options: dict[str, Any] = Field(default_factory=dict)


class SyncResult(BaseModel):
    sent: int = 0
    failed: list[RejectedRow] = Field(default_factory=list)


FetchedRow = ProductData | AdStatRow | OrderRow | RejectedRow


@runtime_checkable
class DataSource(Protocol):
    name: str
    version: str
    kinds: tuple[DataKind, ...]

    def connect(self, config: Mapping[str, Any]) -> None: ...

    def fetch(self, query: FetchQuery) -> Iterable[FetchedRow]: ...

    def sync(self, data: Iterable[Any]) -> SyncResult: ...
