"""One template, one product, one format → an MP4 (or one still): the only place templates
are rendered.

The template generator plugin (every video a worker makes), a seller's preview, the template
gallery's thumbnails and ``studio render`` all come here, so they agree frame for frame.
The product's photos must already be files on this machine (``studio.product_media``).
A problem with the seller's input (a field, a photo, a format the template does not make)
raises :class:`TemplateInputError` naming it; a failed encode raises ``RenderError``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.product import ProductData
from studio.render.plan import RenderPlan
from studio.templating.fields import FieldProblem
from studio.templating.images import ImageProblem
from studio.templating.merge import MergeError
from studio.templating.registry import Template, TemplateError, TemplateNotFound
from studio.templating.resolve import MusicChoice, resolve
from studio.templating.style import MUSIC_OFF, RenderStyle

Progress = Callable[[float, str], None]


class TemplateInputError(ValueError):
    """The seller's input cannot make this video; the message names the field or photo."""


@dataclass
class TemplateRender:
    path: Path
    duration: float
    width: int
    height: int
    poster: Path | None = None
    notes: list[str] = field(default_factory=list)
    template_id: str = ""
    template_version: str = ""


def with_creative_code(plan: RenderPlan, code: str) -> RenderPlan:
    """Carry the creative code in the MP4's comment tag, so a file that lost its name (a seller
    re-uploaded it to an ads manager) can still be linked back to its video."""
    meta = dict(plan.metadata)
    meta["comment"] = f"creative={code} {meta.get('comment', '')}".strip()
    return dataclasses.replace(plan, metadata=tuple(meta.items()))


def find_template(template_id: str) -> Template:
    from studio.templating import default_registry

    try:
        return default_registry().get(template_id)
    except TemplateNotFound as exc:
        raise TemplateInputError(str(exc).strip("'\"")) from None


def render_template(
    template: Template,
    product: ProductData,
    format_key: str,
    output: Path,
    *,
    work_dir: Path,
    overrides: Mapping[str, Any] | None = None,
    voiceover: bool = True,
    preview: bool = False,
    poster: Path | None = None,
    still_at: float | None = None,
    creative_code: str | None = None,
    progress: Progress | None = None,
    style: RenderStyle | Mapping[str, Any] | None = None,
    template_version: str | None = None,
) -> TemplateRender:
    """Render ``template`` with ``product`` into ``output``.

    ``still_at``: write one JPEG frame at that second instead of a video (a quick preview).
    ``poster``: with a video, also write its poster frame, from the same ffmpeg run.
    ``style``: language, font, brand call to action and music (:class:`RenderStyle`, or its
    JSON from a video's options). ``template_version``: what the video records (a saved
    template's own version); the template's by default.
    """
    from studio.render import render_poster, render_video

    chosen = RenderStyle.from_options(style)
    version = template_version or template.version
    try:
        fields = local_pictures(template, dict(overrides or {}), work_dir)
        video = resolve(template.spec, product, format_key, work_dir=work_dir,
                        template_dir=template.folder, template_version=version,
                        overrides=fields, voiceover=voiceover, style=chosen,
                        texts=template.texts, music=_music(chosen.music))
    except (FieldProblem, ImageProblem, MergeError, TemplateError, ValueError) as exc:
        raise TemplateInputError(str(exc)) from None
    plan = video.plan
    if creative_code:
        plan = with_creative_code(plan, creative_code)
    notes = list(video.notes)
    if still_at is not None:
        at = min(still_at, max(plan.duration - 0.05, 0))
        still = render_poster(plan, output, at=at)
        return TemplateRender(still, plan.duration, plan.output.width, plan.output.height,
                              notes=notes, template_id=template.id,
                              template_version=version)
    rendered = render_video(plan, output, preview=preview, progress=progress, poster=poster)
    return TemplateRender(rendered.path, rendered.duration, rendered.width, rendered.height,
                          poster=poster, notes=notes, template_id=template.id,
                          template_version=version)


def _music(choice: str | None) -> MusicChoice | None:
    """``off``: no music; another built-in template's id: its track; none: the template's."""
    if choice is None:
        return None
    if choice == MUSIC_OFF:
        return (None, None)
    other = find_template(choice)
    if other.spec.music is None:
        return (None, None)
    return (other.folder, other.spec.music)


def local_pictures(template: Template, overrides: dict[str, Any],
                   work_dir: Path) -> dict[str, Any]:
    """A picture field's value that names the media library (``brand/3/logo.png``, a brand
    kit's logo) or a link, made a file on this machine the way product photos are; a file
    that is already here stays as it is."""
    from studio.product_media import is_url, local_media

    for name, value in overrides.items():
        spec = template.spec.fields.get(name)
        if spec is None or spec.type != "image" or not isinstance(value, str):
            continue
        if is_url(value) or not Path(value).is_file():
            try:
                overrides[name] = local_media(value, work_dir / "media")
            except ValueError as exc:  # InvalidInput: which picture, and why
                raise FieldProblem(f"field {name!r}: {exc}") from None
    return overrides
