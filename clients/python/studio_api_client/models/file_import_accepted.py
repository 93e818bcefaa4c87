from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.file_import_accepted_kind import FileImportAcceptedKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.file_import_accepted_result_type_0 import FileImportAcceptedResultType0


T = TypeVar("T", bound="FileImportAccepted")


@_attrs_define
class FileImportAccepted:
    """A big file, imported by a worker: follow ``status_url``.

    Attributes:
        created_at (datetime.datetime):
        file_name (None | str):
        finished_at (datetime.datetime | None):
        id (int):
        kind (FileImportAcceptedKind):
        progress (float):
        source (str):
        status (str): pending, running, succeeded or failed.
        status_url (str):
        what (str): catalog or ads.
        error (None | str | Unset):
        result (FileImportAcceptedResultType0 | None | Unset): When succeeded: the import's summary, as a small file's
            answer.
    """

    created_at: datetime.datetime
    file_name: None | str
    finished_at: datetime.datetime | None
    id: int
    kind: FileImportAcceptedKind
    progress: float
    source: str
    status: str
    status_url: str
    what: str
    error: None | str | Unset = UNSET
    result: FileImportAcceptedResultType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.file_import_accepted_result_type_0 import FileImportAcceptedResultType0  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        file_name: None | str
        file_name = self.file_name

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        kind = self.kind.value

        progress = self.progress

        source = self.source

        status = self.status

        status_url = self.status_url

        what = self.what

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, FileImportAcceptedResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "file_name": file_name,
                "finished_at": finished_at,
                "id": id,
                "kind": kind,
                "progress": progress,
                "source": source,
                "status": status,
                "status_url": status_url,
                "what": what,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.file_import_accepted_result_type_0 import FileImportAcceptedResultType0  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

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

        kind = FileImportAcceptedKind(d.pop("kind"))

        progress = d.pop("progress")

        source = d.pop("source")

        status = d.pop("status")

        status_url = d.pop("status_url")

        what = d.pop("what")

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_result(data: object) -> FileImportAcceptedResultType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = FileImportAcceptedResultType0.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FileImportAcceptedResultType0 | None | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        file_import_accepted = cls(
            created_at=created_at,
            file_name=file_name,
            finished_at=finished_at,
            id=id,
            kind=kind,
            progress=progress,
            source=source,
            status=status,
            status_url=status_url,
            what=what,
            error=error,
            result=result,
        )

        file_import_accepted.additional_properties = d
        return file_import_accepted

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
