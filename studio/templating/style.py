"""How a seller's brand and choices dress a template, beyond its fields.

Field values (texts, colours, the logo) are ``overrides``; what is not a field travels in a
:class:`RenderStyle`: the video's language, the brand's font, the call to action in each
language, the music. It is plain JSON in a video's options (``options["style"]``), so the
worker renders exactly what was asked when the video was submitted, whatever changed since.

:func:`brand_overrides` is the one rule for which template field takes which brand value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from studio.product import ProductData
from studio.templating.fonts import FAMILIES
from studio.templating.spec import TemplateSpec
from studio.templating.words import (
    LANGUAGES,
    TemplateTexts,
    normalize_language,
    video_language,
)

MUSIC_OFF = "off"


@dataclass(frozen=True)
class RenderStyle:
    language: str | None = None  # asked for: en | zh; None: the product's
    default_language: str | None = None  # the brand kit's, below the product's own
    font: str | None = None  # one of fonts.FAMILIES; None: each layer's own
    call_to_action: Mapping[str, str] = field(default_factory=dict)  # language → text
    music: str | None = None  # None: the template's; "off"; a built-in template's id

    @classmethod
    def from_options(cls, data: Any) -> RenderStyle:
        """From a video's options (JSON); anything unknown or malformed is ignored."""
        if isinstance(data, RenderStyle):
            return data
        if not isinstance(data, Mapping):
            return cls()
        font = data.get("font")
        cta = data.get("call_to_action")
        music = data.get("music")
        return cls(
            language=normalize_language(data.get("language")),
            default_language=normalize_language(data.get("default_language")),
            font=font if font in FAMILIES else None,
            call_to_action={k: v for k, v in cta.items()
                            if k in LANGUAGES and isinstance(v, str) and v.strip()}
            if isinstance(cta, Mapping) else {},
            music=music if isinstance(music, str) and music else None,
        )

    def as_options(self) -> dict[str, Any]:
        """The JSON kept in a video's options: only what is set."""
        data: dict[str, Any] = {
            "language": self.language, "default_language": self.default_language,
            "font": self.font, "music": self.music,
            "call_to_action": dict(sorted(self.call_to_action.items())) or None,
        }
        return {k: v for k, v in data.items() if v}

    def __bool__(self) -> bool:
        return bool(self.as_options())


@dataclass(frozen=True)
class Brand:
    """A workspace's brand kit, as the templates see it."""

    logo: str | None = None  # a media-library path
    primary_color: str | None = None
    secondary_color: str | None = None
    font: str | None = None
    call_to_action: Mapping[str, str] = field(default_factory=dict)
    language: str | None = None


# template field ← brand value, for a field of that name and type
BRAND_FIELDS = {
    "logo": ("image", "logo"),
    "accent": ("color", "primary_color"),
    "accent_2": ("color", "secondary_color"),
}


def brand_overrides(spec: TemplateSpec, brand: Brand) -> dict[str, Any]:
    """The brand kit's values for the fields this template has (logo, accent, accent_2).

    The call to action is not among them: it depends on the video's language, known only when
    the product is (:class:`RenderStyle` carries it)."""
    found: dict[str, Any] = {}
    for name, (kind, attribute) in BRAND_FIELDS.items():
        value = getattr(brand, attribute)
        spec_field = spec.fields.get(name)
        if value and spec_field is not None and spec_field.type == kind:
            found[name] = value
    return found


def brand_style(brand: Brand) -> RenderStyle:
    return RenderStyle(default_language=brand.language, font=brand.font,
                       call_to_action=dict(brand.call_to_action))


@dataclass(frozen=True)
class Dressing:
    """One video's language and what follows from it, worked out once per video."""

    language: str
    words: dict[str, str]  # the template's own words in that language
    defaults: dict[str, Any]  # field defaults in that language (the brand's CTA first)
    font: str | None
    texts: TemplateTexts

    def context(self, spec: TemplateSpec, values: Mapping[str, Any]) -> dict[str, Any]:
        """What merge texts see besides the fields: ``language``, ``words``, and each choice
        as it reads in that language."""
        extra: dict[str, Any] = {"language": self.language, "words": self.words}
        for name, spec_field in spec.fields.items():
            if spec_field.type == "choice" and values.get(name) is not None:
                extra[name] = self.texts.choice_text(name, values[name], self.language)
        return extra


def dress(spec: TemplateSpec, texts: TemplateTexts, product: ProductData,
          style: RenderStyle | None) -> Dressing:
    style = style or RenderStyle()
    language = video_language(product, style.language, style.default_language)
    defaults: dict[str, Any] = {}
    for name, spec_field in spec.fields.items():
        if spec_field.type in ("text", "choice"):
            own = texts.default_for(name, language)
            if own is not None:
                defaults[name] = own
    cta = style.call_to_action.get(language)  # only in the video's own language
    if cta and "cta" in spec.fields and spec.fields["cta"].type == "text":
        defaults["cta"] = cta
    return Dressing(language, texts.words_for(language), defaults, style.font, texts)
