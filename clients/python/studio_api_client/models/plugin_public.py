from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plugin_public_provides_item import PluginPublicProvidesItem


T = TypeVar("T", bound="PluginPublic")


@_attrs_define
class PluginPublic:
    """
    Attributes:
        hooks (list[str]):
        kind (str):
        name (str):
        provides (list[PluginPublicProvidesItem]):
        source (str):
        status (str):
        version (str):
        warnings (list[str]):
        error (None | str | Unset):
    """

    hooks: list[str]
    kind: str
    name: str
    provides: list[PluginPublicProvidesItem]
    source: str
    status: str
    version: str
    warnings: list[str]
    error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hooks = self.hooks

        kind = self.kind

        name = self.name

        provides = []
        for provides_item_data in self.provides:
            provides_item = provides_item_data.to_dict()
            provides.append(provides_item)

        source = self.source

        status = self.status

        version = self.version

        warnings = self.warnings

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hooks": hooks,
                "kind": kind,
                "name": name,
                "provides": provides,
                "source": source,
                "status": status,
                "version": version,
                "warnings": warnings,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plugin_public_provides_item import PluginPublicProvidesItem  # noqa: PLC0415

        d = dict(src_dict)
        hooks = cast(list[str], d.pop("hooks"))

        kind = d.pop("kind")

        name = d.pop("name")

        provides = []
        _provides = d.pop("provides")
        for provides_item_data in _provides:
            provides_item = PluginPublicProvidesItem.from_dict(provides_item_data)

            provides.append(provides_item)

        source = d.pop("source")

        status = d.pop("status")

        version = d.pop("version")

        warnings = cast(list[str], d.pop("warnings"))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        plugin_public = cls(
            hooks=hooks,
            kind=kind,
            name=name,
            provides=provides,
            source=source,
            status=status,
            version=version,
            warnings=warnings,
            error=error,
        )

        plugin_public.additional_properties = d
        return plugin_public

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
