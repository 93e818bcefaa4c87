"""Ad imports (ad results coming back) and ROI analytics."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    model_serializer,
    model_validator,
)

from studio.money import in_minor_units
from studio.schemas.common import RowRejection

# money fields of a report row, in its currency's decimals; ratios keep 6 places
MONEY_FIELDS = ("spend", "revenue", "production_cost", "gross_profit", "profit", "cpa", "cpm")
RATIO_FIELDS = ("roas", "ctr", "cvr", "hook_rate", "hold_rate", "roi")
SIX = Decimal("0.000001")


def rounded_money(data: Any, currency: str) -> Any:
    """A serialized report row with money in ``currency``'s decimals (``12.30``) and ratios
    to six places, instead of every digit the arithmetic produced."""
    if not isinstance(data, dict):
        return data
    for name in MONEY_FIELDS:
        data[name] = _again(data.get(name), lambda d: in_minor_units(d, currency))
    for name in RATIO_FIELDS:
        data[name] = _again(data.get(name), lambda d: d.quantize(SIX))
    other = data.get("production_cost_other")
    if isinstance(other, dict):
        data["production_cost_other"] = {
            code: _again(amount, lambda d, c=code: in_minor_units(d, c))
            for code, amount in other.items()}
    return data


def _again(value: Any, change: Any) -> Any:
    """Round a serialized amount: a Decimal (python mode) or its text (JSON mode)."""
    if isinstance(value, Decimal):
        return change(value)
    if isinstance(value, str):
        return str(change(Decimal(value)))
    return value


# what each notice code of the ROI report and trend (studio.roi.notices) is about, and its
# params: the API's documentation of `code`
NOTICE_CODES: dict[str, str] = {
    "several_currencies": "results are in several currencies, reported apart; params: "
                          "currencies (list of codes)",
    "unlinked_rows": "ad rows not linked to a video, left out; params: rows (count), "
                     "amounts (their spend: currency -> amount)",
    "production_cost_currency": "videos whose production cost is in another currency than "
                                "their ads, with no exchange rate: their profit and ROI are "
                                "left out; params: videos (count), cost_currency, ads_currency",
    "production_cost_apart": "a group's production cost in another currency than its ads, "
                             "not counted in it; params: amounts (currency -> amount), "
                             "currency (the group's)",
    "product_cost_missing": "a video's product has no cost, so the group has no profit or ROI; "
                            "no params",
    "not_enough_data": "a group's figures are early signals; params: videos, impressions, "
                       "purchases, spend, currency, and the thresholds min_videos, "
                       "min_impressions, min_purchases, min_spend (null for a currency "
                       "without a known minimum)",
    "revenue_from_orders": "revenue and purchases are the shop's orders attributed by "
                           "utm_content; no params",
    "production_cost_left_out": "trend: production cost in another currency than the ads, "
                                "with no exchange rate, is left out of the figures; params: "
                                "videos (count), cost_currency, ads_currency",
}


class NoticePublic(BaseModel):
    """Something the report says beside its figures, as data: a client words ``code`` with
    ``params`` in its user's language; ``text`` is the same in English."""

    code: str = Field(description="What it is about, stable: " + "; ".join(
        f"`{code}`: {what}" for code, what in NOTICE_CODES.items()) + ".")
    params: dict[str, Any] = Field(
        default_factory=dict, description="What the sentence is made of: counts as numbers, "
        "amounts as text in their currency's decimals (\"12.30\"), currency codes.")
    text: str = Field(description="The sentence in English, as `messages` or `notes` has it.")


def notice_texts(data: Any, name: str) -> Any:
    """``name`` (``messages``, ``notes``) filled with the texts of ``notices`` when not given:
    clients that read the sentences keep them, and they never disagree with the notices."""
    if isinstance(data, dict) and name not in data:
        found = data.get("notices") or []
        data = {**data, name: [n["text"] if isinstance(n, dict) else n.text for n in found]}
    return data


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
    repeated_file_of: int | None = Field(
        None, description="This file was imported before (that import's id); its rows were "
        "replaced, nothing is counted twice.")


class OrderImportResult(BaseModel):
    source: str
    stored: int = Field(0, description="Orders created or updated.")
    rejected: list[RowRejection] = Field(default_factory=list)


class ImportJobPublic(BaseModel):
    """A big file being imported by a worker: follow ``status_url`` until it finished."""

    id: int
    what: str = Field(description="catalog or ads.")
    source: str
    file_name: str | None
    status: str = Field(description="pending, running, succeeded or failed.")
    progress: float
    error: str | None = None
    result: dict[str, Any] | None = Field(
        None, description="When succeeded: the import's summary, as a small file's answer.")
    status_url: str
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
    production_cost_other: dict[str, Decimal] = Field(
        default_factory=dict, description="Production cost in other currencies than the "
        "group's, when no exchange rate was given: not in `profit` or `roi` (those are then "
        "empty); give `currency` and `rate` to convert it.")
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
    notes: list[str] = Field(description="The texts of `notices`, in English.")
    notices: list[NoticePublic] = Field(
        default_factory=list, description="What to know about this group's figures (not "
        "enough data yet, a missing product cost, a production cost in another currency), "
        "as codes and params.")

    @model_validator(mode="before")
    @classmethod
    def _notes(cls, data: Any) -> Any:
        return notice_texts(data, "notes")

    @model_serializer(mode="wrap")
    def _rounded(self, handler: Any) -> Any:
        return rounded_money(handler(self), self.currency)


class RoiReportPublic(BaseModel):
    by: str
    since: dt.date | None
    until: dt.date | None
    groups: list[RoiGroupPublic]
    messages: list[str] = Field(description="The texts of `notices`, in English.")
    notices: list[NoticePublic] = Field(
        default_factory=list, description="What to know about the whole report (several "
        "currencies, ad rows not linked to a video, production cost in another currency, "
        "revenue from shop orders), as codes and params.")
    unlinked_rows: int
    unlinked_spend: dict[str, Decimal]
    formulas: dict[str, str] = Field(description="Each figure's formula, exactly as computed.")
    interval: str = Field("", description="How `roi_interval` is computed.")

    @model_validator(mode="before")
    @classmethod
    def _messages(cls, data: Any) -> Any:
        return notice_texts(data, "messages")

    @field_serializer("unlinked_spend")
    def _unlinked(self, value: dict[str, Decimal]) -> dict[str, str]:
        return {code: str(in_minor_units(amount, code)) for code, amount in value.items()}
    recommendations: list[RecommendationDetailed] = Field(
        default_factory=list, description="Grouped by template: which templates to render "
        "next (the same items as /analytics/recommendation).")


class RecommendationPublic(BaseModel):
    category: str | None
    currency: str
    slots: dict[str, int] = Field(description="Template -> how many of the next videos.")
    p_best: dict[str, float]
    summary: str
    explanation: str


class RecommendationItem(BaseModel):
    template: str
    videos: int = Field(description="How many of the next videos to render with it.")
    p_best: float = Field(description="Probability the template has the best ROI.")
    enough_data: bool = Field(description="False: too few videos, impressions, purchases or "
                              "spend to judge yet (thresholds in `formulas.enough_data`).")


class RecommendationDetailed(RecommendationPublic):
    """The recommendation with its parts as data: ``items`` in the order of the summary."""

    total: int = Field(description="How many videos the plan covers (the `slots` asked).")
    items: list[RecommendationItem]
    single_template: bool = Field(description="Only one template has results to compare.")
    language: str = Field("en", description="Language of `summary` and `explanation`.")


class RecommendationsPublic(BaseModel):
    data: list[RecommendationPublic]
    count: int
    formulas: dict[str, str]
