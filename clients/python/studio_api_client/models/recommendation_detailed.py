from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.recommendation_detailed_p_best import RecommendationDetailedPBest
    from ..models.recommendation_detailed_slots import RecommendationDetailedSlots
    from ..models.recommendation_item import RecommendationItem


T = TypeVar("T", bound="RecommendationDetailed")


@_attrs_define
class RecommendationDetailed:
    """The recommendation with its parts as data: ``items`` in the order of the summary.

    Attributes:
        category (None | str):
        currency (str):
        explanation (str):
        items (list[RecommendationItem]):
        p_best (RecommendationDetailedPBest):
        single_template (bool): Only one template has results to compare.
        slots (RecommendationDetailedSlots): Template -> how many of the next videos.
        summary (str):
        total (int): How many videos the plan covers (the `slots` asked).
        language (str | Unset): Language of `summary` and `explanation`. Default: 'en'.
    """

    category: None | str
    currency: str
    explanation: str
    items: list[RecommendationItem]
    p_best: RecommendationDetailedPBest
    single_template: bool
    slots: RecommendationDetailedSlots
    summary: str
    total: int
    language: str | Unset = "en"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category: None | str
        category = self.category

        currency = self.currency

        explanation = self.explanation

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        p_best = self.p_best.to_dict()

        single_template = self.single_template

        slots = self.slots.to_dict()

        summary = self.summary

        total = self.total

        language = self.language

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "currency": currency,
                "explanation": explanation,
                "items": items,
                "p_best": p_best,
                "single_template": single_template,
                "slots": slots,
                "summary": summary,
                "total": total,
            }
        )
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recommendation_detailed_p_best import RecommendationDetailedPBest  # noqa: PLC0415
        from ..models.recommendation_detailed_slots import RecommendationDetailedSlots  # noqa: PLC0415
        from ..models.recommendation_item import RecommendationItem  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category"))

        currency = d.pop("currency")

        explanation = d.pop("explanation")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = RecommendationItem.from_dict(items_item_data)

            items.append(items_item)

        p_best = RecommendationDetailedPBest.from_dict(d.pop("p_best"))

        single_template = d.pop("single_template")

        slots = RecommendationDetailedSlots.from_dict(d.pop("slots"))

        summary = d.pop("summary")

        total = d.pop("total")

        language = d.pop("language", UNSET)

        recommendation_detailed = cls(
            category=category,
            currency=currency,
            explanation=explanation,
            items=items,
            p_best=p_best,
            single_template=single_template,
            slots=slots,
            summary=summary,
            total=total,
            language=language,
        )

        recommendation_detailed.additional_properties = d
        return recommendation_detailed

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
