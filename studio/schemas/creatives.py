"""The creatives leaderboard: each video with its poster, its ad results and ROI, and the
videos an unlinked ad can be linked to."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field, field_serializer, model_serializer

from studio.money import in_minor_units
from studio.schemas.ads import NoticePublic, rounded_money

CreativeSort = Literal["roi", "roas", "spend", "revenue", "hook_rate"]
SortOrder = Literal["desc", "asc"]


class CreativeVideo(BaseModel):
    """A finished video as a seller recognises it: poster, product, template, code."""

    video_id: int
    creative_code: str = Field(description="The code in the video's ad name / utm_content.")
    product_id: int | None
    product_title: str | None
    template_id: str | None = Field(
        description="The template it was made with; empty for another generator's video.")
    generator: str
    format: str
    poster_url: str | None = Field(description="Its poster (JPEG).")
    video_url: str | None = Field(
        description="Its MP4, to play (e.g. muted on hover); the session cookie or API key "
        "that asked for this list may fetch it.")


class CreativeVideosPublic(BaseModel):
    data: list[CreativeVideo]
    count: int = Field(description="Videos matching, over all pages.")


class CreativePublic(CreativeVideo):
    """One video's results in one currency (a video with ads in two currencies and no rate
    between them has a row in each)."""

    currency: str
    spend: Decimal
    revenue: Decimal
    production_cost: Decimal
    gross_profit: Decimal | None
    profit: Decimal | None
    impressions: int
    link_clicks: int
    purchases: int
    hook_plays: int = Field(description="3-second plays on Meta, 2-second plays on TikTok.")
    roas: Decimal | None
    ctr: Decimal | None
    cvr: Decimal | None
    cpa: Decimal | None
    cpm: Decimal | None
    hook_rate: Decimal | None
    hold_rate: Decimal | None
    roi: Decimal | None
    roi_missing: Literal["product_cost", "exchange_rate"] | None = Field(
        None, description="Why `roi` is empty: the product has no cost in the catalog, or "
        "the production cost is in another currency and needs an exchange rate.")
    notices: list[NoticePublic] = Field(
        default_factory=list, description="What to know about this row's figures, as the ROI "
        "report's groups say it (`product_cost_missing`, `production_cost_apart` with the "
        "amounts); one video is never enough data, so `not_enough_data` is left out.")

    @model_serializer(mode="wrap")
    def _rounded(self, handler: Any) -> Any:
        return rounded_money(handler(self), self.currency)


class ProductChoice(BaseModel):
    id: int
    title: str


class CreativeFacets(BaseModel):
    """What the filters can choose from: the leaderboard's templates and products (before the
    template and product filters), and the platforms with linked results."""

    templates: list[str]
    products: list[ProductChoice]
    platforms: list[str]


class CreativesPublic(BaseModel):
    since: dt.date | None
    until: dt.date | None
    sort: CreativeSort
    order: SortOrder
    data: list[CreativePublic]
    count: int = Field(description="Rows matching the filters, over all pages.")
    facets: CreativeFacets
    unlinked_rows: int = Field(description="Ad rows (days) not linked to any video.")
    unlinked_spend: dict[str, Decimal] = Field(description="Their spend, per currency.")
    formulas: dict[str, str] = Field(description="Each figure's formula, exactly as computed.")

    @field_serializer("unlinked_spend")
    def _unlinked(self, value: dict[str, Decimal]) -> dict[str, str]:
        return {code: str(in_minor_units(amount, code)) for code, amount in value.items()}
