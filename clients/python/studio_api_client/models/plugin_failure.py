from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PluginFailure")


@_attrs_define
class PluginFailure:
    """Why a plugin's code failed making this video: for the plugin's author.

    Attributes:
        message (str):
        plugin (str): The generator or AI service whose code raised.
        traceback (str): The traceback as Python prints it (paths shortened).
        type_ (str): The exception's type, e.g. `KeyError`.
        raised_at (None | str | Unset): File and line of the deepest frame, installation folders shortened (`<site-
            packages>/collage.py:21`).
    """

    message: str
    plugin: str
    traceback: str
    type_: str
    raised_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        plugin = self.plugin

        traceback = self.traceback

        type_ = self.type_

        raised_at: None | str | Unset
        if isinstance(self.raised_at, Unset):
            raised_at = UNSET
        else:
            raised_at = self.raised_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "plugin": plugin,
                "traceback": traceback,
                "type": type_,
            }
        )
        if raised_at is not UNSET:
            field_dict["raised_at"] = raised_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        plugin = d.pop("plugin")

        traceback = d.pop("traceback")

        type_ = d.pop("type")

        def _parse_raised_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        raised_at = _parse_raised_at(d.pop("raised_at", UNSET))

        plugin_failure = cls(
            message=message,
            plugin=plugin,
            traceback=traceback,
            type_=type_,
            raised_at=raised_at,
        )

        plugin_failure.additional_properties = d
        return plugin_failure

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
