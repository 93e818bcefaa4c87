from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TemplatePublic")


@_attrs_define
class TemplatePublic:
    """
    Attributes:
        duration (float):
        id (str):
        name (str):
        version (str):
        base (None | str | Unset): A saved template's: the template it is made from.
        description (str | Unset):  Default: ''.
        formats (list[str] | Unset):
        source (str | Unset): builtin, plugin, or mine (saved by this workspace). Default: ''.
        style (str | Unset):  Default: ''.
        tags (list[str] | Unset):
        voiceover (bool | Unset):  Default: False.
    """

    duration: float
    id: str
    name: str
    version: str
    base: None | str | Unset = UNSET
    description: str | Unset = ""
    formats: list[str] | Unset = UNSET
    source: str | Unset = ""
    style: str | Unset = ""
    tags: list[str] | Unset = UNSET
    voiceover: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duration = self.duration

        id = self.id

        name = self.name

        version = self.version

        base: None | str | Unset
        if isinstance(self.base, Unset):
            base = UNSET
        else:
            base = self.base

        description = self.description

        formats: list[str] | Unset = UNSET
        if not isinstance(self.formats, Unset):
            formats = self.formats

        source = self.source

        style = self.style

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        voiceover = self.voiceover

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "duration": duration,
                "id": id,
                "name": name,
                "version": version,
            }
        )
        if base is not UNSET:
            field_dict["base"] = base
        if description is not UNSET:
            field_dict["description"] = description
        if formats is not UNSET:
            field_dict["formats"] = formats
        if source is not UNSET:
            field_dict["source"] = source
        if style is not UNSET:
            field_dict["style"] = style
        if tags is not UNSET:
            field_dict["tags"] = tags
        if voiceover is not UNSET:
            field_dict["voiceover"] = voiceover

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        duration = d.pop("duration")

        id = d.pop("id")

        name = d.pop("name")

        version = d.pop("version")

        def _parse_base(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        base = _parse_base(d.pop("base", UNSET))

        description = d.pop("description", UNSET)

        formats = cast(list[str], d.pop("formats", UNSET))

        source = d.pop("source", UNSET)

        style = d.pop("style", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        voiceover = d.pop("voiceover", UNSET)

        template_public = cls(
            duration=duration,
            id=id,
            name=name,
            version=version,
            base=base,
            description=description,
            formats=formats,
            source=source,
            style=style,
            tags=tags,
            voiceover=voiceover,
        )

        template_public.additional_properties = d
        return template_public

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
