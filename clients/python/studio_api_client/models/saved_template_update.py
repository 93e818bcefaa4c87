from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.saved_template_update_language_type_0 import SavedTemplateUpdateLanguageType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.saved_template_update_fields_type_0 import SavedTemplateUpdateFieldsType0


T = TypeVar("T", bound="SavedTemplateUpdate")


@_attrs_define
class SavedTemplateUpdate:
    """Only the fields sent change (the id stays, so results keep adding up).

    Attributes:
        fields (None | SavedTemplateUpdateFieldsType0 | Unset):
        language (None | SavedTemplateUpdateLanguageType0 | Unset):
        music (None | str | Unset):
        name (None | str | Unset):
        voiceover (bool | None | Unset):
    """

    fields: None | SavedTemplateUpdateFieldsType0 | Unset = UNSET
    language: None | SavedTemplateUpdateLanguageType0 | Unset = UNSET
    music: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    voiceover: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.saved_template_update_fields_type_0 import SavedTemplateUpdateFieldsType0  # noqa: PLC0415

        fields: dict[str, Any] | None | Unset
        if isinstance(self.fields, Unset):
            fields = UNSET
        elif isinstance(self.fields, SavedTemplateUpdateFieldsType0):
            fields = self.fields.to_dict()
        else:
            fields = self.fields

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, SavedTemplateUpdateLanguageType0):
            language = self.language.value
        else:
            language = self.language

        music: None | str | Unset
        if isinstance(self.music, Unset):
            music = UNSET
        else:
            music = self.music

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        voiceover: bool | None | Unset
        if isinstance(self.voiceover, Unset):
            voiceover = UNSET
        else:
            voiceover = self.voiceover

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if fields is not UNSET:
            field_dict["fields"] = fields
        if language is not UNSET:
            field_dict["language"] = language
        if music is not UNSET:
            field_dict["music"] = music
        if name is not UNSET:
            field_dict["name"] = name
        if voiceover is not UNSET:
            field_dict["voiceover"] = voiceover

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.saved_template_update_fields_type_0 import SavedTemplateUpdateFieldsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_fields(data: object) -> None | SavedTemplateUpdateFieldsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fields_type_0 = SavedTemplateUpdateFieldsType0.from_dict(data)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SavedTemplateUpdateFieldsType0 | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

        def _parse_language(data: object) -> None | SavedTemplateUpdateLanguageType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = SavedTemplateUpdateLanguageType0(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SavedTemplateUpdateLanguageType0 | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_music(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        music = _parse_music(d.pop("music", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_voiceover(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        voiceover = _parse_voiceover(d.pop("voiceover", UNSET))

        saved_template_update = cls(
            fields=fields,
            language=language,
            music=music,
            name=name,
            voiceover=voiceover,
        )

        return saved_template_update
