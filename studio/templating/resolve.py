"""Template + product + format → RenderPlan: every size in pixels, every text a PNG.

All files the plan points at are written into ``work_dir`` under names made from their pixels
(``overlay-3f2a9c0d1e4b.png``); nothing from the product ends up in a path, a filter or a
command.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from studio.product import ProductData
from studio.render.plan import (
    AudioPlan,
    Box,
    ClipLayer,
    KenBurns,
    OutputSpec,
    Overlay,
    PhotoLayer,
    RenderPlan,
    Scene,
    Transition,
)
from studio.templating import graphics, speech
from studio.templating.fields import FieldValues, resolve_fields
from studio.templating.layout import Format, get_format, place
from studio.templating.merge import discount_percent, format_money, render_text
from studio.templating.spec import (
    ButtonLayer,
    ImageLayer,
    Layer,
    MusicSpec,
    PriceBadgeLayer,
    SceneSpec,
    ShapeLayer,
    TemplateSpec,
    TextLayer,
)
from studio.templating.style import Dressing, RenderStyle, dress
from studio.templating.text import TextStyle, clean_text
from studio.templating.text import render_text as rasterize
from studio.templating.words import TemplateTexts, expand_words, load_texts

# another template's music (its folder and spec), or (None, None): no music at all
MusicChoice = tuple[Path | None, MusicSpec | None]


@dataclass
class ResolvedVideo:
    plan: RenderPlan
    template_id: str
    template_version: str
    format: str
    notes: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # overlay file name → its text
    prices: dict[str, str] = field(default_factory=dict)  # price badge overlay → its price
    language: str = "en"  # the language of the template's own words in this video


def _save(image: Image.Image, folder: Path, prefix: str) -> Path:
    """Write ``image`` under a name made of its content: repeated scenes share one file, so it
    is written and decoded once. Names come from the pixels, never from product text."""
    digest = hashlib.sha1(image.mode.encode() + str(image.size).encode() + image.tobytes())
    path = folder / f"{prefix}-{digest.hexdigest()[:12]}.png"
    if not path.exists():
        image.save(path, "PNG", compress_level=1)  # fast to write; decoded once per render
    return path


class _SceneBuilder:
    def __init__(self, template: TemplateSpec, fmt: Format, values: FieldValues,
                 product: ProductData, work_dir: Path, result: ResolvedVideo,
                 dressing: Dressing) -> None:
        self.t, self.fmt, self.values, self.product = template, fmt, values, product
        self.work_dir, self.result, self.dressing = work_dir, result, dressing
        self.extra = dressing.context(template, values.values)

    def context(self, index: int) -> dict[str, Any]:
        return self.values.context(self.product, index=index, format=self.fmt.key,
                                   **self.extra)

    def merge(self, source: str, index: int, where: str) -> str:
        source = expand_words(source, self.dressing.words, where=where)
        return render_text(source, self.context(index), where=where)

    def family(self, own: str = "sans") -> str:
        return self.dressing.font or own

    def color(self, source: str | None, index: int, where: str) -> graphics.RGBA | None:
        if source is None:
            return None
        text = self.merge(source, index, where).strip() if "{" in source else source
        return graphics.parse_color(text, where=where) if text else None

    def build(self, spec: SceneSpec, index: int, where: str) -> Scene:
        fmt = self.fmt
        bg_color = self.color(spec.background.color, index, f"{where}.background.color")
        bg_color2 = self.color(spec.background.color2, index, f"{where}.background.color2")
        bg = graphics.background(fmt.width, fmt.height, bg_color or (16, 16, 16, 255), bg_color2)
        self._painted = bg_color2 is not None  # a plain colour needs no still: ffmpeg makes it
        main: PhotoLayer | ClipLayer | None = None
        if spec.main:
            box = place(spec.main.box, spec.main.box_by_format, "frame", fmt)
            clip = self.values.values.get(spec.main.clip) if spec.main.clip else None
            photo = self.values.image(spec.main.image, index) if spec.main.image else None
            if isinstance(clip, Path):
                main = ClipLayer(video=clip, box=box, fit="cover" if spec.main.fit == "cover"
                                 else "contain_blur")
                if photo is not None and spec.main.fit == "contain_blur":
                    self._blur_into(bg, photo.path, box)
            elif photo is not None:
                kb = spec.main.ken_burns
                baked = spec.main.fit == "contain_blur" and spec.background.blur_main
                main = PhotoLayer(
                    # the blurred backdrop is baked into the scene still once, here
                    image=photo.path, box=box, fit="contain" if baked else spec.main.fit,
                    ken_burns=KenBurns(kb.start_zoom, kb.end_zoom, kb.start_center,
                                       kb.end_center) if kb else None,
                )
                if baked:
                    self._blur_into(bg, photo.path, box)
        bg_path = _save(bg, self.work_dir, "background") if self._painted else None
        overlays = []
        for l_index, layer in enumerate(spec.layers):
            overlay = self.layer(layer, index, f"{where}.layers[{l_index}]")
            if overlay is not None:
                overlays.append(overlay)
        return Scene(duration=spec.duration, background=bg_path,
                     background_color="#{:02x}{:02x}{:02x}".format(*(bg_color or (16, 16, 16))[:3]),
                     main=main, overlays=tuple(overlays))

    def _blur_into(self, bg: Image.Image, photo_path: Path, box: Box) -> None:
        with Image.open(photo_path) as photo:
            bg.paste(graphics.blurred_fill(photo, box.w, box.h), (box.x, box.y))
        self._painted = True

    def layer(self, layer: Layer, index: int, where: str) -> Overlay | None:
        if layer.when and not self.values.filled(layer.when):
            return None
        box = place(layer.box, layer.box_by_format, layer.area, self.fmt)
        self._text: str | None = None
        self._price: str | None = None
        image = self.draw(layer, box, index, where)
        if image is None:
            return None
        bbox = image.getchannel("A").getbbox()
        if bbox is None:
            return None
        path = _save(image.crop(bbox), self.work_dir, "overlay")
        if self._text is not None:
            self.result.texts[path.name] = self._text
        if self._price is not None:
            self.result.prices[path.name] = self._price
        return Overlay(image=path, x=box.x + bbox[0], y=box.y + bbox[1],
                       start=layer.start, end=layer.end, fade_in=layer.fade_in,
                       fade_out=layer.fade_out)

    def draw(self, layer: Layer, box: Box, index: int, where: str) -> Image.Image | None:
        short = self.fmt.short_side
        if isinstance(layer, TextLayer):
            text = clean_text(self.merge(layer.text, index, f"{where}.text"),
                              keep_newlines=layer.whitespace == "keep_newlines")
            if not text:
                return None
            self._text = text
            return text_image(text, layer, box, short, self.color(layer.color, index, where),
                              self.color(layer.stroke, index, where),
                              self.color(layer.background, index, where),
                              family=self.family(layer.font))
        if isinstance(layer, PriceBadgeLayer):
            price = self.values.values.get(layer.price)
            if price is None:
                return None
            compare = self.values.values.get(layer.compare_at) if layer.compare_at else None
            off = discount_percent(price, compare) if layer.show_discount else 0
            locale = self.dressing.language
            compare_text = format_money(compare, locale=locale) \
                if compare is not None and off > 0 else ""
            self._price = format_money(price, locale=locale)
            return graphics.price_badge(
                self._price, compare_text, off, box.w, box.h, shape=layer.shape,
                color=self.color(layer.color, index, where) or (255, 255, 255, 255),
                background=self.color(layer.background, index, where) or (0, 0, 0, 255),
                accent=self.color(layer.accent, index, where) or (255, 235, 59, 255),
                family=self.family())
        if isinstance(layer, ButtonLayer):
            text = clean_text(self.merge(layer.text, index, f"{where}.text"))
            if not text:
                return None
            self._text = text
            return graphics.button(text, box.w, box.h,
                                   self.color(layer.color, index, where) or (255, 255, 255, 255),
                                   self.color(layer.background, index, where) or (0, 0, 0, 255),
                                   family=self.family())
        if isinstance(layer, ShapeLayer):
            return graphics.shape(layer.shape, box.w, box.h,
                                  self.color(layer.color, index, where) or (0, 0, 0, 255),
                                  color2=self.color(layer.color2, index, where),
                                  opacity=layer.opacity, direction=layer.direction)
        if isinstance(layer, ImageLayer):
            checked = self.values.image(layer.image, index)
            if checked is None:
                return None
            with Image.open(checked.path) as photo:
                return graphics.photo_overlay(photo, box.w, box.h, fit=layer.fit,
                                              rounded=layer.rounded,
                                              border=self.color(layer.border, index, where))
        return None


def text_image(text: str, layer: TextLayer, box: Box, short: int, color: Any, stroke: Any,
               plate: Any, *, family: str | None = None) -> Image.Image:
    style = TextStyle(
        size_px=max(8, round(layer.size * short)),
        min_size_px=max(8, round(layer.min_size * short)),
        family=family or layer.font, bold=layer.bold, color=color or (255, 255, 255, 255),
        stroke=stroke, shadow=layer.shadow, align=layer.align, valign=layer.valign,
        max_lines=layer.max_lines, overflow=layer.overflow, line_spacing=layer.line_spacing,
    )
    pad = round(style.size_px * 0.28) if plate else max(2, style.size_px // 16)
    inner_w, inner_h = max(8, box.w - 2 * pad), max(8, box.h - 2 * pad)
    drawn, _block = rasterize(text, style, inner_w, inner_h)
    canvas = Image.new("RGBA", (box.w, box.h), (0, 0, 0, 0))
    bbox = drawn.getchannel("A").getbbox()
    if plate and bbox:
        x0, y0, x1, y1 = bbox
        ImageDraw.Draw(canvas).rounded_rectangle(
            (max(0, x0), max(0, y0), min(box.w - 1, x1 + 2 * pad), min(box.h - 1, y1 + 2 * pad)),
            radius=pad, fill=plate)
    canvas.alpha_composite(drawn, (pad, pad))
    return canvas


def _scenes(template: TemplateSpec) -> list[tuple[SceneSpec, int, str]]:
    out = []
    for s_index, scene in enumerate(template.scenes):
        for copy in range(scene.repeat):
            out.append((scene, copy, f"scenes[{s_index}]"))
    return out


def resolve(
    template: TemplateSpec,
    product: ProductData,
    format_key: str,
    *,
    work_dir: Path,
    template_dir: Path | None = None,
    template_version: str = "",
    overrides: dict[str, Any] | None = None,
    base_dir: Path | None = None,
    voiceover: bool = True,
    style: RenderStyle | None = None,
    texts: TemplateTexts | None = None,
    music: MusicChoice | None = None,
) -> ResolvedVideo:
    """Build the RenderPlan for one video; raises FieldProblem / ImageProblem / MergeError.

    ``style``: the video's language, font and brand call to action (:mod:`.style`);
    ``texts``: the template's own words (default: ``texts.yaml`` in ``template_dir``);
    ``music``: another track (or none) instead of the template's."""
    fmt = get_format(format_key)
    if format_key not in template.formats:
        raise ValueError(f"template {template.id!r} does not support {format_key}; "
                         f"it renders {', '.join(template.formats)}")
    work_dir.mkdir(parents=True, exist_ok=True)
    dressing = dress(template, texts if texts is not None else load_texts(template_dir),
                     product, style)
    values = resolve_fields(template, product, work_dir=work_dir, overrides=overrides,
                            base_dir=base_dir, defaults=dressing.defaults)
    plan_meta = (("comment", f"template={template.id} version={template_version}"),)
    result = ResolvedVideo(RenderPlan(OutputSpec(fmt.width, fmt.height), ()), template.id,
                           template_version, format_key, notes=list(values.notes),
                           language=dressing.language)
    builder = _SceneBuilder(template, fmt, values, product, work_dir, result, dressing)
    scenes, transitions = [], []
    flat = _scenes(template)
    for number, (spec, copy, where) in enumerate(flat):
        scenes.append(builder.build(spec, copy, where))
        if number < len(flat) - 1:
            t = spec.transition or template.transition
            transitions.append(Transition(kind=t.kind, duration=t.duration))
    plan = RenderPlan(OutputSpec(fmt.width, fmt.height), tuple(scenes), tuple(transitions),
                      metadata=plan_meta)
    if music is not None:
        template_dir = music[0]
        template = template.model_copy(update={"music": music[1]})
    audio, captions = _audio(template, builder, plan.duration, work_dir, template_dir,
                             voiceover, result)
    result.plan = RenderPlan(plan.output, plan.scenes, plan.transitions, tuple(captions),
                             audio, plan_meta)
    return result


def _audio(template: TemplateSpec, builder: _SceneBuilder, duration: float, work_dir: Path,
           template_dir: Path | None, voiceover: bool,
           result: ResolvedVideo) -> tuple[AudioPlan, list[Overlay]]:
    music = None
    if template.music and template_dir is not None:
        music = (template_dir / template.music.file).resolve()
        if template_dir.resolve() not in music.parents or not music.is_file():
            raise ValueError(f"music.file {template.music.file!r} must be a file inside the "
                             f"template folder {template_dir}")
    m = template.music
    audio = AudioPlan(music=music, music_volume=m.volume if m else 0.8,
                      music_fade_in=m.fade_in if m else 0.5, music_fade_out=m.fade_out if m else 1)
    vo = template.voiceover
    if not (vo and voiceover):
        return audio, []
    script = clean_text(builder.merge(vo.script, 0, "voiceover.script"))
    if not script:
        return audio, []
    voice = vo.voice or speech.default_voice(script)
    wav = speech.synthesize(script, voice, vo.speed, work_dir / "voiceover.wav")
    spoken = speech.wav_duration(wav)
    room = duration - vo.start - 0.3
    if spoken > room > 1:  # too long for the video: say it faster rather than cut it off
        speed = min(400, int(vo.speed * spoken / room) + 5)
        wav = speech.synthesize(script, voice, speed, work_dir / "voiceover.wav")
        spoken = speech.wav_duration(wav)
        result.notes.append(f"voice-over sped up to {speed} wpm to fit {duration:.1f} s")
    audio = AudioPlan(music=audio.music, music_volume=audio.music_volume,
                      music_fade_in=audio.music_fade_in, music_fade_out=audio.music_fade_out,
                      voiceover=wav, voiceover_start=vo.start, duck_music_under_voice=True)
    if vo.captions is None:
        return audio, []
    cap = vo.captions
    fmt = builder.fmt
    box = place(cap.box, {}, "safe", fmt)
    layer = TextLayer(type="text", text="", size=cap.size, min_size=cap.size * 0.6, max_lines=2,
                      color=cap.color, background=cap.background, stroke="#000000",
                      font=builder.family())
    overlays = []
    phrases = speech.split_phrases(script, cap.max_words)
    for caption in speech.time_captions(phrases, vo.start, spoken):
        if caption.start >= duration:
            break
        image = text_image(caption.text, layer, box, fmt.short_side,
                           graphics.parse_color(cap.color), (0, 0, 0, 255),
                           graphics.parse_color(cap.background) if cap.background else None)
        bbox = image.getchannel("A").getbbox()
        if bbox is None:
            continue
        path = _save(image.crop(bbox), work_dir, "caption")
        result.texts[path.name] = caption.text
        overlays.append(Overlay(image=path, x=box.x + bbox[0], y=box.y + bbox[1],
                                start=caption.start, end=min(caption.end, duration)))
    return audio, overlays
