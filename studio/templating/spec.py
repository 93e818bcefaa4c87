"""The template spec: what a template.yaml may say, as pydantic models with a JSON Schema.

Sizes and positions are relative (0..1) so one spec renders every format; a box may be
overridden per format or orientation (``box_by_format``). Text sizes are fractions of the
frame's short side. Layers name fields (``image: photos``) or hold Jinja merge text
(``text: "{{ title | upper }}"``); they never hold product data themselves.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from studio.templating.field_refs import FIELD_REF, field_reference_problem

FORMATS = ("9:16", "1:1", "16:9", "4:5")
FormatKey = Literal["9:16", "1:1", "16:9", "4:5", "portrait", "square", "landscape"]
FormatName = Literal["9:16", "1:1", "16:9", "4:5"]
FieldType = Literal["text", "money", "image", "image_list", "color", "choice", "clip"]
HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
# product.title, product.images[0], product.attributes.material, product.images
BIND_PATH = re.compile(r"^product(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldSpec(_Strict):
    """A value the seller (or the product) fills in; the UI builds its form from these."""

    type: FieldType
    label: str = ""
    help: str = ""
    bind: str | None = Field(
        default=None, description="product attribute, e.g. product.title or product.images[0]"
    )
    default: Any = None
    required: bool = False
    options: list[str] = Field(default_factory=list, description="allowed values of a choice")
    max_length: int | None = Field(default=None, ge=1)
    min_items: int = Field(default=0, ge=0)

    @field_validator("bind")
    @classmethod
    def _bind(cls, value: str | None) -> str | None:
        if value is not None and not BIND_PATH.match(value):
            raise ValueError(
                f"{value!r} is not a product binding; write e.g. product.title, "
                "product.images[0] or product.attributes.material"
            )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> FieldSpec:
        if self.type == "choice":
            if not self.options:
                raise ValueError("a choice field needs options")
            if self.default is not None and self.default not in self.options:
                raise ValueError(f"default {self.default!r} is not one of options {self.options}")
        if self.type == "color" and self.default is not None:
            _check_color(self.default)
        return self


def _check_color(value: Any) -> str:
    if not isinstance(value, str) or not HEX_COLOR.match(value):
        raise ValueError(f"{value!r} is not a colour; write #RRGGBB or #RRGGBBAA")
    return value


def _color_or_merge(value: str) -> str:
    return value if "{{" in value else _check_color(value)


Color = Annotated[
    str,
    AfterValidator(_color_or_merge),
    Field(description="#RRGGBB or #RRGGBBAA, or a {{ merge }} of a color field"),
]


class RelBox(_Strict):
    """A rectangle as fractions of its area (the frame, or the safe zone for text)."""

    x: float = Field(default=0.0, ge=-1, le=2)
    y: float = Field(default=0.0, ge=-1, le=2)
    w: float = Field(default=1.0, gt=0, le=3)
    h: float = Field(default=1.0, gt=0, le=3)


class KenBurnsSpec(_Strict):
    start_zoom: float = Field(default=1.0, ge=1.0, le=2.0)
    end_zoom: float = Field(default=1.1, ge=1.0, le=2.0)
    start_center: tuple[float, float] = (0.5, 0.5)
    end_center: tuple[float, float] = (0.5, 0.5)


class _Placed(_Strict):
    box: RelBox = Field(default_factory=RelBox)
    box_by_format: dict[FormatKey, RelBox] = Field(default_factory=dict)
    area: Literal["frame", "safe"] = "frame"
    start: float = Field(default=0.0, ge=0)
    end: float | None = Field(default=None, description="seconds into the scene; none = scene end")
    fade_in: float = Field(default=0.0, ge=0)
    fade_out: float = Field(default=0.0, ge=0)
    when: str | None = Field(default=None, description="a field that must be non-empty")


class TextLayer(_Placed):
    type: Literal["text"]
    text: str
    area: Literal["frame", "safe"] = "safe"
    size: float = Field(default=0.06, gt=0, le=0.5, description="fraction of the short side")
    min_size: float = Field(default=0.03, gt=0, le=0.5)
    font: Literal["sans", "serif", "condensed"] = "sans"
    bold: bool = True
    color: Color = "#FFFFFF"
    background: Color | None = Field(default=None, description="a plate behind the text")
    stroke: Color | None = None
    shadow: bool = False
    align: Literal["left", "center", "right"] = "center"
    valign: Literal["top", "middle", "bottom"] = "middle"
    max_lines: int = Field(default=3, ge=1, le=20)
    overflow: Literal["shrink_then_ellipsis", "ellipsis", "shrink"] = "shrink_then_ellipsis"
    whitespace: Literal["collapse", "keep_newlines"] = "collapse"
    line_spacing: float = Field(default=1.2, ge=0.8, le=3)


class PriceBadgeLayer(_Placed):
    type: Literal["price_badge"]
    area: Literal["frame", "safe"] = "safe"
    price: str = Field(description="a money field")
    compare_at: str | None = Field(default=None, description="a money field, struck through")
    show_discount: bool = True
    color: Color = "#FFFFFF"
    background: Color = "#E53935"
    accent: Color = "#FFEB3B"
    shape: Literal["pill", "circle", "tag"] = "pill"


class ButtonLayer(_Placed):
    type: Literal["button"]
    text: str
    area: Literal["frame", "safe"] = "safe"
    color: Color = "#FFFFFF"
    background: Color = "#111111"


class ShapeLayer(_Placed):
    type: Literal["shape"]
    shape: Literal["rect", "rounded_rect", "circle", "gradient"] = "rect"
    color: Color = "#000000"
    color2: Color | None = Field(default=None, description="second colour of a gradient")
    opacity: float = Field(default=1.0, ge=0, le=1)
    direction: Literal["down", "up"] = "down"


class ImageLayer(_Placed):
    """A product photo or logo placed as an overlay (not the scene's main picture)."""

    type: Literal["image", "logo"]
    image: str = Field(description="an image or image_list field, e.g. photos[1]")
    fit: Literal["contain", "cover"] = "contain"
    rounded: float = Field(default=0.0, ge=0, le=0.5)
    border: Color | None = None


Layer = Annotated[
    TextLayer | PriceBadgeLayer | ButtonLayer | ShapeLayer | ImageLayer, Field(discriminator="type")
]


class MainPicture(_Strict):
    """The scene's main picture: a clip field if filled, otherwise a photo."""

    image: str | None = Field(default=None, description="an image field; {index} = scene number")
    clip: str | None = Field(default=None, description="a clip field; when empty, the photo")
    box: RelBox = Field(default_factory=RelBox)
    box_by_format: dict[FormatKey, RelBox] = Field(default_factory=dict)
    fit: Literal["cover", "contain_blur", "contain"] = "contain_blur"
    ken_burns: KenBurnsSpec | None = None

    @model_validator(mode="after")
    def _something(self) -> MainPicture:
        if not self.image and not self.clip:
            raise ValueError("main needs an image field, a clip field, or both")
        return self


class Background(_Strict):
    color: Color = "#101010"
    color2: Color | None = Field(default=None, description="bottom colour of a gradient")
    blur_main: bool = Field(default=True, description="blurred photo behind contain-fitted main")


class TransitionSpec(_Strict):
    kind: Literal["cut", "fade", "slideleft", "slideright", "slideup", "wipeleft", "wiperight"]
    duration: float = Field(default=0.5, ge=0, le=2)


class SceneSpec(_Strict):
    name: str = ""
    duration: float = Field(gt=0, le=60)
    repeat: int = Field(default=1, ge=1, le=12, description="copies; {index} counts them")
    background: Background = Field(default_factory=Background)
    main: MainPicture | None = None
    layers: list[Layer] = Field(default_factory=list)
    transition: TransitionSpec | None = Field(
        default=None, description="into the next scene; none = the template's default"
    )


class MusicSpec(_Strict):
    file: str = Field(description="audio file in the template folder")
    license: str = ""
    volume: float = Field(default=0.7, ge=0, le=2)
    fade_in: float = Field(default=0.5, ge=0)
    fade_out: float = Field(default=1.0, ge=0)


class CaptionStyle(_Strict):
    box: RelBox = Field(default_factory=lambda: RelBox(x=0.0, y=0.62, w=1.0, h=0.2))
    size: float = Field(default=0.065, gt=0, le=0.3)
    color: Color = "#FFFFFF"
    background: Color | None = "#000000B0"
    max_words: int = Field(default=4, ge=1, le=12)


class VoiceOverSpec(_Strict):
    script: str = Field(description="Jinja merge text spoken by the TTS voice")
    start: float = Field(default=0.3, ge=0)
    voice: str | None = Field(default=None, description="espeak-ng voice; none = by language")
    speed: int = Field(default=165, ge=80, le=400, description="words per minute")
    captions: CaptionStyle | None = None


def _all_formats() -> list[FormatName]:
    return ["9:16", "1:1", "16:9", "4:5"]


class TemplateSpec(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]{1,40}$")
    name: str
    description: str = ""
    style: str = Field(default="", description="one phrase a seller can pick by")
    tags: list[str] = Field(default_factory=list)
    formats: list[FormatName] = Field(default_factory=_all_formats)
    fields: dict[str, FieldSpec]
    scenes: list[SceneSpec] = Field(min_length=1)
    transition: TransitionSpec = Field(default_factory=lambda: TransitionSpec(kind="fade"))
    music: MusicSpec | None = None
    voiceover: VoiceOverSpec | None = None

    @field_validator("fields")
    @classmethod
    def _field_names(cls, value: dict[str, FieldSpec]) -> dict[str, FieldSpec]:
        for name in value:
            if not re.match(r"^[a-z][a-z0-9_]*$", name):
                raise ValueError(f"field name {name!r}: use lower_snake_case")
        return value

    @model_validator(mode="after")
    def _references(self) -> TemplateSpec:
        for s_index, scene in enumerate(self.scenes):
            where = f"scenes[{s_index}]"
            if scene.main:
                if scene.main.image:
                    self._ref(scene.main.image, {"image", "image_list"}, f"{where}.main.image")
                if scene.main.clip:
                    self._ref(scene.main.clip, {"clip"}, f"{where}.main.clip")
            for l_index, layer in enumerate(scene.layers):
                lw = f"{where}.layers[{l_index}]"
                if isinstance(layer, PriceBadgeLayer):
                    self._ref(layer.price, {"money"}, f"{lw}.price")
                    if layer.compare_at:
                        self._ref(layer.compare_at, {"money"}, f"{lw}.compare_at")
                if isinstance(layer, ImageLayer):
                    self._ref(layer.image, {"image", "image_list"}, f"{lw}.image")
                if layer.when:
                    self._ref(layer.when, set(), f"{lw}.when")
        return self

    def _ref(self, ref: str, types: set[str], where: str) -> None:
        match = FIELD_REF.match(ref.replace("{index}", "0"))
        if not match or match.group(1) not in self.fields:
            raise ValueError(f"{where}: {field_reference_problem(ref, self.fields)}")
        kind = self.fields[match.group(1)].type
        if types and kind not in types:
            raise ValueError(f"{where}: field {match.group(1)!r} is {kind}, need {sorted(types)}")

    @property
    def duration(self) -> float:
        """Nominal length in seconds (scene lengths minus transition overlaps)."""
        scenes: list[SceneSpec] = [s for s in self.scenes for _ in range(s.repeat)]
        total = sum(s.duration for s in scenes)
        for scene in scenes[:-1]:
            t = scene.transition or self.transition
            if t.kind != "cut":
                total -= t.duration
        return round(total, 3)


def template_json_schema() -> dict[str, Any]:
    """The published JSON Schema of template.yaml (draft 2020-12, as pydantic writes it)."""
    schema = TemplateSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://studio.local/schemas/template.json"
    return schema


def template_json_schema_text() -> str:
    return json.dumps(template_json_schema(), indent=2, sort_keys=True)
