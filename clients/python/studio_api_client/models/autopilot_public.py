from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.allocation_item import AllocationItem
    from ..models.autopilot_public_options import AutopilotPublicOptions
    from ..models.publish_target import PublishTarget
    from ..models.store_public import StorePublic


T = TypeVar("T", bound="AutopilotPublic")


@_attrs_define
class AutopilotPublic:
    """
    Attributes:
        ai_spend_today (str): What today's autopilot videos cost in AI.
        digest_to (None | str):
        enabled (bool):
        formats (list[str]):
        last_digest_on (datetime.date | None):
        max_ai_spend_per_day (str):
        max_videos_per_day (int):
        next_ (list[AllocationItem]): How the next 10 videos would be shared between templates, and why.
        options (AutopilotPublicOptions):
        pause_reason (None | str):
        paused_at (datetime.datetime | None):
        publish_to (list[PublishTarget]):
        spend_currency (str):
        status (str): off, on or paused.
        templates (list[str]):
        videos_today (int): Videos the autopilot asked for today (UTC).
        store (None | StorePublic | Unset): The store pulled on a schedule.
    """

    ai_spend_today: str
    digest_to: None | str
    enabled: bool
    formats: list[str]
    last_digest_on: datetime.date | None
    max_ai_spend_per_day: str
    max_videos_per_day: int
    next_: list[AllocationItem]
    options: AutopilotPublicOptions
    pause_reason: None | str
    paused_at: datetime.datetime | None
    publish_to: list[PublishTarget]
    spend_currency: str
    status: str
    templates: list[str]
    videos_today: int
    store: None | StorePublic | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.store_public import StorePublic  # noqa: PLC0415

        ai_spend_today = self.ai_spend_today

        digest_to: None | str
        digest_to = self.digest_to

        enabled = self.enabled

        formats = self.formats

        last_digest_on: None | str
        if isinstance(self.last_digest_on, datetime.date):
            last_digest_on = self.last_digest_on.isoformat()
        else:
            last_digest_on = self.last_digest_on

        max_ai_spend_per_day = self.max_ai_spend_per_day

        max_videos_per_day = self.max_videos_per_day

        next_ = []
        for next_item_data in self.next_:
            next_item = next_item_data.to_dict()
            next_.append(next_item)

        options = self.options.to_dict()

        pause_reason: None | str
        pause_reason = self.pause_reason

        paused_at: None | str
        if isinstance(self.paused_at, datetime.datetime):
            paused_at = self.paused_at.isoformat()
        else:
            paused_at = self.paused_at

        publish_to = []
        for publish_to_item_data in self.publish_to:
            publish_to_item = publish_to_item_data.to_dict()
            publish_to.append(publish_to_item)

        spend_currency = self.spend_currency

        status = self.status

        templates = self.templates

        videos_today = self.videos_today

        store: dict[str, Any] | None | Unset
        if isinstance(self.store, Unset):
            store = UNSET
        elif isinstance(self.store, StorePublic):
            store = self.store.to_dict()
        else:
            store = self.store

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ai_spend_today": ai_spend_today,
                "digest_to": digest_to,
                "enabled": enabled,
                "formats": formats,
                "last_digest_on": last_digest_on,
                "max_ai_spend_per_day": max_ai_spend_per_day,
                "max_videos_per_day": max_videos_per_day,
                "next": next_,
                "options": options,
                "pause_reason": pause_reason,
                "paused_at": paused_at,
                "publish_to": publish_to,
                "spend_currency": spend_currency,
                "status": status,
                "templates": templates,
                "videos_today": videos_today,
            }
        )
        if store is not UNSET:
            field_dict["store"] = store

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.allocation_item import AllocationItem  # noqa: PLC0415
        from ..models.autopilot_public_options import AutopilotPublicOptions  # noqa: PLC0415
        from ..models.publish_target import PublishTarget  # noqa: PLC0415
        from ..models.store_public import StorePublic  # noqa: PLC0415

        d = dict(src_dict)
        ai_spend_today = d.pop("ai_spend_today")

        def _parse_digest_to(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        digest_to = _parse_digest_to(d.pop("digest_to"))

        enabled = d.pop("enabled")

        formats = cast(list[str], d.pop("formats"))

        def _parse_last_digest_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_digest_on_type_0 = datetime.date.fromisoformat(data)

                return last_digest_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        last_digest_on = _parse_last_digest_on(d.pop("last_digest_on"))

        max_ai_spend_per_day = d.pop("max_ai_spend_per_day")

        max_videos_per_day = d.pop("max_videos_per_day")

        next_ = []
        _next_ = d.pop("next")
        for next_item_data in _next_:
            next_item = AllocationItem.from_dict(next_item_data)

            next_.append(next_item)

        options = AutopilotPublicOptions.from_dict(d.pop("options"))

        def _parse_pause_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pause_reason = _parse_pause_reason(d.pop("pause_reason"))

        def _parse_paused_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paused_at_type_0 = datetime.datetime.fromisoformat(data)

                return paused_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paused_at = _parse_paused_at(d.pop("paused_at"))

        publish_to = []
        _publish_to = d.pop("publish_to")
        for publish_to_item_data in _publish_to:
            publish_to_item = PublishTarget.from_dict(publish_to_item_data)

            publish_to.append(publish_to_item)

        spend_currency = d.pop("spend_currency")

        status = d.pop("status")

        templates = cast(list[str], d.pop("templates"))

        videos_today = d.pop("videos_today")

        def _parse_store(data: object) -> None | StorePublic | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                store_type_0 = StorePublic.from_dict(data)

                return store_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StorePublic | Unset, data)

        store = _parse_store(d.pop("store", UNSET))

        autopilot_public = cls(
            ai_spend_today=ai_spend_today,
            digest_to=digest_to,
            enabled=enabled,
            formats=formats,
            last_digest_on=last_digest_on,
            max_ai_spend_per_day=max_ai_spend_per_day,
            max_videos_per_day=max_videos_per_day,
            next_=next_,
            options=options,
            pause_reason=pause_reason,
            paused_at=paused_at,
            publish_to=publish_to,
            spend_currency=spend_currency,
            status=status,
            templates=templates,
            videos_today=videos_today,
            store=store,
        )

        autopilot_public.additional_properties = d
        return autopilot_public

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
