from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.trend_point_public import TrendPointPublic


T = TypeVar("T", bound="TrendSeriesPublic")


@_attrs_define
class TrendSeriesPublic:
    """
    Attributes:
        currency (str):
        key (str): The group (a template id, a category…), as in the ROI report.
        points (list[TrendPointPublic]): One per period, in order; zeros where the group had no results.
        revenue (str): Total over the range.
        spend (str): Total over the range.
    """

    currency: str
    key: str
    points: list[TrendPointPublic]
    revenue: str
    spend: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        key = self.key

        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)

        revenue = self.revenue

        spend = self.spend

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "key": key,
                "points": points,
                "revenue": revenue,
                "spend": spend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trend_point_public import TrendPointPublic  # noqa: PLC0415

        d = dict(src_dict)
        currency = d.pop("currency")

        key = d.pop("key")

        points = []
        _points = d.pop("points")
        for points_item_data in _points:
            points_item = TrendPointPublic.from_dict(points_item_data)

            points.append(points_item)

        revenue = d.pop("revenue")

        spend = d.pop("spend")

        trend_series_public = cls(
            currency=currency,
            key=key,
            points=points,
            revenue=revenue,
            spend=spend,
        )

        trend_series_public.additional_properties = d
        return trend_series_public

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
