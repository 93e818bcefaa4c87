"""One scene → one stream of exactly ``frames`` yuv420p frames.

Everything that does not change during the scene (background, blurred backdrop, a still
photo, overlays that stay the whole scene) is composed ONCE (``stills.py``). A scene whose
photo moves (Ken Burns) comes from Python as whole frames: the still with the photo warped
into its rectangle (``motion.scene_frames``). Otherwise the still arrives as one raw frame
and is repeated with the ``loop`` filter, and a clip is joined to the still's bands with
``hstack``/``vstack`` copies instead of an alpha overlay. Only overlays that are timed, fade,
or sit on top of moving pixels are blended per frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from PIL import Image

from studio.render import ff
from studio.render.blending import TimedOverlay
from studio.render.geometry import (
    Canvas,
    check_ken_burns,
    intersects,
    visible_rect,
)
from studio.render.motion import MotionLayer
from studio.render.plan import Box, ClipLayer, Overlay, PhotoLayer, Scene
from studio.render.stills import StillLayer, StillPlan, parse_color

TO_VIDEO_RANGE = {"out_color_matrix": "bt709", "out_range": "tv"}
BLUR_DOWNSCALE = 8


class RenderError(Exception):
    """A render failed; the message says which scene/layer/file and what to do."""

    def __init__(self, message: str, stderr: str = "") -> None:
        super().__init__(message)
        self.stderr = stderr


@lru_cache(maxsize=256)
def image_size(path: Path) -> tuple[int, int]:
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError) as exc:
        raise RenderError(f"cannot read image {path}: {exc}; check the file") from exc


def to_video(stream: ff.Stream, pix_fmt: str = "yuv420p", **scale: object) -> ff.Stream:
    """Convert RGB(A) with an explicit matrix and range so no layer is left full-range or
    BT.601 (swscale changes range but not matrix between two YUV formats, hence RGB in)."""
    return stream.filter("scale", **scale, **TO_VIDEO_RANGE).filter("format", pix_fmt)


def to_rgb(stream: ff.Stream) -> ff.Stream:
    """Decoded JPEG/PNG/video frames to RGB, read with their own matrix and range."""
    return stream.filter("format", "gbrp")


def loop_frames(single: ff.Stream, frames: int, fps: int, first: int = 0) -> ff.Stream:
    """Repeat one frame ``frames`` times with clean timestamps starting at frame ``first``."""
    looped = single.filter("loop", loop=frames - 1, size=1, start=0)
    return looped.filter("settb", f"1/{fps}").filter("setpts", f"N+{first}")


@dataclass(frozen=True, slots=True)
class PlacedOverlay:
    overlay: Overlay
    where: str
    size: tuple[int, int]  # canvas pixels
    at: tuple[int, int]

    @property
    def rect(self) -> Box:
        return Box(self.at[0], self.at[1], self.size[0], self.size[1])


def place(overlay: Overlay, canvas: Canvas, where: str) -> PlacedOverlay:
    w, h = image_size(overlay.image)
    return PlacedOverlay(overlay, where, canvas.size(w, h), canvas.point(overlay.x, overlay.y))


def overlay_stream(
    placed: PlacedOverlay, stills: ff.Stills, canvas: Canvas, first: int, frames: int
) -> ff.Stream:
    """An overlay as yuva420p frames ``first .. first+frames`` with its alpha fades."""
    image = stills.get(placed.overlay.image)
    if canvas.scale != 1.0:
        image = image.filter("scale", *placed.size)
    stream = loop_frames(to_video(image, "yuva420p"), frames, canvas.fps, first)
    start, end = first / canvas.fps, (first + frames) / canvas.fps
    if placed.overlay.fade_in > 0:
        stream = stream.filter("fade", t="in", st=start, d=placed.overlay.fade_in, alpha=1)
    if placed.overlay.fade_out > 0:
        fade_start = max(start, end - placed.overlay.fade_out)
        stream = stream.filter("fade", t="out", st=fade_start, d=placed.overlay.fade_out, alpha=1)
    return stream


def trim(stream: ff.Stream, first: int, end: int) -> ff.Stream:
    return stream.filter("trim", start_frame=first, end_frame=end).filter("setpts", "PTS-STARTPTS")


def blend(
    main: ff.Stream, placed: PlacedOverlay, stills: ff.Stills, canvas: Canvas,
    first: int, end: int, total: int,
) -> ff.Stream:
    """``placed`` drawn over frames ``first .. end`` of ``main`` (``total`` frames) only.

    ``overlay`` makes every frame it passes writable, which is a full copy of a frame that
    still shares its buffer (whole frames from a pipe do): 1.4 GB of copying on product15
    for a call to action shown 3 s of 15. So the other frames go around it, joined back
    with ``concat`` (the same cut-and-join as the transitions)."""
    top = overlay_stream(placed, stills, canvas, 0, end - first)
    # eof_action=pass: after its last frame the overlay is gone, not frozen on screen
    draw = {"x": placed.at[0], "y": placed.at[1], "eof_action": "pass"}
    ranges = [(a, b) for a, b in ((0, first), (first, end), (end, total)) if b > a]
    if len(ranges) == 1:
        return ff.merge([main, top], "overlay", **draw)
    pieces = [
        ff.merge([trim(part, a, b), top], "overlay", **draw) if a == first else trim(part, a, b)
        for (a, b), part in zip(ranges, ff.split(main, len(ranges)), strict=True)
    ]
    # concat hands out a 1/1000000 time base; scenes are joined (xfade) in 1/fps
    return ff.concat(pieces).filter("settb", f"1/{canvas.fps}").filter("setpts", "N")


def cover(stream: ff.Stream, w: int, h: int) -> ff.Stream:
    return stream.filter(
        "scale", w, h, force_original_aspect_ratio="increase", flags="bicubic"
    ).filter("crop", w, h)


def blurred(stream: ff.Stream, box: Box) -> ff.Stream:
    """A soft backdrop: cover the box, blur at 1/8 size (cheap), scale back up."""
    small_w = max(2, box.w // BLUR_DOWNSCALE)
    small_h = max(2, box.h // BLUR_DOWNSCALE)
    soft = to_rgb(cover(stream, small_w, small_h)).filter("gblur", sigma=3)
    return to_video(soft, w=box.w, h=box.h, flags="bicubic")


def clip_stream(
    layer: ClipLayer, box: Box, canvas: Canvas, frames: int, stills: ff.Stills
) -> ff.Stream:
    """A clip fitted to its box, at the output frame rate, exactly ``frames`` long.

    Frames go through RGB once and come out BT.709 limited range, like every other layer."""
    source = stills.clip(layer.video, loop=layer.loop).filter("fps", canvas.fps)
    source = source.filter("trim", end_frame=frames)  # before the per-frame work
    if layer.fit == "cover":
        moving = to_video(cover(to_rgb(source), box.w, box.h))
    else:
        fitted = to_rgb(source).filter(
            "scale", box.w, box.h, force_original_aspect_ratio="decrease",
            force_divisible_by=2, flags="bicubic",
        )
        if layer.fit == "contain_blur":
            fore, back = ff.split(fitted, 2)
            moving = ff.merge([blurred(back, box), to_video(fore)], "overlay",
                              x="(main_w-overlay_w)/2", y="(main_h-overlay_h)/2")
        else:
            moving = to_video(fitted.filter("pad", box.w, box.h, "(ow-iw)/2", "(oh-ih)/2"))
    return moving.filter("settb", f"1/{canvas.fps}").filter("setpts", "N")


def stacked(
    still: ff.Stream, moving: ff.Stream, rect: Box, canvas: Canvas, frames: int
) -> ff.Stream:
    """The moving rectangle framed by bands of the still, joined by copies, not blending."""
    W, H, fps = canvas.width, canvas.height, canvas.fps
    bands = {
        "top": Box(0, 0, W, rect.y),
        "left": Box(0, rect.y, rect.x, rect.h),
        "right": Box(rect.x + rect.w, rect.y, W - rect.x - rect.w, rect.h),
        "bottom": Box(0, rect.y + rect.h, W, H - rect.y - rect.h),
    }
    bands = {name: b for name, b in bands.items() if b.w > 0 and b.h > 0}
    pieces = dict(zip(bands, ff.split(still, len(bands)), strict=True)) if bands else {}
    looped = {
        name: loop_frames(pieces[name].filter("crop", b.w, b.h, b.x, b.y), frames, fps)
        for name, b in bands.items()
    }
    row = [looped[n] for n in ("left",) if n in looped] + [moving]
    row += [looped[n] for n in ("right",) if n in looped]
    middle = ff.merge(row, "hstack", inputs=len(row)) if len(row) > 1 else moving
    column = [looped[n] for n in ("top",) if n in looped] + [middle]
    column += [looped[n] for n in ("bottom",) if n in looped]
    return ff.merge(column, "vstack", inputs=len(column)) if len(column) > 1 else middle


class FeedSource(Protocol):
    """Raw frames made in Python: a scene with a Ken Burns photo, or a scene's still."""

    def scene(self, plan: StillPlan, layer: MotionLayer) -> ff.Stream: ...

    def still(self, plan: StillPlan) -> ff.Stream: ...


@dataclass(frozen=True, slots=True)
class SceneParts:
    """What a scene is made of, before any of it becomes part of the filter graph."""

    still: StillPlan
    motion: MotionLayer | None  # a Ken Burns photo: whole frames from Python
    clip: tuple[ClipLayer, Box] | None  # a video layer in its box
    per_frame: tuple[PlacedOverlay, ...]  # overlays blended frame by frame
    frames: int

    @property
    def from_python(self) -> bool:
        """Every frame of the scene can be made in Python (its overlays included)."""
        return self.motion is not None and self.clip is None

    def timed_overlays(self, fps: int) -> tuple[TimedOverlay, ...]:
        """The per-frame overlays, for drawing in Python (``blending``)."""
        out = []
        for placed in self.per_frame:
            first, end = shown(placed.overlay, self.frames, fps)
            if end > first:
                o = placed.overlay
                out.append(TimedOverlay(o.image, placed.at, placed.size, first, end,
                                        o.fade_in, o.fade_out, fps))
        return tuple(out)


def shown(overlay: Overlay, frames: int, fps: int) -> tuple[int, int]:
    """The scene frames [first, end) an overlay is on."""
    first = max(0, round(overlay.start * fps))
    end = frames if overlay.end is None else min(frames, round(overlay.end * fps))
    return first, end


def scene_parts(
    scene: Scene,
    index: int,
    frames: int,
    canvas: Canvas,
    extra_overlays: tuple[Overlay, ...] = (),
) -> SceneParts:
    where = f"scene {index + 1}"
    W, H = canvas.width, canvas.height
    color = parse_color(scene.background_color)
    if color is None:
        raise RenderError(f"{where}: colour {scene.background_color!r} is not #RRGGBB")
    layers: list[StillLayer] = []
    if scene.background is not None:
        image_size(scene.background)  # unreadable → a clear error now, not in a thread
        layers.append(StillLayer("cover", scene.background, Box(0, 0, W, H)))
    clip: tuple[ClipLayer, Box] | None = None
    motion: MotionLayer | None = None  # whole frames from Python: still + moving photo
    moving_rect: Box | None = None

    main = scene.main
    if main is not None:
        box = canvas.box(main.box)
        if box.w < 2 or box.h < 2:
            raise RenderError(f"{where}: main layer box {main.box} is too small")
        if isinstance(main, PhotoLayer):
            size = image_size(main.image)
            rect = visible_rect(size[0], size[1], box, main.fit)
            if main.fit == "contain_blur":
                layers.append(StillLayer("backdrop", main.image, box))
            if main.ken_burns is not None:
                try:
                    check_ken_burns(main.ken_burns, f"{where} main photo")
                except ValueError as exc:
                    raise RenderError(str(exc)) from exc
                motion = MotionLayer(main.image, rect, main.ken_burns, frames)
                moving_rect = rect
            else:
                layers.append(StillLayer("photo", main.image, rect))
        else:
            moving_rect = box
            clip = (main, box)

    per_frame: list[PlacedOverlay] = []
    busy: list[Box] = [moving_rect] if moving_rect is not None else []
    for number, overlay in enumerate((*scene.overlays, *extra_overlays), start=1):
        placed = place(overlay, canvas, f"{where} overlay {number}")
        whole_scene = overlay.start <= 0 and (overlay.end is None or overlay.end >= scene.duration)
        fades = overlay.fade_in > 0 or overlay.fade_out > 0
        if whole_scene and not fades and not any(intersects(placed.rect, b) for b in busy):
            layers.append(StillLayer("overlay", overlay.image, placed.rect))
        else:
            per_frame.append(placed)
            busy.append(placed.rect)
    still = StillPlan(W, H, color, tuple(layers))
    return SceneParts(still, motion, clip, tuple(per_frame), frames)


def build_scene(
    parts: SceneParts, canvas: Canvas, stills: ff.Stills, feeds: FeedSource
) -> ff.Stream:
    frames, fps = parts.frames, canvas.fps
    if parts.motion is not None:
        stream = feeds.scene(parts.still, parts.motion)
    elif parts.clip is not None:
        layer, box = parts.clip
        moving = clip_stream(layer, box, canvas, frames, stills)
        stream = stacked(feeds.still(parts.still), moving, box, canvas, frames)
    else:
        stream = loop_frames(feeds.still(parts.still), frames, fps)

    for placed in parts.per_frame:
        first, end = shown(placed.overlay, frames, fps)
        if end <= first:
            continue
        stream = blend(stream, placed, stills, canvas, first, end, frames)
    return stream.filter("setsar", 1)
