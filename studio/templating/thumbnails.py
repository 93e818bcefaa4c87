"""Preview thumbnails: a template rendered on a sample product from media/samples."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from studio.product import ProductData
from studio.templating.registry import Template

SAMPLES = Path(__file__).resolve().parents[2] / "media" / "samples"
THUMB_WIDTH = 360
# the studio's own product the gallery shows every template with: its photos are known good,
# so a seller's product with a broken photo never breaks the gallery
SAMPLE_PRODUCT = "bamboo-desk-organizer"


def load_product_file(path: Path) -> tuple[ProductData, Path]:
    """A product.json (the API's product shape); images relative to the file's folder."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read product JSON: {exc}") from None
    return ProductData.model_validate(data), path.parent.resolve()


def sample_product(handle: str = SAMPLE_PRODUCT) -> tuple[ProductData, Path]:
    return load_product_file(SAMPLES / "products" / f"{handle}.json")


def thumbnail_time(template: Template) -> float:
    """Late in the first scene, before its transition starts: everything is on screen."""
    first = template.spec.scenes[0]
    transition = first.transition or template.spec.transition
    overlap = transition.duration if transition.kind != "cut" else 0.0
    return max(0.5, min(4.5, first.duration - overlap - 0.2))


def make_thumbnail(template: Template, *, handle: str = SAMPLE_PRODUCT,
                   at: float | None = None) -> Path:
    """The gallery picture of a template: the renderer's own frame, made smaller."""
    from studio.product_media import with_local_photos
    from studio.templating.rendering import render_template

    at = thumbnail_time(template) if at is None else at
    product, base = sample_product(handle)
    target = template.folder / "thumbnail.jpg"
    with tempfile.TemporaryDirectory() as tmp:
        local = with_local_photos(product, Path(tmp) / "photos", base_dir=base)
        made = render_template(template, local, "9:16", Path(tmp) / "frame.jpg",
                               work_dir=Path(tmp) / "work", still_at=at, voiceover=False)
        _shrink(made.path, target)
    return target


def gallery_poster(template: Template, product: ProductData, format_key: str, folder: Path,
                   *, at: float, overrides: Mapping[str, Any] | None = None,
                   style: Mapping[str, Any] | None = None) -> Path:
    """The gallery card's still of a template (``product``'s photos already local): the
    renderer's own frame at ``at`` seconds, made small."""
    from studio.templating.rendering import render_template

    folder.mkdir(parents=True, exist_ok=True)
    made = render_template(template, product, format_key, folder / "frame.jpg",
                           work_dir=folder / "work", still_at=at, voiceover=False,
                           overrides=overrides, style=style)
    return _shrink(made.path, folder / "poster.jpg")


def _shrink(frame_path: Path, target: Path) -> Path:
    from PIL import Image

    with Image.open(frame_path) as frame:
        height = round(frame.height * THUMB_WIDTH / frame.width)
        frame.convert("RGB").resize((THUMB_WIDTH, height), Image.Resampling.LANCZOS).save(
            target, "JPEG", quality=85)
    return target
