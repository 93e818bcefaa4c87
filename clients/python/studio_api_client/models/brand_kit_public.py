from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.brand_kit_public_font_type_0 import BrandKitPublicFontType0
from ..models.brand_kit_public_language_type_0 import BrandKitPublicLanguageType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.brand_kit_public_call_to_action import BrandKitPublicCallToAction
    from ..models.brand_kit_public_fonts import BrandKitPublicFonts


T = TypeVar("T", bound="BrandKitPublic")


@_attrs_define
class BrandKitPublic:
    """What every video of this workspace wears unless a (saved) template says otherwise.

    Attributes:
        currency (str): The store currency: products imported without one are priced in it.
        has_logo (bool): A logo is set; fetch it from `logo_url`.
        call_to_action (BrandKitPublicCallToAction | Unset): Language (en, zh) -> the default call to action of videos
            in that language.
        font (BrandKitPublicFontType0 | None | Unset): One of `fonts`; none: each template's own.
        fonts (BrandKitPublicFonts | Unset): The bundled fonts.
        language (BrandKitPublicLanguageType0 | None | Unset): Language of the videos' own words when the product does
            not say; none: from the product's title (Chinese characters -> zh).
        logo_url (None | str | Unset):
        primary_color (None | str | Unset): Goes to each template's accent colour.
        secondary_color (None | str | Unset): Goes to the second colour of the templates that have one.
    """

    currency: str
    has_logo: bool
    call_to_action: BrandKitPublicCallToAction | Unset = UNSET
    font: BrandKitPublicFontType0 | None | Unset = UNSET
    fonts: BrandKitPublicFonts | Unset = UNSET
    language: BrandKitPublicLanguageType0 | None | Unset = UNSET
    logo_url: None | str | Unset = UNSET
    primary_color: None | str | Unset = UNSET
    secondary_color: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        has_logo = self.has_logo

        call_to_action: dict[str, Any] | Unset = UNSET
        if not isinstance(self.call_to_action, Unset):
            call_to_action = self.call_to_action.to_dict()

        font: None | str | Unset
        if isinstance(self.font, Unset):
            font = UNSET
        elif isinstance(self.font, BrandKitPublicFontType0):
            font = self.font.value
        else:
            font = self.font

        fonts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fonts, Unset):
            fonts = self.fonts.to_dict()

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, BrandKitPublicLanguageType0):
            language = self.language.value
        else:
            language = self.language

        logo_url: None | str | Unset
        if isinstance(self.logo_url, Unset):
            logo_url = UNSET
        else:
            logo_url = self.logo_url

        primary_color: None | str | Unset
        if isinstance(self.primary_color, Unset):
            primary_color = UNSET
        else:
            primary_color = self.primary_color

        secondary_color: None | str | Unset
        if isinstance(self.secondary_color, Unset):
            secondary_color = UNSET
        else:
            secondary_color = self.secondary_color

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "has_logo": has_logo,
            }
        )
        if call_to_action is not UNSET:
            field_dict["call_to_action"] = call_to_action
        if font is not UNSET:
            field_dict["font"] = font
        if fonts is not UNSET:
            field_dict["fonts"] = fonts
        if language is not UNSET:
            field_dict["language"] = language
        if logo_url is not UNSET:
            field_dict["logo_url"] = logo_url
        if primary_color is not UNSET:
            field_dict["primary_color"] = primary_color
        if secondary_color is not UNSET:
            field_dict["secondary_color"] = secondary_color

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.brand_kit_public_call_to_action import BrandKitPublicCallToAction  # noqa: PLC0415
        from ..models.brand_kit_public_fonts import BrandKitPublicFonts  # noqa: PLC0415

        d = dict(src_dict)
        currency = d.pop("currency")

        has_logo = d.pop("has_logo")

        _call_to_action = d.pop("call_to_action", UNSET)
        call_to_action: BrandKitPublicCallToAction | Unset
        if isinstance(_call_to_action, Unset):
            call_to_action = UNSET
        else:
            call_to_action = BrandKitPublicCallToAction.from_dict(_call_to_action)

        def _parse_font(data: object) -> BrandKitPublicFontType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                font_type_0 = BrandKitPublicFontType0(data)

                return font_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BrandKitPublicFontType0 | None | Unset, data)

        font = _parse_font(d.pop("font", UNSET))

        _fonts = d.pop("fonts", UNSET)
        fonts: BrandKitPublicFonts | Unset
        if isinstance(_fonts, Unset):
            fonts = UNSET
        else:
            fonts = BrandKitPublicFonts.from_dict(_fonts)

        def _parse_language(data: object) -> BrandKitPublicLanguageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = BrandKitPublicLanguageType0(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BrandKitPublicLanguageType0 | None | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_logo_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        logo_url = _parse_logo_url(d.pop("logo_url", UNSET))

        def _parse_primary_color(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        primary_color = _parse_primary_color(d.pop("primary_color", UNSET))

        def _parse_secondary_color(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secondary_color = _parse_secondary_color(d.pop("secondary_color", UNSET))

        brand_kit_public = cls(
            currency=currency,
            has_logo=has_logo,
            call_to_action=call_to_action,
            font=font,
            fonts=fonts,
            language=language,
            logo_url=logo_url,
            primary_color=primary_color,
            secondary_color=secondary_color,
        )

        brand_kit_public.additional_properties = d
        return brand_kit_public

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
