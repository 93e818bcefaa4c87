from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreviewPublic")


@_attrs_define
class PreviewPublic:
    """A preview being made (202) or made: follow ``status_url``; fetch ``file_url``.

    Attributes:
        id (int):
        output (str):
        status (str): pending, running, succeeded or failed.
        status_url (str):
        template (str):
        error (None | str | Unset):
        file_url (None | str | Unset): The JPEG or MP4, once succeeded.
        notes (list[str] | Unset):
    """

    id: int
    output: str
    status: str
    status_url: str
    template: str
    error: None | str | Unset = UNSET
    file_url: None | str | Unset = UNSET
    notes: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        output = self.output

        status = self.status

        status_url = self.status_url

        template = self.template

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        file_url: None | str | Unset
        if isinstance(self.file_url, Unset):
            file_url = UNSET
        else:
            file_url = self.file_url

        notes: list[str] | Unset = UNSET
        if not isinstance(self.notes, Unset):
            notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "output": output,
                "status": status,
                "status_url": status_url,
                "template": template,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if file_url is not UNSET:
            field_dict["file_url"] = file_url
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        output = d.pop("output")

        status = d.pop("status")

        status_url = d.pop("status_url")

        template = d.pop("template")

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_file_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file_url = _parse_file_url(d.pop("file_url", UNSET))

        notes = cast(list[str], d.pop("notes", UNSET))

        preview_public = cls(
            id=id,
            output=output,
            status=status,
            status_url=status_url,
            template=template,
            error=error,
            file_url=file_url,
            notes=notes,
        )

        preview_public.additional_properties = d
        return preview_public

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
