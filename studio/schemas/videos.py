"""Videos and batches of videos."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from studio.schemas.common import RowId
from studio.schemas.templates import FormatName


class PluginFailure(BaseModel):
    """Why a plugin's code failed making this video: for the plugin's author."""

    plugin: str = Field(description="The generator or AI service whose code raised.")
    type: str = Field(description="The exception's type, e.g. `KeyError`.")
    message: str
    raised_at: str | None = Field(
        None, description="File and line of the deepest frame, installation folders shortened "
        "(`<site-packages>/collage.py:21`).")
    traceback: str = Field(description="The traceback as Python prints it (paths shortened).")


class VideoPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    creative_code: str = Field(description="Put it in the ad name or utm_content to link ROI.")
    status: str
    status_note: str | None = Field(
        None, description="What the status alone does not say, e.g. `worker lost, re-sent` "
        "for a video whose worker was lost and that waits to be made again.")
    progress: float
    error: str | None
    product_id: int | None
    template_id: str | None
    template_version: str | None
    generator: str
    format: str
    options: dict[str, Any]
    batch_id: int | None
    candidate_group: str | None
    selected: bool
    render_version: int
    duration: float | None
    width: int | None
    height: int | None
    production_cost: Decimal | None
    production_currency: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    download_url: str | None = None
    poster_url: str | None = None
    suggested_ad_name: str = Field(
        "", description="Name the ad this: it ends with the creative code the ad-results "
        "import looks for (product title | template | code).")
    suggested_utm_content: str = Field(
        "", description="Set the ad link's utm_content to this (the creative code): orders "
        "and ad rows that carry it are linked to this video.")
    failure: PluginFailure | None = Field(
        None, description="Only in one video's detail, when a plugin's code failed making it "
        "(the last attempt's): plugin, exception type, message and traceback.")


class VideosPublic(BaseModel):
    data: list[VideoPublic]
    count: int


class VideoCreate(BaseModel):
    """One video of one product with one template (or another generator) and format."""

    model_config = ConfigDict(extra="forbid")

    product: int = Field(ge=1, le=2**63 - 1, description="Product id.")
    template: str | None = Field(
        None, min_length=1, max_length=100,
        description="Template id: required with the template renderer (`generator` left at "
        "`template`); another generator may take it as a hint or need none.")
    format: FormatName = "9:16"
    generator: str = Field("template", min_length=1, max_length=100)
    options: dict[str, Any] = Field(default_factory=dict, description="Field overrides etc.")


class CatalogFilter(BaseModel):
    """Every product matching the filter × every template × every format."""

    model_config = ConfigDict(extra="forbid")

    category: str | None = Field(None, max_length=200)
    q: str | None = Field(None, max_length=200, description="Text in the product title.")
    product_ids: list[RowId] | None = Field(None, max_length=5000)
    templates: list[str] = Field(
        default_factory=list, max_length=50,
        description="Template ids: at least one with the template renderer; another "
        "generator makes one video per product and format when none is given.")
    formats: list[FormatName] = Field(default=["9:16"], min_length=1)  # pydantic copies it
    generator: str = Field("template", min_length=1, max_length=100)
    options: dict[str, Any] = Field(default_factory=dict)
    max_videos: int = Field(1000, ge=1, le=5000)


class BatchCreate(BaseModel):
    """A batch from a list of items, or from a catalog filter (send exactly one)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("", max_length=200)
    items: list[VideoCreate] | None = Field(None, min_length=1, max_length=5000)
    catalog: CatalogFilter | None = None

    @model_validator(mode="after")
    def _one_source(self) -> BatchCreate:
        if (self.items is None) == (self.catalog is None):
            raise ValueError("send exactly one of `items` (a list of videos) or `catalog`")
        return self


class BatchFailure(BaseModel):
    video_id: int
    creative_code: str
    product: str | None
    template: str | None
    format: str
    error: str | None


class BatchPublic(BaseModel):
    id: int
    name: str
    status: str
    created: bool = Field(True, description="False when the same batch was submitted before.")
    counts: dict[str, int] = Field(description="Videos per status, plus `total`.")
    progress: float = Field(0, description="Percent done (running videos count partly).")
    eta_seconds: float | None = Field(None, description="Estimated seconds until done.")
    failures: list[BatchFailure] = Field(default_factory=list)
    video_ids: list[int] = Field(default_factory=list)
    reused_video_ids: list[int] = Field(
        default_factory=list, description="Videos an identical earlier request had already "
        "made: listed and counted here, not made again.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class BatchesPublic(BaseModel):
    data: list[BatchPublic]
    count: int


class CandidateVariant(BaseModel):
    """What makes this candidate different from the others of its group."""

    index: int | None = Field(None, description="Its number in the group, from 1.")
    generator: str = Field(description="The generator that made it (of its AI clip, for a "
                           "template with `options.ai_clip`).")
    prompt: str | None = Field(None, description="The prompt its generator was given.")
    seed: int | None = None
    angle: str | None = Field(None, description="The product angle an AI service wrote its "
                              "prompt from (count-only candidates).")
    hook: str | None = Field(None, description="The selling idea of that angle.")
    prompt_by: str | None = Field(None, description="`seller` (a prompt sent in the request) "
                                  "or the AI service that wrote it.")


class CandidatePublic(VideoPublic):
    variant: CandidateVariant


class CandidatesPublic(BaseModel):
    group: str
    selected_id: int | None
    data: list[CandidatePublic]
    count: int
    differs: list[str] = Field(
        default_factory=list,
        description="Which of generator, prompt and seed vary among the candidates.")


class VariantSpec(BaseModel):
    """One candidate; what it leaves out comes from the request."""

    model_config = ConfigDict(extra="forbid")

    generator: str | None = Field(None, min_length=1, max_length=100,
                                  description="An AI video generator (GET /api/v1/plugins).")
    prompt: str | None = Field(None, min_length=1, max_length=4000)
    seed: int | None = Field(None, ge=0, le=2**31 - 1)


class CandidatesCreate(BaseModel):
    """Variants of one video: ``count`` of them (each with its own seed and angle) or the
    listed ``variants`` (generators, prompts, seeds)."""

    model_config = ConfigDict(extra="forbid")

    product: int = Field(ge=1, le=2**63 - 1)
    template: str = Field(min_length=1, max_length=100)
    format: FormatName = "9:16"
    generator: str = Field(min_length=1, max_length=100, description="An AI video generator.")
    count: int = Field(3, ge=2, le=8, description="How many variants to make (without "
                       "`variants`).")
    variants: list[VariantSpec] | None = Field(
        None, min_length=2, max_length=8,
        description="The variants to make; `count` is then ignored.")
    options: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _count_matches(self) -> CandidatesCreate:
        if self.variants is not None and "count" in self.model_fields_set \
                and self.count != len(self.variants):
            raise ValueError(f"count is {self.count} but {len(self.variants)} variants are "
                             "listed; send one or the other")
        return self
