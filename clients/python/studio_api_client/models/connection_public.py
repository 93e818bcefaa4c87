from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.connection_public_identity import ConnectionPublicIdentity


T = TypeVar("T", bound="ConnectionPublic")


@_attrs_define
class ConnectionPublic:
    """
    Attributes:
        account_id (str):
        checked_at (datetime.datetime | None):
        created_at (datetime.datetime):
        currency (None | str):
        id (int):
        identity (ConnectionPublicIdentity):
        landing_url (None | str):
        name (str):
        platform (str):
        status (str): connected, or needs_reconnecting (see `status_reason`).
        status_reason (None | str): What the platform said and what to do.
        sync_error (None | str):
        synced_at (datetime.datetime | None):
        synced_through (datetime.date | None): Results are read up to this day.
        token_hint (str): The token's last four characters, to recognise it.
    """

    account_id: str
    checked_at: datetime.datetime | None
    created_at: datetime.datetime
    currency: None | str
    id: int
    identity: ConnectionPublicIdentity
    landing_url: None | str
    name: str
    platform: str
    status: str
    status_reason: None | str
    sync_error: None | str
    synced_at: datetime.datetime | None
    synced_through: datetime.date | None
    token_hint: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        checked_at: None | str
        if isinstance(self.checked_at, datetime.datetime):
            checked_at = self.checked_at.isoformat()
        else:
            checked_at = self.checked_at

        created_at = self.created_at.isoformat()

        currency: None | str
        currency = self.currency

        id = self.id

        identity = self.identity.to_dict()

        landing_url: None | str
        landing_url = self.landing_url

        name = self.name

        platform = self.platform

        status = self.status

        status_reason: None | str
        status_reason = self.status_reason

        sync_error: None | str
        sync_error = self.sync_error

        synced_at: None | str
        if isinstance(self.synced_at, datetime.datetime):
            synced_at = self.synced_at.isoformat()
        else:
            synced_at = self.synced_at

        synced_through: None | str
        if isinstance(self.synced_through, datetime.date):
            synced_through = self.synced_through.isoformat()
        else:
            synced_through = self.synced_through

        token_hint = self.token_hint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "checked_at": checked_at,
                "created_at": created_at,
                "currency": currency,
                "id": id,
                "identity": identity,
                "landing_url": landing_url,
                "name": name,
                "platform": platform,
                "status": status,
                "status_reason": status_reason,
                "sync_error": sync_error,
                "synced_at": synced_at,
                "synced_through": synced_through,
                "token_hint": token_hint,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.connection_public_identity import ConnectionPublicIdentity  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        def _parse_checked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                checked_at_type_0 = datetime.datetime.fromisoformat(data)

                return checked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        checked_at = _parse_checked_at(d.pop("checked_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_currency(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        currency = _parse_currency(d.pop("currency"))

        id = d.pop("id")

        identity = ConnectionPublicIdentity.from_dict(d.pop("identity"))

        def _parse_landing_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        landing_url = _parse_landing_url(d.pop("landing_url"))

        name = d.pop("name")

        platform = d.pop("platform")

        status = d.pop("status")

        def _parse_status_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_reason = _parse_status_reason(d.pop("status_reason"))

        def _parse_sync_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sync_error = _parse_sync_error(d.pop("sync_error"))

        def _parse_synced_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                synced_at_type_0 = datetime.datetime.fromisoformat(data)

                return synced_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        synced_at = _parse_synced_at(d.pop("synced_at"))

        def _parse_synced_through(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                synced_through_type_0 = datetime.date.fromisoformat(data)

                return synced_through_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        synced_through = _parse_synced_through(d.pop("synced_through"))

        token_hint = d.pop("token_hint")

        connection_public = cls(
            account_id=account_id,
            checked_at=checked_at,
            created_at=created_at,
            currency=currency,
            id=id,
            identity=identity,
            landing_url=landing_url,
            name=name,
            platform=platform,
            status=status,
            status_reason=status_reason,
            sync_error=sync_error,
            synced_at=synced_at,
            synced_through=synced_through,
            token_hint=token_hint,
        )

        connection_public.additional_properties = d
        return connection_public

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
