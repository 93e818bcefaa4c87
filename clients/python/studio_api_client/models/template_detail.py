from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.template_detail_fields import TemplateDetailFields
    from ..models.template_detail_saved_type_0 import TemplateDetailSavedType0


T = TypeVar("T", bound="TemplateDetail")


@_attrs_define
class TemplateDetail:
    """
    Attributes:
        duration (float):
        fields (TemplateDetailFields): Field name -> type, label, help, binding to a product attribute, default.
        id (str):
        name (str):
        version (str):
        base (None | str | Unset): A saved template's: the template it is made from.
        description (str | Unset):  Default: ''.
        formats (list[str] | Unset):
        music_license (None | str | Unset):
        saved (None | TemplateDetailSavedType0 | Unset): A saved template's settings: fields, voiceover, language,
            music.
        source (str | Unset): builtin, plugin, or mine (saved by this workspace). Default: ''.
        style (str | Unset):  Default: ''.
        tags (list[str] | Unset):
        voiceover (bool | Unset):  Default: False.
    """

    duration: float
    fields: TemplateDetailFields
    id: str
    name: str
    version: str
    base: None | str | Unset = UNSET
    description: str | Unset = ""
    formats: list[str] | Unset = UNSET
    music_license: None | str | Unset = UNSET
    saved: None | TemplateDetailSavedType0 | Unset = UNSET
    source: str | Unset = ""
    style: str | Unset = ""
    tags: list[str] | Unset = UNSET
    voiceover: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.template_detail_saved_type_0 import TemplateDetailSavedType0  # noqa: PLC0415

        duration = self.duration

        fields = self.fields.to_dict()

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

        music_license: None | str | Unset
        if isinstance(self.music_license, Unset):
            music_license = UNSET
        else:
            music_license = self.music_license

        saved: dict[str, Any] | None | Unset
        if isinstance(self.saved, Unset):
            saved = UNSET
        elif isinstance(self.saved, TemplateDetailSavedType0):
            saved = self.saved.to_dict()
        else:
            saved = self.saved

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
                "fields": fields,
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
        if music_license is not UNSET:
            field_dict["music_license"] = music_license
        if saved is not UNSET:
            field_dict["saved"] = saved
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
        from ..models.template_detail_fields import TemplateDetailFields  # noqa: PLC0415
        from ..models.template_detail_saved_type_0 import TemplateDetailSavedType0  # noqa: PLC0415

        d = dict(src_dict)
        duration = d.pop("duration")

        fields = TemplateDetailFields.from_dict(d.pop("fields"))

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

        def _parse_music_license(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        music_license = _parse_music_license(d.pop("music_license", UNSET))

        def _parse_saved(data: object) -> None | TemplateDetailSavedType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                saved_type_0 = TemplateDetailSavedType0.from_dict(data)

                return saved_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TemplateDetailSavedType0 | Unset, data)

        saved = _parse_saved(d.pop("saved", UNSET))

        source = d.pop("source", UNSET)

        style = d.pop("style", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        voiceover = d.pop("voiceover", UNSET)

        template_detail = cls(
            duration=duration,
            fields=fields,
            id=id,
            name=name,
            version=version,
            base=base,
            description=description,
            formats=formats,
            music_license=music_license,
            saved=saved,
            source=source,
            style=style,
            tags=tags,
            voiceover=voiceover,
        )

        template_detail.additional_properties = d
        return template_detail

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
