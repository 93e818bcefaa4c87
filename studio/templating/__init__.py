"""Templates: declarative specs resolved with a product and a format into a RenderPlan.

Public API::

    from studio.templating import default_registry, resolve, template_json_schema

    template = default_registry().get("showcase")
    video = resolve(template.spec, product, "9:16", work_dir=tmp,
                    template_dir=template.folder, template_version=template.version)
    studio.render.render_video(video.plan, out_path)

See templates/README.md for the spec, the built-in templates and the safe zones.
"""

from studio.templating.fields import FieldProblem
from studio.templating.images import CheckedImage, ImageProblem, prepare_image, set_fetcher
from studio.templating.layout import FORMATS, Format, get_format
from studio.templating.merge import MergeError, discount_percent, format_money
from studio.templating.registry import (
    BUILTIN_DIR,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateRegistry,
    default_registry,
    load_template,
)
from studio.templating.resolve import ResolvedVideo, resolve
from studio.templating.spec import TemplateSpec, template_json_schema, template_json_schema_text
from studio.templating.speech import set_synthesizer
from studio.templating.style import Brand, RenderStyle, brand_overrides
from studio.templating.words import LANGUAGES, TemplateTexts, detect_language, video_language

__all__ = [
    "BUILTIN_DIR",
    "FORMATS",
    "LANGUAGES",
    "Brand",
    "RenderStyle",
    "TemplateTexts",
    "brand_overrides",
    "detect_language",
    "video_language",
    "CheckedImage",
    "FieldProblem",
    "Format",
    "ImageProblem",
    "MergeError",
    "ResolvedVideo",
    "Template",
    "TemplateError",
    "TemplateNotFound",
    "TemplateRegistry",
    "TemplateSpec",
    "default_registry",
    "discount_percent",
    "format_money",
    "get_format",
    "load_template",
    "prepare_image",
    "resolve",
    "resolve_template",
    "set_fetcher",
    "set_synthesizer",
    "template_json_schema",
    "template_json_schema_text",
]


def resolve_template(template: Template, product, format_key, *, work_dir, **kwargs):  # type: ignore[no-untyped-def]
    """resolve() for a registry Template (folder and version filled in)."""
    kwargs.setdefault("texts", template.texts)
    return resolve(template.spec, product, format_key, work_dir=work_dir,
                   template_dir=template.folder, template_version=template.version, **kwargs)
