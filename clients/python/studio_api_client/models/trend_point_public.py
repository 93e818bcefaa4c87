from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TrendPointPublic")


@_attrs_define
class TrendPointPublic:
    """
    Attributes:
        impressions (int):
        period (datetime.date): First day of the period (a Monday for weeks).
        production_cost (str): Production cost of the videos whose first results fall in this period.
        profit (None | str): None when a product has no cost price.
        purchases (int):
        revenue (str):
        roas (None | str): None when nothing was spent.
        roi (None | str):
        spend (str):
        videos (int): Videos with ad results in this period.
    """

    impressions: int
    period: datetime.date
    production_cost: str
    profit: None | str
    purchases: int
    revenue: str
    roas: None | str
    roi: None | str
    spend: str
    videos: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        impressions = self.impressions

        period = self.period.isoformat()

        production_cost = self.production_cost

        profit: None | str
        profit = self.profit

        purchases = self.purchases

        revenue = self.revenue

        roas: None | str
        roas = self.roas

        roi: None | str
        roi = self.roi

        spend = self.spend

        videos = self.videos

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "impressions": impressions,
                "period": period,
                "production_cost": production_cost,
                "profit": profit,
                "purchases": purchases,
                "revenue": revenue,
                "roas": roas,
                "roi": roi,
                "spend": spend,
                "videos": videos,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        impressions = d.pop("impressions")

        period = datetime.date.fromisoformat(d.pop("period"))

        production_cost = d.pop("production_cost")

        def _parse_profit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        profit = _parse_profit(d.pop("profit"))

        purchases = d.pop("purchases")

        revenue = d.pop("revenue")

        def _parse_roas(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        roas = _parse_roas(d.pop("roas"))

        def _parse_roi(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        roi = _parse_roi(d.pop("roi"))

        spend = d.pop("spend")

        videos = d.pop("videos")

        trend_point_public = cls(
            impressions=impressions,
            period=period,
            production_cost=production_cost,
            profit=profit,
            purchases=purchases,
            revenue=revenue,
            roas=roas,
            roi=roi,
            spend=spend,
            videos=videos,
        )

        trend_point_public.additional_properties = d
        return trend_point_public

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
