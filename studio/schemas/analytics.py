"""Analytics answers beyond the ROI report: the trend over time and the structured
recommendation (so a client can word it in the seller's language)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field, model_serializer, model_validator

from studio.schemas.ads import (
    NoticePublic,
    RecommendationDetailed,
    RecommendationItem,
    notice_texts,
    rounded_money,
)

__all__ = ["RecommendationDetailed", "RecommendationItem", "RecommendationsDetailed",
           "TrendPublic"]


class TrendPointPublic(BaseModel):
    period: dt.date = Field(description="First day of the period (a Monday for weeks).")
    spend: Decimal
    revenue: Decimal
    production_cost: Decimal = Field(
        description="Production cost of the videos whose first results fall in this period.")
    profit: Decimal | None = Field(description="None when a product has no cost price.")
    roas: Decimal | None = Field(description="None when nothing was spent.")
    roi: Decimal | None
    impressions: int
    purchases: int
    videos: int = Field(description="Videos with ad results in this period.")


class TrendSeriesPublic(BaseModel):
    key: str = Field(description="The group (a template id, a category…), as in the ROI report.")
    currency: str
    spend: Decimal = Field(description="Total over the range.")
    revenue: Decimal = Field(description="Total over the range.")
    points: list[TrendPointPublic] = Field(description="One per period, in order; zeros where "
                                           "the group had no results.")

    @model_serializer(mode="wrap")
    def _rounded(self, handler: Any) -> Any:
        data = rounded_money(handler(self), self.currency)
        for point in data.get("points", []):
            rounded_money(point, self.currency)
        return data


class TrendPublic(BaseModel):
    by: str
    interval: str
    since: dt.date | None
    until: dt.date | None
    periods: list[dt.date] = Field(description="Every period start of the range, in order.")
    series: list[TrendSeriesPublic]
    messages: list[str] = Field(description="The texts of `notices`, in English.")
    notices: list[NoticePublic] = Field(
        default_factory=list, description="What to know about the trend (several currencies, "
        "production cost left out for want of an exchange rate), as codes and params.")
    formulas: dict[str, str] = Field(description="Each figure's formula, exactly as computed.")

    @model_validator(mode="before")
    @classmethod
    def _messages(cls, data: Any) -> Any:
        return notice_texts(data, "messages")


class RecommendationsDetailed(BaseModel):
    data: list[RecommendationDetailed]
    count: int
    formulas: dict[str, str]
