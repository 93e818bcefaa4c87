"""Timed and fading overlays drawn over frames made in Python, as ffmpeg's graph draws them.

In the one-feed slideshow (``motion.joined_frames``) a scene's titles, prices and captions that
fade in, show for part of the scene or sit over the moving photo are blended here instead of by
``overlay`` in the filter graph, with the same rules:

* the RGBA picture goes to limited-range BT.709 Y'CbCr with the stills' matrix (``yuv420``),
  its alpha kept at full size for luma and averaged 2x2 for chroma;
* it is placed at even coordinates (``overlay`` rounds down to the chroma grid) and clipped to
  the frame;
* ``fade_in``/``fade_out`` scale the alpha linearly over time like the ``fade`` filter, frame
  ``k`` of the overlay being at ``k / fps`` seconds of its own clock;
* a pixel becomes ``frame·(1 − α) + overlay·α``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from studio.render.pixels import Planes, cv2, yuv420


@dataclass(frozen=True, slots=True)
class TimedOverlay:
    """An overlay for one scene: where (canvas pixels), how big, on which frames, fades."""

    image: Path
    at: tuple[int, int]
    size: tuple[int, int]
    first: int  # scene frames [first, end)
    end: int
    fade_in: float  # seconds
    fade_out: float
    fps: int

    def strength(self, index: int) -> float:
        """How much of the overlay shows on scene frame ``index`` (0 outside its frames)."""
        if not self.first <= index < self.end:
            return 0.0
        seconds = (index - self.first) / self.fps
        factor = 1.0
        if self.fade_in > 0:
            factor *= min(1.0, seconds / self.fade_in)
        if self.fade_out > 0:
            fade_start = max(0.0, (self.end - self.first) / self.fps - self.fade_out)
            factor *= 1.0 - min(1.0, max(0.0, seconds - fade_start) / self.fade_out)
        return factor


class DrawnOverlay:
    """A :class:`TimedOverlay` converted once: its planes and alphas, and the frame's box."""

    def __init__(
        self, overlay: TimedOverlay, box: tuple[int, int, int, int], rgba: np.ndarray
    ) -> None:
        self.overlay = overlay
        self.box = box  # left, top, right, bottom in the frame; even
        self.planes = yuv420(np.ascontiguousarray(rgba[:, :, :3]))
        alpha = rgba[:, :, 3].astype(np.float32) / 255.0
        half = (alpha.shape[1] // 2, alpha.shape[0] // 2)
        self.alphas = (alpha, *[cv2().resize(alpha, half, interpolation=cv2().INTER_AREA)] * 2)

    @classmethod
    def of(cls, overlay: TimedOverlay, width: int, height: int) -> DrawnOverlay | None:
        """The overlay ready to draw into ``width`` x ``height`` frames; None when none of it
        is inside the frame."""
        with Image.open(overlay.image) as image:
            rgba = np.asarray(image.convert("RGBA"))
        if (rgba.shape[1], rgba.shape[0]) != overlay.size:
            rgba = cv2().resize(rgba, overlay.size, interpolation=cv2().INTER_AREA)
        x, y = overlay.at[0] & ~1, overlay.at[1] & ~1
        # the part inside the frame, in frame and in picture coordinates (even-sided)
        left, top = max(0, x), max(0, y)
        right = min(width, x + rgba.shape[1]) & ~1
        bottom = min(height, y + rgba.shape[0]) & ~1
        if right <= left or bottom <= top:
            return None
        part = np.ascontiguousarray(rgba[top - y:bottom - y, left - x:right - x])
        return cls(overlay, (left, top, right, bottom), part)

    def views(self, frame: Planes) -> Planes:
        left, top, right, bottom = self.box
        return (frame[0][top:bottom, left:right],
                frame[1][top // 2:bottom // 2, left // 2:right // 2],
                frame[2][top // 2:bottom // 2, left // 2:right // 2])

    def draw(self, frame: Planes, index: int) -> None:
        """Blend into ``frame`` (in place) as scene frame ``index`` shows it."""
        strength = self.overlay.strength(index)
        if strength <= 0.0:
            return
        cv = cv2()
        for target, picture, alpha in zip(self.views(frame), self.planes, self.alphas,
                                          strict=True):
            weight = alpha if strength >= 1.0 else alpha * np.float32(strength)
            cv.blendLinear(target, picture, 1.0 - weight, weight, dst=target)
