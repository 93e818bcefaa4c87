from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account_info import AccountInfo
    from ..models.connection_public import ConnectionPublic


T = TypeVar("T", bound="ConnectionCheck")


@_attrs_define
class ConnectionCheck:
    """The account as the platform shows it now: campaigns and ad sets / ad groups.

    Attributes:
        account (AccountInfo | None): None when the platform refused the token: `connection.status_reason` says what to
            do.
        connection (ConnectionPublic):
    """

    account: AccountInfo | None
    connection: ConnectionPublic
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.account_info import AccountInfo  # noqa: PLC0415

        account: dict[str, Any] | None
        if isinstance(self.account, AccountInfo):
            account = self.account.to_dict()
        else:
            account = self.account

        connection = self.connection.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "connection": connection,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_info import AccountInfo  # noqa: PLC0415
        from ..models.connection_public import ConnectionPublic  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_account(data: object) -> AccountInfo | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                account_type_0 = AccountInfo.from_dict(data)

                return account_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountInfo | None, data)

        account = _parse_account(d.pop("account"))

        connection = ConnectionPublic.from_dict(d.pop("connection"))

        connection_check = cls(
            account=account,
            connection=connection,
        )

        connection_check.additional_properties = d
        return connection_check

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
