from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecommendationItem")


@_attrs_define
class RecommendationItem:
    """
    Attributes:
        enough_data (bool): False: too few videos, impressions, purchases or spend to judge yet (thresholds in
            `formulas.enough_data`).
        p_best (float): Probability the template has the best ROI.
        template (str):
        videos (int): How many of the next videos to render with it.
    """

    enough_data: bool
    p_best: float
    template: str
    videos: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enough_data = self.enough_data

        p_best = self.p_best

        template = self.template

        videos = self.videos

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enough_data": enough_data,
                "p_best": p_best,
                "template": template,
                "videos": videos,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enough_data = d.pop("enough_data")

        p_best = d.pop("p_best")

        template = d.pop("template")

        videos = d.pop("videos")

        recommendation_item = cls(
            enough_data=enough_data,
            p_best=p_best,
            template=template,
            videos=videos,
        )

        recommendation_item.additional_properties = d
        return recommendation_item

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
