from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.saved_template_public_language_type_0 import SavedTemplatePublicLanguageType0

if TYPE_CHECKING:
    from ..models.saved_template_public_fields import SavedTemplatePublicFields


T = TypeVar("T", bound="SavedTemplatePublic")


@_attrs_define
class SavedTemplatePublic:
    """
    Attributes:
        base (str): The template it is made from.
        base_name (str):
        created_at (datetime.datetime):
        fields (SavedTemplatePublicFields):
        id (str): The template id its videos record, e.g. my-autumn-sale.
        language (None | SavedTemplatePublicLanguageType0):
        music (None | str):
        name (str):
        updated_at (datetime.datetime):
        version (str): A hash of the base template's version and these settings: ROI tells each version apart.
        voiceover (bool):
    """

    base: str
    base_name: str
    created_at: datetime.datetime
    fields: SavedTemplatePublicFields
    id: str
    language: None | SavedTemplatePublicLanguageType0
    music: None | str
    name: str
    updated_at: datetime.datetime
    version: str
    voiceover: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        base_name = self.base_name

        created_at = self.created_at.isoformat()

        fields = self.fields.to_dict()

        id = self.id

        language: None | str
        if isinstance(self.language, SavedTemplatePublicLanguageType0):
            language = self.language.value
        else:
            language = self.language

        music: None | str
        music = self.music

        name = self.name

        updated_at = self.updated_at.isoformat()

        version = self.version

        voiceover = self.voiceover

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base": base,
                "base_name": base_name,
                "created_at": created_at,
                "fields": fields,
                "id": id,
                "language": language,
                "music": music,
                "name": name,
                "updated_at": updated_at,
                "version": version,
                "voiceover": voiceover,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.saved_template_public_fields import SavedTemplatePublicFields  # noqa: PLC0415

        d = dict(src_dict)
        base = d.pop("base")

        base_name = d.pop("base_name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        fields = SavedTemplatePublicFields.from_dict(d.pop("fields"))

        id = d.pop("id")

        def _parse_language(data: object) -> None | SavedTemplatePublicLanguageType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = SavedTemplatePublicLanguageType0(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SavedTemplatePublicLanguageType0, data)

        language = _parse_language(d.pop("language"))

        def _parse_music(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        music = _parse_music(d.pop("music"))

        name = d.pop("name")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        voiceover = d.pop("voiceover")

        saved_template_public = cls(
            base=base,
            base_name=base_name,
            created_at=created_at,
            fields=fields,
            id=id,
            language=language,
            music=music,
            name=name,
            updated_at=updated_at,
            version=version,
            voiceover=voiceover,
        )

        saved_template_public.additional_properties = d
        return saved_template_public

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
