from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PublishedAdPublic")


@_attrs_define
class PublishedAdPublic:
    """
    Attributes:
        account (int): The connection's id.
        ad_id (None | str):
        ad_name (str):
        ad_set_id (str):
        ad_set_name (str):
        created_at (datetime.datetime):
        creative_id (None | str):
        id (int):
        landing_url (str):
        platform (str):
        published (bool): True once the platform holds the ad.
        published_at (datetime.datetime | None):
        reason (None | str): The platform's words (a rejection) or what to do.
        requested_by (str): seller or autopilot.
        start_paused (bool):
        status (str): queued, publishing, in_review, paused, active, rejected or failed; only in_review, paused and
            active are published.
        status_checked_at (datetime.datetime | None):
        step (None | str): While publishing: the step reached.
        updated_at (datetime.datetime):
        video_id (int):
    """

    account: int
    ad_id: None | str
    ad_name: str
    ad_set_id: str
    ad_set_name: str
    created_at: datetime.datetime
    creative_id: None | str
    id: int
    landing_url: str
    platform: str
    published: bool
    published_at: datetime.datetime | None
    reason: None | str
    requested_by: str
    start_paused: bool
    status: str
    status_checked_at: datetime.datetime | None
    step: None | str
    updated_at: datetime.datetime
    video_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        ad_id: None | str
        ad_id = self.ad_id

        ad_name = self.ad_name

        ad_set_id = self.ad_set_id

        ad_set_name = self.ad_set_name

        created_at = self.created_at.isoformat()

        creative_id: None | str
        creative_id = self.creative_id

        id = self.id

        landing_url = self.landing_url

        platform = self.platform

        published = self.published

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        reason: None | str
        reason = self.reason

        requested_by = self.requested_by

        start_paused = self.start_paused

        status = self.status

        status_checked_at: None | str
        if isinstance(self.status_checked_at, datetime.datetime):
            status_checked_at = self.status_checked_at.isoformat()
        else:
            status_checked_at = self.status_checked_at

        step: None | str
        step = self.step

        updated_at = self.updated_at.isoformat()

        video_id = self.video_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "ad_id": ad_id,
                "ad_name": ad_name,
                "ad_set_id": ad_set_id,
                "ad_set_name": ad_set_name,
                "created_at": created_at,
                "creative_id": creative_id,
                "id": id,
                "landing_url": landing_url,
                "platform": platform,
                "published": published,
                "published_at": published_at,
                "reason": reason,
                "requested_by": requested_by,
                "start_paused": start_paused,
                "status": status,
                "status_checked_at": status_checked_at,
                "step": step,
                "updated_at": updated_at,
                "video_id": video_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        def _parse_ad_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ad_id = _parse_ad_id(d.pop("ad_id"))

        ad_name = d.pop("ad_name")

        ad_set_id = d.pop("ad_set_id")

        ad_set_name = d.pop("ad_set_name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_creative_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        creative_id = _parse_creative_id(d.pop("creative_id"))

        id = d.pop("id")

        landing_url = d.pop("landing_url")

        platform = d.pop("platform")

        published = d.pop("published")

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        requested_by = d.pop("requested_by")

        start_paused = d.pop("start_paused")

        status = d.pop("status")

        def _parse_status_checked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_checked_at_type_0 = datetime.datetime.fromisoformat(data)

                return status_checked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        status_checked_at = _parse_status_checked_at(d.pop("status_checked_at"))

        def _parse_step(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        step = _parse_step(d.pop("step"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        video_id = d.pop("video_id")

        published_ad_public = cls(
            account=account,
            ad_id=ad_id,
            ad_name=ad_name,
            ad_set_id=ad_set_id,
            ad_set_name=ad_set_name,
            created_at=created_at,
            creative_id=creative_id,
            id=id,
            landing_url=landing_url,
            platform=platform,
            published=published,
            published_at=published_at,
            reason=reason,
            requested_by=requested_by,
            start_paused=start_paused,
            status=status,
            status_checked_at=status_checked_at,
            step=step,
            updated_at=updated_at,
            video_id=video_id,
        )

        published_ad_public.additional_properties = d
        return published_ad_public

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
