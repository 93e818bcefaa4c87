from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionCreate")


@_attrs_define
class ConnectionCreate:
    """Connect a Meta ad account or a TikTok advertiser; the studio checks it at once.

    Attributes:
        access_token (str): Meta: a system-user token with ads_management. TikTok: a long-term advertiser token. Stored
            encrypted; never shown again.
        account_id (str): Meta: the ad account id (act_… or its digits). TikTok: the advertiser id.
        platform (str): meta or tiktok (or an ad-platform plugin's name).
        identity_id (None | str | Unset): TikTok: the identity ads are posted as.
        identity_type (None | str | Unset): TikTok: CUSTOMIZED_USER, TT_USER or BC_AUTH_TT.
        instagram_user_id (None | str | Unset): Meta: the Instagram account, to run on Instagram too.
        landing_url (None | str | Unset): The shop page ads open when a product has no page of its own;
            utm_content=<creative code> is added.
        page_id (None | str | Unset): Meta: the Facebook page ads are posted as.
    """

    access_token: str
    account_id: str
    platform: str
    identity_id: None | str | Unset = UNSET
    identity_type: None | str | Unset = UNSET
    instagram_user_id: None | str | Unset = UNSET
    landing_url: None | str | Unset = UNSET
    page_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        account_id = self.account_id

        platform = self.platform

        identity_id: None | str | Unset
        if isinstance(self.identity_id, Unset):
            identity_id = UNSET
        else:
            identity_id = self.identity_id

        identity_type: None | str | Unset
        if isinstance(self.identity_type, Unset):
            identity_type = UNSET
        else:
            identity_type = self.identity_type

        instagram_user_id: None | str | Unset
        if isinstance(self.instagram_user_id, Unset):
            instagram_user_id = UNSET
        else:
            instagram_user_id = self.instagram_user_id

        landing_url: None | str | Unset
        if isinstance(self.landing_url, Unset):
            landing_url = UNSET
        else:
            landing_url = self.landing_url

        page_id: None | str | Unset
        if isinstance(self.page_id, Unset):
            page_id = UNSET
        else:
            page_id = self.page_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "access_token": access_token,
                "account_id": account_id,
                "platform": platform,
            }
        )
        if identity_id is not UNSET:
            field_dict["identity_id"] = identity_id
        if identity_type is not UNSET:
            field_dict["identity_type"] = identity_type
        if instagram_user_id is not UNSET:
            field_dict["instagram_user_id"] = instagram_user_id
        if landing_url is not UNSET:
            field_dict["landing_url"] = landing_url
        if page_id is not UNSET:
            field_dict["page_id"] = page_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_token = d.pop("access_token")

        account_id = d.pop("account_id")

        platform = d.pop("platform")

        def _parse_identity_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        identity_id = _parse_identity_id(d.pop("identity_id", UNSET))

        def _parse_identity_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        identity_type = _parse_identity_type(d.pop("identity_type", UNSET))

        def _parse_instagram_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instagram_user_id = _parse_instagram_user_id(d.pop("instagram_user_id", UNSET))

        def _parse_landing_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        landing_url = _parse_landing_url(d.pop("landing_url", UNSET))

        def _parse_page_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        page_id = _parse_page_id(d.pop("page_id", UNSET))

        connection_create = cls(
            access_token=access_token,
            account_id=account_id,
            platform=platform,
            identity_id=identity_id,
            identity_type=identity_type,
            instagram_user_id=instagram_user_id,
            landing_url=landing_url,
            page_id=page_id,
        )

        return connection_create
