from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdImportPublic")


@_attrs_define
class AdImportPublic:
    """
    Attributes:
        created_at (datetime.datetime):
        error (None | str):
        file_name (None | str):
        finished_at (datetime.datetime | None):
        id (int):
        matched (int):
        platform (str):
        rejected (int):
        rows_total (int):
        source (str):
        status (str):
        unmatched (int):
        repeated_file_of (int | None | Unset): This file was imported before (that import's id); its rows were replaced,
            nothing is counted twice.
    """

    created_at: datetime.datetime
    error: None | str
    file_name: None | str
    finished_at: datetime.datetime | None
    id: int
    matched: int
    platform: str
    rejected: int
    rows_total: int
    source: str
    status: str
    unmatched: int
    repeated_file_of: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        error: None | str
        error = self.error

        file_name: None | str
        file_name = self.file_name

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        matched = self.matched

        platform = self.platform

        rejected = self.rejected

        rows_total = self.rows_total

        source = self.source

        status = self.status

        unmatched = self.unmatched

        repeated_file_of: int | None | Unset
        if isinstance(self.repeated_file_of, Unset):
            repeated_file_of = UNSET
        else:
            repeated_file_of = self.repeated_file_of

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "error": error,
                "file_name": file_name,
                "finished_at": finished_at,
                "id": id,
                "matched": matched,
                "platform": platform,
                "rejected": rejected,
                "rows_total": rows_total,
                "source": source,
                "status": status,
                "unmatched": unmatched,
            }
        )
        if repeated_file_of is not UNSET:
            field_dict["repeated_file_of"] = repeated_file_of

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_file_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        file_name = _parse_file_name(d.pop("file_name"))

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

        matched = d.pop("matched")

        platform = d.pop("platform")

        rejected = d.pop("rejected")

        rows_total = d.pop("rows_total")

        source = d.pop("source")

        status = d.pop("status")

        unmatched = d.pop("unmatched")

        def _parse_repeated_file_of(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        repeated_file_of = _parse_repeated_file_of(d.pop("repeated_file_of", UNSET))

        ad_import_public = cls(
            created_at=created_at,
            error=error,
            file_name=file_name,
            finished_at=finished_at,
            id=id,
            matched=matched,
            platform=platform,
            rejected=rejected,
            rows_total=rows_total,
            source=source,
            status=status,
            unmatched=unmatched,
            repeated_file_of=repeated_file_of,
        )

        ad_import_public.additional_properties = d
        return ad_import_public

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
