"""Where a photo goes in its box, and which part of it a Ken Burns frame shows.

Pure arithmetic, shared by the frame producer and the tests: the tests compute the ideal path
of a line from the same definitions the renderer documents, not from the renderer's output.

Coordinates are continuous: pixel ``i`` covers ``[i, i + 1)``. A window ``(x0, y0, x1, y1)`` is
a rectangle of the photo in its own pixels; it is resampled to fill the visible rectangle.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.render.plan import Box, Fit, KenBurns


@dataclass(frozen=True, slots=True)
class Window:
    x0: float
    y0: float
    x1: float
    y1: float

    def scaled(self, fx: float, fy: float) -> Window:
        return Window(self.x0 * fx, self.y0 * fy, self.x1 * fx, self.y1 * fy)

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


def even(value: float) -> int:
    """Largest even integer <= value (4:2:0 video needs even sizes and offsets)."""
    return max(0, int(value) // 2 * 2)


def scale_box(box: Box, factor: float) -> Box:
    """A box at another output scale, snapped to even pixels."""
    if factor == 1.0:
        return Box(even(box.x), even(box.y), even(box.w), even(box.h))
    return Box(
        even(box.x * factor + 1), even(box.y * factor + 1),
        even(box.w * factor + 1), even(box.h * factor + 1),
    )


def visible_rect(photo_w: int, photo_h: int, box: Box, fit: Fit) -> Box:
    """The rectangle of the frame the photo covers (even sizes, centred in the box).

    ``cover`` fills the box; ``contain``/``contain_blur`` keep the whole photo, so the rectangle
    is the photo's aspect ratio, as large as fits.
    """
    if fit == "cover":
        return box
    scale = min(box.w / photo_w, box.h / photo_h)
    w = max(2, even(photo_w * scale + 0.5))
    h = max(2, even(photo_h * scale + 0.5))
    x = box.x + even((box.w - w) / 2)
    y = box.y + even((box.h - h) / 2)
    return Box(x, y, w, h)


def base_window(photo_w: int, photo_h: int, rect: Box) -> tuple[float, float]:
    """Size of the photo's part shown at zoom 1.0: the largest window with the rect's aspect."""
    aspect = rect.w / rect.h
    if photo_w / photo_h > aspect:
        return photo_h * aspect, float(photo_h)
    return float(photo_w), photo_w / aspect


def ken_burns_progress(frame: int, frames: int) -> float:
    """0.0 on the scene's first frame, 1.0 on its last."""
    return frame / (frames - 1) if frames > 1 else 0.0


def window_at(
    photo_w: int, photo_h: int, rect: Box, motion: KenBurns | None, progress: float
) -> Window:
    """The part of the photo shown at ``progress`` (0..1) through the scene.

    Zoom and centre move linearly; the window never leaves the photo (the centre is clamped).
    """
    base_w, base_h = base_window(photo_w, photo_h, rect)
    if motion is None:
        zoom, (cx, cy) = 1.0, (0.5, 0.5)
    else:
        zoom = motion.start_zoom + (motion.end_zoom - motion.start_zoom) * progress
        cx = motion.start_center[0] + (motion.end_center[0] - motion.start_center[0]) * progress
        cy = motion.start_center[1] + (motion.end_center[1] - motion.start_center[1]) * progress
    w, h = base_w / zoom, base_h / zoom
    x0 = min(max(cx * photo_w - w / 2, 0.0), photo_w - w)
    y0 = min(max(cy * photo_h - h / 2, 0.0), photo_h - h)
    return Window(x0, y0, x0 + w, y0 + h)


def check_ken_burns(motion: KenBurns, where: str) -> None:
    for name in ("start_zoom", "end_zoom"):
        zoom = getattr(motion, name)
        if not 1.0 <= zoom <= 4.0:
            raise ValueError(f"{where}: ken_burns.{name} is {zoom}; use a zoom from 1.0 to 4.0")
    for name in ("start_center", "end_center"):
        cx, cy = getattr(motion, name)
        if not (0.0 <= cx <= 1.0 and 0.0 <= cy <= 1.0):
            raise ValueError(f"{where}: ken_burns.{name} is {(cx, cy)}; use values from 0 to 1")


def intersects(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@dataclass(frozen=True, slots=True)
class Canvas:
    """The frame being rendered: plan pixels times ``scale`` (1.0, or less for previews)."""

    width: int
    height: int
    fps: int
    scale: float = 1.0

    def box(self, box: Box) -> Box:
        return scale_box(box, self.scale)

    def point(self, x: int, y: int) -> tuple[int, int]:
        return round(x * self.scale), round(y * self.scale)

    def size(self, w: int, h: int) -> tuple[int, int]:
        return max(1, round(w * self.scale)), max(1, round(h * self.scale))
