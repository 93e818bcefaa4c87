from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PublishRequest")


@_attrs_define
class PublishRequest:
    """Where and how: the ad set / ad group of a connected account; paused unless
    ``start_paused`` is false.

        Attributes:
            account (int): The connection's id (GET /connections).
            ad_set_id (str): Meta ad set or TikTok ad group id (GET /connections/{id}/ad-sets).
            ad_set_name (str | Unset):  Default: ''.
            call_to_action (str | Unset):  Default: 'SHOP_NOW'.
            landing_url (None | str | Unset): Default: the product's page, else the connection's shop page.
            primary_text (None | str | Unset): The ad's text; default: the video's AI copy, else the template's.
            start_paused (bool | Unset): Create the ad paused (Meta PAUSED, TikTok DISABLE); false: it may start delivering
                after review. Default: True.
    """

    account: int
    ad_set_id: str
    ad_set_name: str | Unset = ""
    call_to_action: str | Unset = "SHOP_NOW"
    landing_url: None | str | Unset = UNSET
    primary_text: None | str | Unset = UNSET
    start_paused: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        ad_set_id = self.ad_set_id

        ad_set_name = self.ad_set_name

        call_to_action = self.call_to_action

        landing_url: None | str | Unset
        if isinstance(self.landing_url, Unset):
            landing_url = UNSET
        else:
            landing_url = self.landing_url

        primary_text: None | str | Unset
        if isinstance(self.primary_text, Unset):
            primary_text = UNSET
        else:
            primary_text = self.primary_text

        start_paused = self.start_paused

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account": account,
                "ad_set_id": ad_set_id,
            }
        )
        if ad_set_name is not UNSET:
            field_dict["ad_set_name"] = ad_set_name
        if call_to_action is not UNSET:
            field_dict["call_to_action"] = call_to_action
        if landing_url is not UNSET:
            field_dict["landing_url"] = landing_url
        if primary_text is not UNSET:
            field_dict["primary_text"] = primary_text
        if start_paused is not UNSET:
            field_dict["start_paused"] = start_paused

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        ad_set_id = d.pop("ad_set_id")

        ad_set_name = d.pop("ad_set_name", UNSET)

        call_to_action = d.pop("call_to_action", UNSET)

        def _parse_landing_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        landing_url = _parse_landing_url(d.pop("landing_url", UNSET))

        def _parse_primary_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        primary_text = _parse_primary_text(d.pop("primary_text", UNSET))

        start_paused = d.pop("start_paused", UNSET)

        publish_request = cls(
            account=account,
            ad_set_id=ad_set_id,
            ad_set_name=ad_set_name,
            call_to_action=call_to_action,
            landing_url=landing_url,
            primary_text=primary_text,
            start_paused=start_paused,
        )

        return publish_request
