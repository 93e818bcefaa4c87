from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CandidateSelect")


@_attrs_define
class CandidateSelect:
    """
    Attributes:
        video_id (int):
    """

    video_id: int

    def to_dict(self) -> dict[str, Any]:
        video_id = self.video_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "video_id": video_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        video_id = d.pop("video_id")

        candidate_select = cls(
            video_id=video_id,
        )

        return candidate_select
