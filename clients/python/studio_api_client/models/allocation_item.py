from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AllocationItem")


@_attrs_define
class AllocationItem:
    """
    Attributes:
        p_best (float): Probability the template has the best ROI.
        reason (str):
        template (str):
        videos (int):
        enough_data (bool | Unset): False: too few results to judge yet. Default: False.
        fallback (bool | Unset): No template has results yet: the seller's templates are tried in turn. Default: False.
    """

    p_best: float
    reason: str
    template: str
    videos: int
    enough_data: bool | Unset = False
    fallback: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        p_best = self.p_best

        reason = self.reason

        template = self.template

        videos = self.videos

        enough_data = self.enough_data

        fallback = self.fallback

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "p_best": p_best,
                "reason": reason,
                "template": template,
                "videos": videos,
            }
        )
        if enough_data is not UNSET:
            field_dict["enough_data"] = enough_data
        if fallback is not UNSET:
            field_dict["fallback"] = fallback

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        p_best = d.pop("p_best")

        reason = d.pop("reason")

        template = d.pop("template")

        videos = d.pop("videos")

        enough_data = d.pop("enough_data", UNSET)

        fallback = d.pop("fallback", UNSET)

        allocation_item = cls(
            p_best=p_best,
            reason=reason,
            template=template,
            videos=videos,
            enough_data=enough_data,
            fallback=fallback,
        )

        allocation_item.additional_properties = d
        return allocation_item

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
