from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.saved_template_create_language_type_0 import SavedTemplateCreateLanguageType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.saved_template_create_fields import SavedTemplateCreateFields


T = TypeVar("T", bound="SavedTemplateCreate")


@_attrs_define
class SavedTemplateCreate:
    """A template with your settings, under a name of your own.

    Attributes:
        base (str): The template it is made from.
        name (str):
        fields (SavedTemplateCreateFields | Unset): Field values (texts, colours, logo).
        language (None | SavedTemplateCreateLanguageType0 | Unset): Language of the template's own words; none: the
            product's.
        music (None | str | Unset): None: the template's own; 'off': none; or the id of a built-in template whose music
            to use.
        voiceover (bool | Unset): Off: no spoken voice-over (and no captions). Default: True.
    """

    base: str
    name: str
    fields: SavedTemplateCreateFields | Unset = UNSET
    language: None | SavedTemplateCreateLanguageType0 | Unset = UNSET
    music: None | str | Unset = UNSET
    voiceover: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        name = self.name

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, SavedTemplateCreateLanguageType0):
            language = self.language.value
        else:
            language = self.language

        music: None | str | Unset
        if isinstance(self.music, Unset):
            music = UNSET
        else:
            music = self.music

        voiceover = self.voiceover

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "base": base,
                "name": name,
            }
        )
        if fields is not UNSET:
            field_dict["fields"] = fields
        if language is not UNSET:
            field_dict["language"] = language
        if music is not UNSET:
            field_dict["music"] = music
        if voiceover is not UNSET:
            field_dict["voiceover"] = voiceover

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.saved_template_create_fields import SavedTemplateCreateFields  # noqa: PLC0415

        d = dict(src_dict)
        base = d.pop("base")

        name = d.pop("name")

        _fields = d.pop("fields", UNSET)
        fields: SavedTemplateCreateFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = SavedTemplateCreateFields.from_dict(_fields)

        def _parse_language(data: object) -> None | SavedTemplateCreateLanguageType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = SavedTemplateCreateLanguageType0(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SavedTemplateCreateLanguageType0 | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_music(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        music = _parse_music(d.pop("music", UNSET))

        voiceover = d.pop("voiceover", UNSET)

        saved_template_create = cls(
            base=base,
            name=name,
            fields=fields,
            language=language,
            music=music,
            voiceover=voiceover,
        )

        return saved_template_create
