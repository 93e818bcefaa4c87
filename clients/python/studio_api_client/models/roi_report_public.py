from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notice_public import NoticePublic
    from ..models.recommendation_detailed import RecommendationDetailed
    from ..models.roi_report_public_formulas import RoiReportPublicFormulas
    from ..models.roi_report_public_unlinked_spend import RoiReportPublicUnlinkedSpend


T = TypeVar("T", bound="RoiReportPublic")


@_attrs_define
class RoiReportPublic:
    """
    Attributes:
        by (str):
        formulas (RoiReportPublicFormulas): Each figure's formula, exactly as computed.
        groups (list[Any]):
        messages (list[str]): The texts of `notices`, in English.
        since (datetime.date | None):
        unlinked_rows (int):
        unlinked_spend (RoiReportPublicUnlinkedSpend):
        until (datetime.date | None):
        interval (str | Unset): How `roi_interval` is computed. Default: ''.
        notices (list[NoticePublic] | Unset): What to know about the whole report (several currencies, ad rows not
            linked to a video, production cost in another currency, revenue from shop orders), as codes and params.
        recommendations (list[RecommendationDetailed] | Unset): Grouped by template: which templates to render next (the
            same items as /analytics/recommendation).
    """

    by: str
    formulas: RoiReportPublicFormulas
    groups: list[Any]
    messages: list[str]
    since: datetime.date | None
    unlinked_rows: int
    unlinked_spend: RoiReportPublicUnlinkedSpend
    until: datetime.date | None
    interval: str | Unset = ""
    notices: list[NoticePublic] | Unset = UNSET
    recommendations: list[RecommendationDetailed] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by = self.by

        formulas = self.formulas.to_dict()

        groups = self.groups

        messages = self.messages

        since: None | str
        if isinstance(self.since, datetime.date):
            since = self.since.isoformat()
        else:
            since = self.since

        unlinked_rows = self.unlinked_rows

        unlinked_spend = self.unlinked_spend.to_dict()

        until: None | str
        if isinstance(self.until, datetime.date):
            until = self.until.isoformat()
        else:
            until = self.until

        interval = self.interval

        notices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.notices, Unset):
            notices = []
            for notices_item_data in self.notices:
                notices_item = notices_item_data.to_dict()
                notices.append(notices_item)

        recommendations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recommendations, Unset):
            recommendations = []
            for recommendations_item_data in self.recommendations:
                recommendations_item = recommendations_item_data.to_dict()
                recommendations.append(recommendations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by": by,
                "formulas": formulas,
                "groups": groups,
                "messages": messages,
                "since": since,
                "unlinked_rows": unlinked_rows,
                "unlinked_spend": unlinked_spend,
                "until": until,
            }
        )
        if interval is not UNSET:
            field_dict["interval"] = interval
        if notices is not UNSET:
            field_dict["notices"] = notices
        if recommendations is not UNSET:
            field_dict["recommendations"] = recommendations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notice_public import NoticePublic  # noqa: PLC0415
        from ..models.recommendation_detailed import RecommendationDetailed  # noqa: PLC0415
        from ..models.roi_report_public_formulas import RoiReportPublicFormulas  # noqa: PLC0415
        from ..models.roi_report_public_unlinked_spend import RoiReportPublicUnlinkedSpend  # noqa: PLC0415

        d = dict(src_dict)
        by = d.pop("by")

        formulas = RoiReportPublicFormulas.from_dict(d.pop("formulas"))

        groups = cast(list[Any], d.pop("groups"))

        messages = cast(list[str], d.pop("messages"))

        def _parse_since(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.date.fromisoformat(data)

                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        since = _parse_since(d.pop("since"))

        unlinked_rows = d.pop("unlinked_rows")

        unlinked_spend = RoiReportPublicUnlinkedSpend.from_dict(d.pop("unlinked_spend"))

        def _parse_until(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                until_type_0 = datetime.date.fromisoformat(data)

                return until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        until = _parse_until(d.pop("until"))

        interval = d.pop("interval", UNSET)

        _notices = d.pop("notices", UNSET)
        notices: list[NoticePublic] | Unset = UNSET
        if _notices is not UNSET:
            notices = []
            for notices_item_data in _notices:
                notices_item = NoticePublic.from_dict(notices_item_data)

                notices.append(notices_item)

        _recommendations = d.pop("recommendations", UNSET)
        recommendations: list[RecommendationDetailed] | Unset = UNSET
        if _recommendations is not UNSET:
            recommendations = []
            for recommendations_item_data in _recommendations:
                recommendations_item = RecommendationDetailed.from_dict(recommendations_item_data)

                recommendations.append(recommendations_item)

        roi_report_public = cls(
            by=by,
            formulas=formulas,
            groups=groups,
            messages=messages,
            since=since,
            unlinked_rows=unlinked_rows,
            unlinked_spend=unlinked_spend,
            until=until,
            interval=interval,
            notices=notices,
            recommendations=recommendations,
        )

        roi_report_public.additional_properties = d
        return roi_report_public

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
