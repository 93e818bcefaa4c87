"""The ``template`` video generator: the studio's default, local, no API key.

``generate(request, progress)`` loads ``request.template_id``, resolves it with the product and
format into a RenderPlan inside a temporary work folder, and renders it with the local
renderer (one ffmpeg process). Options the request may carry:

- ``fields`` (or ``overrides``): seller values of template fields (``{"cta": "Buy today"}``)
- ``clips``: paths of AI clips made by an earlier step; they fill the template's clip fields
  in order (a template without clip fields ignores them)
- ``voiceover``: False to skip text-to-speech
- ``style``: the video's language, the brand's font and call to action, the music
  (:class:`studio.templating.RenderStyle`); ``base_template`` and ``template_version``: a
  saved template's base and its own version. The studio writes these when the video is
  asked for (``studio.services.template_settings``), so nothing here reads the database.

The product's photos arrive as local files (the studio fetched them): nothing here knows
where media lives.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from studio import hookimpl
from studio.contracts import (
    GenerationRequest,
    GenerationResult,
    GeneratorCapabilities,
    PluginError,
    ProgressCallback,
)

# the template engine and renderer are imported when a video is made, not when the studio
# lists its plugins (numpy, OpenCV, fonts: a tenth of a second it need not pay)
BUILTIN_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

DEFAULT_TEMPLATE = "showcase"


class TemplateGenerator:
    name = "template"
    version = "1.0"

    def capabilities(self) -> GeneratorCapabilities:
        from studio.templating import default_registry

        durations = sorted({t.spec.duration for t in default_registry().list()}) or [15.0]
        return GeneratorCapabilities(
            text_to_video=False,
            image_to_video=True,
            durations=durations,
            aspect_ratios=["9:16", "1:1", "16:9", "4:5"],
            resolutions=["1080x1920", "1080x1080", "1920x1080", "1080x1350"],
            price_per_second=Decimal("0"),
            max_concurrency=2,
            notes="Local renderer: declarative templates, ffmpeg on this machine, no API key. "
            "The duration is the template's.",
        )

    def generate(self, request: GenerationRequest, progress: ProgressCallback) -> GenerationResult:
        if request.product is None:
            raise PluginError("the template generator needs a product (title, price, images)")
        from studio.render import RenderError
        from studio.templating.rendering import (
            TemplateInputError,
            find_template,
            render_template,
        )

        options: dict[str, Any] = dict(request.options)
        try:
            template = find_template(options.get("base_template") or request.template_id
                                     or DEFAULT_TEMPLATE)
        except TemplateInputError as exc:
            raise PluginError(str(exc)) from None
        progress(0.0, f"preparing {template.spec.name}")
        overrides = dict(options.get("fields") or options.get("overrides") or {})
        clip_fields = [n for n, f in template.spec.fields.items() if f.type == "clip"]
        for name, clip in zip(clip_fields, options.get("clips") or [], strict=False):
            overrides.setdefault(name, str(clip))
        poster = Path(request.output_path).with_suffix(".jpg")
        with tempfile.TemporaryDirectory(prefix="studio-template-",
                                         dir=request.scratch_dir) as tmp:
            try:
                # the poster comes out of the same ffmpeg run: no second decode of the video
                rendered = render_template(
                    template, request.product, request.aspect_ratio, request.output_path,
                    work_dir=Path(tmp), overrides=overrides,
                    voiceover=bool(options.get("voiceover", True)), preview=request.preview,
                    poster=poster, creative_code=options.get("creative_code") or None,
                    progress=_scaled(progress, 0.1, 1.0), style=options.get("style"),
                    template_version=options.get("template_version") or None,
                )
            except TemplateInputError as exc:
                raise PluginError(str(exc)) from None
            except RenderError as exc:
                raise PluginError(f"render failed: {exc}", transient=False) from None
        progress(1.0, "done")
        return GenerationResult(
            path=rendered.path,
            duration=rendered.duration,
            width=rendered.width,
            height=rendered.height,
            cost=Decimal("0"),
            metadata={
                "template_id": request.template_id or template.id,
                "template_version": rendered.template_version,
                "format": request.aspect_ratio,
                "notes": rendered.notes,
                "poster": str(poster),
            },
        )


def _scaled(progress: ProgressCallback, start: float, end: float) -> Callable[[float, str], None]:
    def report(fraction: float, message: str) -> None:
        progress(start + (end - start) * max(0.0, min(1.0, fraction)), message)

    return report


@hookimpl
def register_generators(register: Callable[[Any], None]) -> None:
    register(TemplateGenerator())


@hookimpl
def register_templates(register: Callable[[Any], None]) -> None:
    for spec in sorted(BUILTIN_TEMPLATES.glob("*/template.yaml")):
        register(spec.parent)
