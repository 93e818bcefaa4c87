from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notice_public import NoticePublic
    from ..models.trend_public_formulas import TrendPublicFormulas


T = TypeVar("T", bound="TrendPublic")


@_attrs_define
class TrendPublic:
    """
    Attributes:
        by (str):
        formulas (TrendPublicFormulas): Each figure's formula, exactly as computed.
        interval (str):
        messages (list[str]): The texts of `notices`, in English.
        periods (list[datetime.date]): Every period start of the range, in order.
        series (list[Any]):
        since (datetime.date | None):
        until (datetime.date | None):
        notices (list[NoticePublic] | Unset): What to know about the trend (several currencies, production cost left out
            for want of an exchange rate), as codes and params.
    """

    by: str
    formulas: TrendPublicFormulas
    interval: str
    messages: list[str]
    periods: list[datetime.date]
    series: list[Any]
    since: datetime.date | None
    until: datetime.date | None
    notices: list[NoticePublic] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by = self.by

        formulas = self.formulas.to_dict()

        interval = self.interval

        messages = self.messages

        periods = []
        for periods_item_data in self.periods:
            periods_item = periods_item_data.isoformat()
            periods.append(periods_item)

        series = self.series

        since: None | str
        if isinstance(self.since, datetime.date):
            since = self.since.isoformat()
        else:
            since = self.since

        until: None | str
        if isinstance(self.until, datetime.date):
            until = self.until.isoformat()
        else:
            until = self.until

        notices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.notices, Unset):
            notices = []
            for notices_item_data in self.notices:
                notices_item = notices_item_data.to_dict()
                notices.append(notices_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by": by,
                "formulas": formulas,
                "interval": interval,
                "messages": messages,
                "periods": periods,
                "series": series,
                "since": since,
                "until": until,
            }
        )
        if notices is not UNSET:
            field_dict["notices"] = notices

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notice_public import NoticePublic  # noqa: PLC0415
        from ..models.trend_public_formulas import TrendPublicFormulas  # noqa: PLC0415

        d = dict(src_dict)
        by = d.pop("by")

        formulas = TrendPublicFormulas.from_dict(d.pop("formulas"))

        interval = d.pop("interval")

        messages = cast(list[str], d.pop("messages"))

        periods = []
        _periods = d.pop("periods")
        for periods_item_data in _periods:
            periods_item = datetime.date.fromisoformat(periods_item_data)

            periods.append(periods_item)

        series = cast(list[Any], d.pop("series"))

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

        _notices = d.pop("notices", UNSET)
        notices: list[NoticePublic] | Unset = UNSET
        if _notices is not UNSET:
            notices = []
            for notices_item_data in _notices:
                notices_item = NoticePublic.from_dict(notices_item_data)

                notices.append(notices_item)

        trend_public = cls(
            by=by,
            formulas=formulas,
            interval=interval,
            messages=messages,
            periods=periods,
            series=series,
            since=since,
            until=until,
            notices=notices,
        )

        trend_public.additional_properties = d
        return trend_public

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
