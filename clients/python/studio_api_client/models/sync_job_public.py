from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sync_job_public_result_type_0 import SyncJobPublicResultType0


T = TypeVar("T", bound="SyncJobPublic")


@_attrs_define
class SyncJobPublic:
    """A pull of ad results (and ad statuses) running on a worker.

    Attributes:
        account (int | None): The connection, or None for all of them.
        created_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        id (int):
        status (str): pending, running, succeeded or failed.
        status_url (str):
        error (None | str | Unset):
        result (None | SyncJobPublicResultType0 | Unset):
    """

    account: int | None
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    id: int
    status: str
    status_url: str
    error: None | str | Unset = UNSET
    result: None | SyncJobPublicResultType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.sync_job_public_result_type_0 import SyncJobPublicResultType0  # noqa: PLC0415

        account: int | None
        account = self.account

        created_at = self.created_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        status = self.status

        status_url = self.status_url

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, SyncJobPublicResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "created_at": created_at,
                "finished_at": finished_at,
                "id": id,
                "status": status,
                "status_url": status_url,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sync_job_public_result_type_0 import SyncJobPublicResultType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_account(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        account = _parse_account(d.pop("account"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = d.pop("id")

        status = d.pop("status")

        status_url = d.pop("status_url")

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_result(data: object) -> None | SyncJobPublicResultType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = SyncJobPublicResultType0.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SyncJobPublicResultType0 | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        sync_job_public = cls(
            account=account,
            created_at=created_at,
            finished_at=finished_at,
            id=id,
            status=status,
            status_url=status_url,
            error=error,
            result=result,
        )

        sync_job_public.additional_properties = d
        return sync_job_public

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
