"""The still part of a scene, composed once in Python and handed to ffmpeg as one raw frame.

Background colour or picture, the blurred backdrop of a contained photo, a photo without
motion and every overlay that stays the whole scene are flattened here with Pillow. Doing it
in the ffmpeg graph cost ~85 MB of resident memory per scene (every filter link keeps a pool
of its largest frames until the render ends); here the memory is returned after each scene.
The frame is converted with the same BT.709 matrix as the Ken Burns frames, so the moving
rectangle and its surroundings match exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image, ImageFilter

from studio.render.geometry import window_at
from studio.render.pixels import scaled
from studio.render.plan import Box

HEX_COLOR = re.compile(r"#?([0-9a-fA-F]{6})")
BLUR_DOWNSCALE = 8
BLUR_RADIUS = 3

Kind = Literal["cover", "backdrop", "photo", "overlay"]


@dataclass(frozen=True, slots=True)
class StillLayer:
    """``cover``: fill ``box`` (a background picture); ``backdrop``: blurred cover of ``box``;
    ``photo``: the whole photo window fitted to ``box``; ``overlay``: RGBA at box.x, box.y,
    scaled to box.w x box.h."""

    kind: Kind
    image: Path
    box: Box


@dataclass(frozen=True, slots=True)
class StillPlan:
    width: int
    height: int
    color: str  # RRGGBB, already validated
    layers: tuple[StillLayer, ...]


def parse_color(value: str) -> str | None:
    match = HEX_COLOR.fullmatch(value.strip())
    return match.group(1).upper() if match else None


def reduced(image: Image.Image, at_least: tuple[int, int]) -> Image.Image:
    """A decoded picture far bigger than needed, box-reduced by Pillow on its own memory.

    JPEG decodes reduced already (``draft``); other formats (PNG, WebP) decode in full: a
    40-megapixel PNG is 120 MB of RGB, and a numpy copy of it (``np.asarray`` goes through
    ``tobytes``) would double that. Reduced by a whole factor to no less than twice the size
    needed, it is scaled once, the full decode dropped, and the precise scaling that follows
    works on a few megapixels. Pictures under twice the size needed are left as they are."""
    factor = min(image.width // (2 * max(1, at_least[0])),
                 image.height // (2 * max(1, at_least[1])))
    if factor < 2:
        return image
    image.load()
    return image.reduce(factor)


def open_rgb(path: Path, at_least: tuple[int, int]) -> Image.Image:
    """Decode, letting JPEG skip detail that a much smaller target would not show."""
    with Image.open(path) as image:
        image.draft("RGB", at_least)
        return reduced(image, at_least).convert("RGB")


def covered(path: Path, w: int, h: int) -> Image.Image:
    image = open_rgb(path, (w, h))
    scale = max(w / image.width, h / image.height)
    size = (max(w, round(image.width * scale)), max(h, round(image.height * scale)))
    image = image.resize(size, Image.Resampling.BICUBIC)
    left, top = (size[0] - w) // 2, (size[1] - h) // 2
    return image.crop((left, top, left + w, top + h))


def backdrop(path: Path, box: Box) -> Image.Image:
    """A soft backdrop: cover the box at 1/8 size, blur, scale back up (cheap)."""
    small = covered(path, max(2, box.w // BLUR_DOWNSCALE), max(2, box.h // BLUR_DOWNSCALE))
    soft = small.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    # OpenCV enlarges it in ~1 ms where Pillow took ~7 (a 1080x1080 backdrop per scene)
    return Image.fromarray(scaled(np.asarray(soft), (box.w, box.h)))


def fitted_photo(path: Path, box: Box) -> Image.Image:
    image = open_rgb(path, (box.w, box.h))
    window = window_at(image.width, image.height, box, None, 0.0)
    return image.resize((box.w, box.h), Image.Resampling.LANCZOS, box=window.as_tuple())


def paste_overlay(canvas: Image.Image, path: Path, box: Box) -> None:
    with Image.open(path) as image:
        layer = image.convert("RGBA")
    if layer.size != (box.w, box.h):
        layer = layer.resize((box.w, box.h), Image.Resampling.LANCZOS)
    # clip to the frame, then blend "over" the opaque canvas with the layer's own alpha
    left, top = max(0, box.x), max(0, box.y)
    right, bottom = min(canvas.width, box.x + box.w), min(canvas.height, box.y + box.h)
    if right <= left or bottom <= top:
        return
    part = layer.crop((left - box.x, top - box.y, right - box.x, bottom - box.y))
    canvas.paste(part, (left, top), mask=part)


def compose(plan: StillPlan) -> Image.Image:
    """The still as an RGB image of the frame size (composed in RGB: an opaque canvas needs
    no alpha of its own, and a full-frame RGBA copy is 8 MB more at 1080x1920)."""
    rgb = tuple(int(plan.color[i:i + 2], 16) for i in (0, 2, 4))
    canvas = Image.new("RGB", (plan.width, plan.height), rgb)
    for layer in plan.layers:
        box = layer.box
        if layer.kind == "overlay":
            paste_overlay(canvas, layer.image, box)
            continue
        if layer.kind == "cover":
            picture = covered(layer.image, box.w, box.h)
        elif layer.kind == "backdrop":
            picture = backdrop(layer.image, box)
        else:
            picture = fitted_photo(layer.image, box)
        canvas.paste(picture, (box.x, box.y))
    return canvas
