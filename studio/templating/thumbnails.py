"""Preview thumbnails: a template rendered on a sample product from media/samples."""

from __future__ import annotations

import importlib
import json
import subprocess
import tempfile
from pathlib import Path

from studio.product import ProductData
from studio.templating.registry import Template
from studio.templating.resolve import resolve
from studio.templating.still import save_still

SAMPLES = Path(__file__).resolve().parents[2] / "media" / "samples"
THUMB_WIDTH = 360


def load_product_file(path: Path) -> tuple[ProductData, Path]:
    """A product.json (the API's product shape); images relative to the file's folder."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read product JSON: {exc}") from None
    return ProductData.model_validate(data), path.parent.resolve()


def sample_product(handle: str = "bamboo-desk-organizer") -> tuple[ProductData, Path]:
    return load_product_file(SAMPLES / "products" / f"{handle}.json")


def thumbnail_time(template: Template) -> float:
    """Late in the first scene, before its transition starts: everything is on screen."""
    first = template.spec.scenes[0]
    transition = first.transition or template.spec.transition
    overlap = transition.duration if transition.kind != "cut" else 0.0
    return max(0.5, min(4.5, first.duration - overlap - 0.2))


def make_thumbnail(template: Template, *, handle: str = "bamboo-desk-organizer",
                   at: float | None = None, use_renderer: bool = True) -> Path:
    at = thumbnail_time(template) if at is None else at
    product, base = sample_product(handle)
    target = template.folder / "thumbnail.jpg"
    with tempfile.TemporaryDirectory() as tmp:
        video = resolve(template.spec, product, "9:16", work_dir=Path(tmp),
                        template_dir=template.folder, template_version=template.version,
                        base_dir=base, voiceover=True)
        renderer = _renderer() if use_renderer else None
        if renderer is None:
            return save_still(video.plan, at, target, width=THUMB_WIDTH)
        out = Path(tmp) / "video.mp4"
        renderer(video.plan, out, preview=True)  # 360x640: the thumbnail size
        subprocess.run(
            ["ffmpeg", "-y", "-loglevel", "error", "-ss", f"{at:.2f}", "-i", str(out),
             "-frames:v", "1", "-vf", f"scale={THUMB_WIDTH}:-2", "-q:v", "4", str(target)],
            check=True,
        )
    return target


def _renderer():  # type: ignore[no-untyped-def]
    try:
        module = importlib.import_module("studio.render")
    except ImportError:
        return None
    return getattr(module, "render_video", None)
