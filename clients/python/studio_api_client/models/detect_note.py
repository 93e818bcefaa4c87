from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.detect_note_params import DetectNoteParams


T = TypeVar("T", bound="DetectNote")


@_attrs_define
class DetectNote:
    """Something worth telling the seller about the file: ``code`` + ``params`` (the web
    studio words it in the seller's language), ``message`` in English.

        Attributes:
            code (str):
            message (str):
            params (DetectNoteParams | Unset):
    """

    code: str
    message: str
    params: DetectNoteParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.detect_note_params import DetectNoteParams  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        _params = d.pop("params", UNSET)
        params: DetectNoteParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = DetectNoteParams.from_dict(_params)

        detect_note = cls(
            code=code,
            message=message,
            params=params,
        )

        detect_note.additional_properties = d
        return detect_note

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
