"""One frame of a plan composed with Pillow: template thumbnails and layout checks without
ffmpeg. It shows the scene playing at ``t`` (no transition blending, no fades); the photo's
Ken Burns window comes from the renderer's own geometry, so the layout is the renderer's.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from studio.render.geometry import visible_rect, window_at
from studio.render.plan import ClipLayer, Overlay, PhotoLayer, RenderPlan
from studio.templating.graphics import blurred_fill


def _scene_at(plan: RenderPlan, t: float) -> tuple[int, float, float]:
    """(scene index, time into scene, scene start on the final timeline)."""
    start = 0.0
    for index, scene in enumerate(plan.scenes):
        overlap = plan.transitions[index].duration if index < len(plan.transitions) and \
            plan.transitions[index].kind != "cut" else 0.0
        if t < start + scene.duration - overlap or index == len(plan.scenes) - 1:
            return index, t - start, start
        start += scene.duration - overlap
    return len(plan.scenes) - 1, 0.0, start


def _visible(overlay: Overlay, t: float, scene_duration: float | None) -> bool:
    end = overlay.end if overlay.end is not None else (scene_duration or 1e9)
    return overlay.start <= t < end


def _faded(image: Image.Image, overlay: Overlay, t: float, end: float) -> Image.Image:
    level = 1.0
    if overlay.fade_in > 0:
        level = min(level, (t - overlay.start) / overlay.fade_in)
    if overlay.fade_out > 0:
        level = min(level, (end - t) / overlay.fade_out)
    if level >= 1.0:
        return image
    alpha = image.getchannel("A").point(lambda a: round(a * max(0.0, level)))
    image.putalpha(alpha)
    return image


def _photo(layer: PhotoLayer, progress: float) -> tuple[Image.Image, tuple[int, int]]:
    """The photo as the renderer shows it: the same visible rectangle and Ken Burns window."""
    with Image.open(layer.image) as src:
        photo = src.convert("RGB")
    rect = visible_rect(photo.width, photo.height, layer.box, layer.fit)
    window = window_at(photo.width, photo.height, rect, layer.ken_burns, progress)
    shown = photo.resize((rect.w, rect.h), Image.Resampling.BICUBIC, box=window.as_tuple())
    return shown, (rect.x, rect.y)


def compose_frame(plan: RenderPlan, t: float) -> Image.Image:
    index, local, scene_start = _scene_at(plan, t)
    scene = plan.scenes[index]
    out = plan.output
    if scene.background is not None:
        with Image.open(scene.background) as bg:
            frame = bg.convert("RGBA").resize((out.width, out.height))
    else:
        frame = Image.new("RGBA", (out.width, out.height), scene.background_color)
    main = scene.main
    if isinstance(main, PhotoLayer):
        photo, xy = _photo(main, min(1.0, local / scene.duration))
        frame.paste(photo, xy)
    elif isinstance(main, ClipLayer):
        frame.paste(blurred_fill(Image.new("RGB", (8, 8), (60, 60, 60)), main.box.w, main.box.h),
                    (main.box.x, main.box.y))
    for overlay in scene.overlays:
        if _visible(overlay, local, scene.duration):
            end = overlay.end if overlay.end is not None else scene.duration
            with Image.open(overlay.image) as im:
                frame.alpha_composite(_faded(im.convert("RGBA"), overlay, local, end),
                                      (overlay.x, overlay.y))
    for overlay in plan.overlays:
        if _visible(overlay, t, None):
            end = overlay.end if overlay.end is not None else plan.duration
            with Image.open(overlay.image) as im:
                frame.alpha_composite(_faded(im.convert("RGBA"), overlay, t, end),
                                      (overlay.x, overlay.y))
    return frame.convert("RGB")


def save_still(plan: RenderPlan, t: float, path: Path, *, width: int | None = None) -> Path:
    frame = compose_frame(plan, t)
    if width and frame.width != width:
        frame = frame.resize((width, round(frame.height * width / frame.width)),
                             Image.Resampling.LANCZOS)
    frame.save(path, "JPEG", quality=85)
    return path
