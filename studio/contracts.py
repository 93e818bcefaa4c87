"""The three plugin contracts — VideoGenerator, AIService, DataSource — as typed protocols.

A plugin object satisfies a contract structurally: no base class to inherit. Requests and
results are pydantic models so that a plugin's answer is validated before the studio uses it.
The reference of every object here (docs/reference/) is generated from these definitions by
``studio plugins reference``: a field's ``description`` is what an author reads.
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
    """A plugin failed in a way the seller can act on; the message is shown to them as is.

    ``transient=True`` says that trying again later can help (a rate limit, a timeout, a
    provider's 5xx): the studio retries the job with backoff. Anything else (a bad photo, a
    refused prompt, a missing key) is reported at once and never retried.
    """

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class StructuredAnswerError(PluginError):
    """An AI answer did not match its schema. The raw text is kept for the seller to inspect."""

    def __init__(self, message: str, *, raw_text: str) -> None:
        super().__init__(message)
        self.raw_text = raw_text


class Configuration(BaseModel):
    """Whether a plugin can run here, and if not, what to set (returned by an optional
    ``configuration()`` method; ``studio plugins`` then shows "not configured")."""

    configured: bool = Field(default=True, description="False when something it needs is "
                             "missing here (an API key, an endpoint)")
    missing: list[str] = Field(default_factory=list, description="the settings or "
                               "environment variables to set, e.g. ARK_API_KEY")
    hint: str = Field(default="", description="one sentence for the seller: what to set "
                      "and where to get it")


# --- VideoGenerator ---------------------------------------------------------------------------


class GeneratorCapabilities(BaseModel):
    """What a generator can make, shown to sellers (``studio plugins``, the generator choice
    in the web studio) and checked by ``studio.testing.check_generator``."""

    text_to_video: bool = Field(description="makes a video from a text prompt alone "
                                "(`GenerationRequest.prompt`)")
    image_to_video: bool = Field(description="makes a video from the product's photos "
                                 "(`product.images`) or `reference_image`")
    durations: list[float] = Field(description="clip lengths in seconds it can make; a "
                                   "request's `duration` is one of them or None (your choice)")
    aspect_ratios: list[AspectRatio] = Field(description="formats it can make, among 9:16, "
                                             "1:1, 16:9 and 4:5")
    resolutions: list[str] = Field(description="frame sizes it makes, as WIDTHxHEIGHT "
                                   "(e.g. 1080x1920)")
    price_per_second: Decimal = Field(default=Decimal("0"), description="what one second of "
                                      "output costs, in `currency`; 0 for a local generator")
    currency: str = Field(default="USD", description="ISO 4217 code of `price_per_second`")
    max_concurrency: int = Field(default=1, description="how many clips it may make at once "
                                 "(a provider's limit on parallel jobs)")
    notes: str = Field(default="", description="anything a seller should know before "
                       "choosing it, in one or two sentences")


class GenerationRequest(BaseModel):
    """What to make. ``template_id`` is used by template renderers, ``prompt`` by AI generators.

    The studio builds it for every render: the product's photos are already local files and
    ``scratch_dir`` is a folder of the job's own; write the video to ``output_path``.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    output_path: Path = Field(description="where to write the finished MP4; write a "
                              "temporary file next to it and `os.replace` it when complete")
    aspect_ratio: AspectRatio = Field(default="9:16", description="the format to make")
    duration: float | None = Field(default=None, description="seconds wanted, one of your "
                                   "`capabilities().durations`; None: choose your own")
    prompt: str | None = Field(default=None, description="what the video should show, in "
                               "words (a seller's or an AI service's); wins over the product")
    product: ProductData | None = Field(default=None, description="the product, every photo "
                                        "in `images` a readable local file; None for a "
                                        "prompt-only request")
    template_id: str | None = Field(default=None, description="the template the seller chose "
                                    "(used by template renderers; others may ignore it)")
    reference_image: Path | None = Field(default=None, description="a local image to start "
                                         "from instead of the product's first photo")
    seed: int | None = Field(default=None, description="a seed to pass on when your provider "
                             "takes one (candidates differ by it)")
    preview: bool = Field(default=False, description="a quick low-resolution preview is "
                          "enough (half size is usual)")
    options: dict[str, Any] = Field(default_factory=dict, description="anything else the "
                                    "request carries: `creative_code` (tag the MP4 with it), "
                                    "`fields` (template field values), `clips` (local paths "
                                    "of AI clips made earlier), `prompt`, `seed`, "
                                    "`negative_prompt`, and your own options from the API")
    scratch_dir: Path | None = Field(default=None, description="a folder of this job's own "
                                     "for temporary files, removed when the job ends; always "
                                     "set by the studio (None only in a request built by hand)")


class GenerationResult(BaseModel):
    """What a generator made: the file and its measured shape (the studio checks both)."""

    path: Path = Field(description="the file written: `request.output_path`")
    duration: float = Field(description="its length in seconds, as the file says")
    width: int = Field(description="its width in pixels, as the file says")
    height: int = Field(description="its height in pixels, as the file says")
    cost: Decimal = Field(default=Decimal("0"), description="what the provider billed for "
                          "it, in `currency`; added to the video's production cost")
    currency: str = Field(default="USD", description="ISO 4217 code of `cost`")
    provider_job_id: str | None = Field(default=None, description="the provider's id of the "
                                        "job, to find it in their console")
    metadata: dict[str, Any] = Field(default_factory=dict, description="anything worth "
                                     "keeping with the video; `poster`: the path of a JPEG "
                                     "poster you made (else the studio takes a frame)")


@runtime_checkable
class VideoGenerator(Protocol):
    """Makes a video file from a request. Register it with ``register_generators``.

    ``name`` is what sellers and API calls choose it by (``"generator": "collage"``);
    ``version`` is shown by ``studio plugins``.
    """

    name: str
    version: str

    def capabilities(self) -> GeneratorCapabilities:
        """What this generator can make (called often: keep it cheap, no network)."""
        ...

    def generate(
        self, request: GenerationRequest, progress: ProgressCallback
    ) -> GenerationResult:
        """Make ``request.output_path`` and describe it.

        Call ``progress(fraction, message)`` with 0 <= fraction <= 1 and words a seller
        understands; raise :class:`PluginError` (``transient=True`` only when a retry can
        help) when it cannot be made.
        """
        ...


# --- AIService --------------------------------------------------------------------------------


class VideoInput(BaseModel):
    """A finished video to analyse."""

    path: Path = Field(description="the MP4, a local file")
    aspect_ratio: AspectRatio | None = Field(default=None, description="its format, when known")
    product: ProductData | None = Field(default=None, description="the product it shows, "
                                        "when known")
    language: str = Field(default="en", description="language of the answer's text (BCP 47, "
                          "e.g. en, zh)")


class VideoAnalysis(BaseModel):
    """What an AI service found in a video; shown to the seller next to the video."""

    model_config = ConfigDict(extra="forbid")

    summary: str = Field(description="one or two sentences on what the video shows")
    hook_strength: float = Field(ge=0, le=1, description="how likely the first seconds stop "
                                 "a scroll, 0..1")
    scene_cuts: int = Field(ge=0, description="number of cuts")
    motion_first_3s: float = Field(ge=0, description="mean absolute frame difference in the "
                                   "first 3 s (0 = still, 1 = every pixel flips)")
    brightness: float = Field(ge=0, le=1, description="mean brightness, 0 (black) .. 1 "
                              "(white)")
    contrast: float = Field(ge=0, description="RMS contrast: standard deviation of luma "
                            "(0 .. about 0.5)")
    loudness_lufs: float | None = Field(default=None, description="integrated loudness of "
                                        "the sound in LUFS; None without audio")
    text_in_safe_zone: bool = Field(default=True, description="every text stays inside the "
                                    "platform's safe zone")
    platform_fit: dict[str, bool] = Field(default_factory=dict, description="per platform "
                                          "(tiktok, reels, shorts, …), whether it fits")
    suggestions: list[str] = Field(default_factory=list, description="changes a seller "
                                   "could make, one sentence each")


class PromptContext(BaseModel):
    """What a prompt is written for."""

    product: ProductData = Field(description="the product the video is about")
    template_id: str | None = Field(default=None, description="the template it is for, if any")
    aspect_ratio: AspectRatio = Field(default="9:16", description="the format of the video")
    duration: float = Field(default=5.0, description="the clip's length in seconds")
    past_winners: list[str] = Field(default_factory=list, description="prompts of this "
                                    "seller's best-earning videos, to learn from")
    language: str = Field(default="en", description="language of the prompt")


class GeneratedPrompt(BaseModel):
    """A prompt for a video generator."""

    model_config = ConfigDict(extra="forbid")

    prompt: str = Field(min_length=1, description="the prompt, ready for a generator")
    negative_prompt: str = Field(default="", description="what the video must not show "
                                 "(passed to generators that take one)")
    rationale: str = Field(default="", description="why this prompt, in a sentence")


class TextAnalysis(BaseModel):
    """What an AI service found in a text (a title, a description, ad copy)."""

    model_config = ConfigDict(extra="forbid")

    language: str = Field(description="the text's language (BCP 47, e.g. en, zh)")
    sentiment: float = Field(ge=-1, le=1, description="-1 (negative) .. 1 (positive)")
    keywords: list[str] = Field(default_factory=list, description="the words that matter "
                                "for search and ads")
    claims_to_check: list[str] = Field(default_factory=list, description="claims an ad "
                                       "platform may ask proof of (\"best\", \"cures\", …)")


class AdCopy(BaseModel):
    """Ad copy for one product: hooks for the first seconds, captions, a call to action."""

    model_config = ConfigDict(extra="forbid")

    language: str = Field(description="the copy's language")
    hooks: list[str] = Field(min_length=1, description="opening lines, best first")
    captions: list[str] = Field(default_factory=list, description="short lines for on-screen "
                                "captions or the ad's text")
    cta: str = Field(min_length=1, description="the call to action, e.g. Shop now")


@runtime_checkable
class AIService(Protocol):
    """Analyses videos and texts and writes prompts and copy. Register it with
    ``register_analyzers``. Every answer is a validated model: parse the provider's answer
    with ``studio.ai.parse_structured``, which raises :class:`StructuredAnswerError` (raw
    text kept) rather than return a half-filled object.
    """

    name: str
    version: str

    def analyze_video(self, video: VideoInput) -> VideoAnalysis:
        """Analyse a finished video (``options.analyze`` of a video request)."""
        ...

    def generate_prompt(self, context: PromptContext) -> GeneratedPrompt:
        """Write a generator prompt for a product (``options.ai_copy``, candidates)."""
        ...

    def analyze_text(self, text: str) -> TextAnalysis:
        """Analyse a text: language, sentiment, keywords, claims to check."""
        ...

    def generate_copy(
        self, product: ProductData, *, language: str | None = None, platform: str = "tiktok"
    ) -> AdCopy:
        """Write ad copy for a product; ``language`` None: the product's own language."""
        ...


# --- DataSource -------------------------------------------------------------------------------

DataKind = Literal["products", "ad_stats", "orders"]


class AdStatRow(BaseModel):
    """One ad on one day, as the platform reported it. Numbers absent from a report are None."""

    platform: Literal["meta", "tiktok", "google", "other"] = Field(description="the ad "
                                                                   "platform")
    account_id: str | None = Field(default=None, description="the ad account's id")
    ad_id: str | None = Field(default=None, description="the platform's ad id (links the row "
                              "to a video published by the studio)")
    ad_name: str | None = Field(default=None, description="the ad's name; a creative code in "
                                "it links the row to its video")
    campaign_name: str | None = Field(default=None, description="the campaign's name")
    date: dt.date = Field(description="the day these numbers are for")
    currency: str = Field(description="ISO 4217 code of `spend` and `revenue`")
    spend: Decimal = Field(default=Decimal("0"), description="amount spent that day")
    impressions: int = Field(default=0, description="times the ad was shown")
    clicks: int | None = Field(default=None, description="all clicks")
    link_clicks: int | None = Field(default=None, description="clicks to the shop (the "
                                    "denominator of CVR)")
    purchases: int | None = Field(default=None, description="purchases the platform "
                                  "attributes to the ad")
    revenue: Decimal | None = Field(default=None, description="purchase value the platform "
                                    "attributes to the ad")
    plays_2s: int | None = Field(default=None, description="2-second plays (TikTok's hook "
                                 "rate)")
    plays_3s: int | None = Field(default=None, description="3-second plays (Meta's hook rate)")
    thruplays: int | None = Field(default=None, description="plays to the end or 15 s "
                                  "(hold rate)")
    utm_content: str | None = Field(default=None, description="the link's utm_content; a "
                                    "creative code there links the row to its video")
    raw: dict[str, Any] = Field(default_factory=dict, description="the row as read, kept for "
                                "the seller to inspect")


class OrderRow(BaseModel):
    """One shop order, for revenue from orders rather than the platform's attribution."""

    order_id: str = Field(description="the shop's order id")
    date: dt.date = Field(description="the day of the order")
    currency: str = Field(description="ISO 4217 code of `revenue`")
    revenue: Decimal = Field(description="the order's total")
    utm_content: str | None = Field(default=None, description="utm_content of the visit that "
                                    "ordered (links the order to a video)")
    utm_campaign: str | None = Field(default=None, description="utm_campaign of that visit")
    product_external_id: str | None = Field(default=None, description="the product's id in "
                                            "the shop (`ProductData.external_id`)")
    raw: dict[str, Any] = Field(default_factory=dict, description="the row as read; a "
                                "`Lineitem sku` here costs the sale at that variant")


class RejectedRow(BaseModel):
    """A row the source could not use, kept with a reason a person can act on."""

    row_number: int | None = Field(default=None, description="the row's number as the "
                                   "seller sees it in their file (the header is row 1), or "
                                   "the record's position in an API's answer")
    reason: str = Field(description="what is wrong and how to fix it, naming the column")
    raw: dict[str, Any] = Field(default_factory=dict, description="the row as read")


class FetchQuery(BaseModel):
    """What to fetch from a data source."""

    kind: DataKind = Field(description="products, ad_stats or orders: one of the source's "
                           "`kinds`")
    path: Path | None = Field(default=None, description="a local file to read (an uploaded "
                              "export); None for a source that reads an API")
    since: dt.date | None = Field(default=None, description="first day wanted (ad stats, "
                                  "orders)")
    until: dt.date | None = Field(default=None, description="last day wanted, included")
    options: dict[str, Any] = Field(default_factory=dict, description="source-specific "
                                    "options (e.g. `sheet` of a spreadsheet)")


class SyncResult(BaseModel):
    """What ``sync`` sent out."""

    sent: int = Field(default=0, description="items sent")
    failed: list[RejectedRow] = Field(default_factory=list, description="items not sent, "
                                      "each with its reason")


FetchedRow = ProductData | AdStatRow | OrderRow | RejectedRow


@runtime_checkable
class DataSource(Protocol):
    """Reads catalogs, ad results or orders (and may send data out). Register it with
    ``register_data_sources``; ``kinds`` says which of products, ad_stats, orders it reads.
    The studio copies the registered object for each import and calls ``connect`` on the copy.
    """

    name: str
    version: str
    kinds: tuple[DataKind, ...]

    def connect(self, config: Mapping[str, Any]) -> None:
        """Take this import's settings (a column mapping, a token, a currency); raise
        :class:`PluginError` naming the setting that is wrong."""
        ...

    def fetch(self, query: FetchQuery) -> Iterable[FetchedRow]:
        """Yield one row per record: ``ProductData``, ``AdStatRow`` or ``OrderRow``, or a
        ``RejectedRow`` with the reason when a record cannot be used — never skip silently."""
        ...

    def sync(self, data: Iterable[Any]) -> SyncResult:
        """Send data out (e.g. publish videos as ads); a read-only source raises
        :class:`PluginError` saying so."""
        ...
