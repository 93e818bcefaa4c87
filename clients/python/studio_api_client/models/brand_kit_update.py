from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.brand_kit_update_font_type_0 import BrandKitUpdateFontType0
from ..models.brand_kit_update_language_type_0 import BrandKitUpdateLanguageType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.brand_kit_update_call_to_action_type_0 import BrandKitUpdateCallToActionType0


T = TypeVar("T", bound="BrandKitUpdate")


@_attrs_define
class BrandKitUpdate:
    """Only the fields sent change; `null` clears one.

    Attributes:
        call_to_action (BrandKitUpdateCallToActionType0 | None | Unset):
        currency (None | str | Unset):
        font (BrandKitUpdateFontType0 | None | Unset):
        language (BrandKitUpdateLanguageType0 | None | Unset):
        primary_color (None | str | Unset):
        secondary_color (None | str | Unset):
    """

    call_to_action: BrandKitUpdateCallToActionType0 | None | Unset = UNSET
    currency: None | str | Unset = UNSET
    font: BrandKitUpdateFontType0 | None | Unset = UNSET
    language: BrandKitUpdateLanguageType0 | None | Unset = UNSET
    primary_color: None | str | Unset = UNSET
    secondary_color: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.brand_kit_update_call_to_action_type_0 import BrandKitUpdateCallToActionType0  # noqa: PLC0415

        call_to_action: dict[str, Any] | None | Unset
        if isinstance(self.call_to_action, Unset):
            call_to_action = UNSET
        elif isinstance(self.call_to_action, BrandKitUpdateCallToActionType0):
            call_to_action = self.call_to_action.to_dict()
        else:
            call_to_action = self.call_to_action

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        font: None | str | Unset
        if isinstance(self.font, Unset):
            font = UNSET
        elif isinstance(self.font, BrandKitUpdateFontType0):
            font = self.font.value
        else:
            font = self.font

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, BrandKitUpdateLanguageType0):
            language = self.language.value
        else:
            language = self.language

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

        field_dict.update({})
        if call_to_action is not UNSET:
            field_dict["call_to_action"] = call_to_action
        if currency is not UNSET:
            field_dict["currency"] = currency
        if font is not UNSET:
            field_dict["font"] = font
        if language is not UNSET:
            field_dict["language"] = language
        if primary_color is not UNSET:
            field_dict["primary_color"] = primary_color
        if secondary_color is not UNSET:
            field_dict["secondary_color"] = secondary_color

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.brand_kit_update_call_to_action_type_0 import BrandKitUpdateCallToActionType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_call_to_action(data: object) -> BrandKitUpdateCallToActionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                call_to_action_type_0 = BrandKitUpdateCallToActionType0.from_dict(data)

                return call_to_action_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BrandKitUpdateCallToActionType0 | None | Unset, data)

        call_to_action = _parse_call_to_action(d.pop("call_to_action", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_font(data: object) -> BrandKitUpdateFontType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                font_type_0 = BrandKitUpdateFontType0(data)

                return font_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BrandKitUpdateFontType0 | None | Unset, data)

        font = _parse_font(d.pop("font", UNSET))

        def _parse_language(data: object) -> BrandKitUpdateLanguageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = BrandKitUpdateLanguageType0(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BrandKitUpdateLanguageType0 | None | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

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

        brand_kit_update = cls(
            call_to_action=call_to_action,
            currency=currency,
            font=font,
            language=language,
            primary_color=primary_color,
            secondary_color=secondary_color,
        )

        return brand_kit_update
