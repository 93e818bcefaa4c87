"""A workspace's brand kit and the templates a seller saved under names of their own."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Language = Literal["en", "zh"]
FontName = Literal["sans", "serif", "condensed"]
COLOR = r"^#[0-9A-Fa-f]{6}$"


def _calls_to_action(value: dict[str, str] | None) -> dict[str, str] | None:
    if value is None:
        return None
    unknown = sorted(set(value) - {"en", "zh"})
    if unknown:
        raise ValueError(f"languages {', '.join(unknown)}: use en and zh")
    return {k: v.strip() for k, v in value.items() if v and v.strip()}


class BrandKitPublic(BaseModel):
    """What every video of this workspace wears unless a (saved) template says otherwise."""

    has_logo: bool = Field(description="A logo is set; fetch it from `logo_url`.")
    logo_url: str | None = None
    primary_color: str | None = Field(None, description="Goes to each template's accent "
                                      "colour.")
    secondary_color: str | None = Field(None, description="Goes to the second colour of the "
                                        "templates that have one.")
    font: FontName | None = Field(None, description="One of `fonts`; none: each template's "
                                  "own.")
    call_to_action: dict[str, str] = Field(
        default_factory=dict, description="Language (en, zh) -> the default call to action "
        "of videos in that language.")
    language: Language | None = Field(None, description="Language of the videos' own words "
                                      "when the product does not say; none: from the "
                                      "product's title (Chinese characters -> zh).")
    currency: str = Field(description="The store currency: products imported without one "
                          "are priced in it.")
    fonts: dict[str, str] = Field(default_factory=dict, description="The bundled fonts.")


class BrandKitUpdate(BaseModel):
    """Only the fields sent change; `null` clears one."""

    model_config = ConfigDict(extra="forbid")

    primary_color: str | None = Field(None, pattern=COLOR)
    secondary_color: str | None = Field(None, pattern=COLOR)
    font: FontName | None = None
    call_to_action: dict[str, str] | None = Field(None, max_length=2)
    language: Language | None = None
    currency: str | None = Field(None, pattern=r"^[A-Za-z]{3}$")

    @field_validator("call_to_action")
    @classmethod
    def _cta(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        value = _calls_to_action(value)
        if value and any(len(v) > 60 for v in value.values()):
            raise ValueError("a call to action is at most 60 characters")
        return value


class SavedTemplateCreate(BaseModel):
    """A template with your settings, under a name of your own."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=80)
    base: str = Field(min_length=1, max_length=100, description="The template it is made from.")
    fields: dict[str, Any] = Field(default_factory=dict, max_length=50,
                                   description="Field values (texts, colours, logo).")
    voiceover: bool = Field(True, description="Off: no spoken voice-over (and no captions).")
    language: Language | None = Field(None, description="Language of the template's own "
                                      "words; none: the product's.")
    music: str | None = Field(None, max_length=100, description="None: the template's own; "
                              "'off': none; or the id of a built-in template whose music "
                              "to use.")


class SavedTemplateUpdate(BaseModel):
    """Only the fields sent change (the id stays, so results keep adding up)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=80)
    fields: dict[str, Any] | None = Field(None, max_length=50)
    voiceover: bool | None = None
    language: Language | None = None
    music: str | None = Field(None, max_length=100)


class SavedTemplatePublic(BaseModel):
    id: str = Field(description="The template id its videos record, e.g. my-autumn-sale.")
    name: str
    base: str = Field(description="The template it is made from.")
    base_name: str
    version: str = Field(description="A hash of the base template's version and these "
                         "settings: ROI tells each version apart.")
    fields: dict[str, Any]
    voiceover: bool
    language: Language | None
    music: str | None
    created_at: datetime
    updated_at: datetime


class SavedTemplatesPublic(BaseModel):
    data: list[SavedTemplatePublic]
    count: int
