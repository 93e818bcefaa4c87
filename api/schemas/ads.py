"""Ad imports (ad results coming back) and ROI analytics."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class AdImportPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    source: str
    platform: str
    file_name: str | None
    status: str
    rows_total: int
    matched: int
    unmatched: int
    rejected: int
    error: str | None
    created_at: dt.datetime
    finished_at: dt.datetime | None


class AdImportsPublic(BaseModel):
    data: list[AdImportPublic]
    count: int


class AdImportRun(BaseModel):
    """Pull ad results from a configured source (Meta Insights API, TikTok Business API)."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(min_length=1, max_length=100)
    config: dict[str, Any] = Field(default_factory=dict)
    since: dt.date | None = None
    until: dt.date | None = None


class RejectedRowPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    row_number: int
    reason: str
    raw: dict[str, Any]


class RejectedRowsPublic(BaseModel):
    data: list[RejectedRowPublic]
    count: int


class UnmatchedRowPublic(BaseModel):
    """An ad row no video claims yet: add the creative code to the ad name, or link it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    platform: str
    ad_id: str | None
    ad_name: str | None
    campaign_name: str | None
    date: dt.date
    spend: Decimal
    currency: str
    impressions: int
    utm_content: str | None


class UnmatchedRowsPublic(BaseModel):
    data: list[UnmatchedRowPublic]
    count: int


class RoiGroupPublic(BaseModel):
    key: str
    currency: str
    videos: int
    spend: Decimal
    revenue: Decimal
    production_cost: Decimal
    impressions: int
    link_clicks: int
    purchases: int
    hook_plays: int
    plays_3s: int
    thruplays: int
    gross_profit: Decimal | None
    profit: Decimal | None
    roas: Decimal | None
    ctr: Decimal | None
    cvr: Decimal | None
    cpa: Decimal | None
    cpm: Decimal | None
    hook_rate: Decimal | None
    hold_rate: Decimal | None
    roi: Decimal | None
    roi_interval: tuple[float, float] | None = Field(
        None, description="90% interval of ROI (Bayesian bootstrap over videos)."
    )
    p_best: float | None = Field(None, description="Probability this group has the best ROI.")
    enough_data: bool
    notes: list[str]


class RoiReportPublic(BaseModel):
    by: str
    since: dt.date | None
    until: dt.date | None
    groups: list[RoiGroupPublic]
    messages: list[str]
    unlinked_rows: int
    unlinked_spend: dict[str, Decimal]
    formulas: dict[str, str] = Field(description="Each figure's formula, exactly as computed.")


class RecommendationPublic(BaseModel):
    category: str | None
    currency: str
    slots: dict[str, int] = Field(description="Template -> how many of the next videos.")
    p_best: dict[str, float]
    summary: str
    explanation: str


class RecommendationsPublic(BaseModel):
    data: list[RecommendationPublic]
    count: int
    formulas: dict[str, str]
