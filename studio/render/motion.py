"""Ken Burns frames, exact to a fraction of a pixel, streamed into ffmpeg.

ffmpeg's ``zoompan`` crops whole pixels, so a slow zoom stalls and jumps; ``perspective`` is
smooth but costs ~28 ms a frame. Here each frame is an affine warp (scale + sub-pixel shift) of
the photo's planes (``pixels.warp``: OpenCV, ~0.6 ms for a 1080x1080 yuv420p frame where
Pillow's ``resize(box=...)`` took ~8 ms). The moving rectangle is made here and the rest of
the frame is composed by ffmpeg once per scene (see RENDER-NOTES.md).

The photo is scaled once to the size it needs at minimum zoom and converted once to
limited-range BT.709 Y'CbCr planes, the same conversion the scene's still gets, so the moving
rectangle and its surroundings match. Each frame then resamples the three planes (bilinear,
enlarging by at most the zoom range) and writes raw yuv420p to a pipe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from studio.render.geometry import Window, base_window, ken_burns_progress, window_at
from studio.render.pixels import Planes, scaled, warp, yuv420
from studio.render.plan import Box, KenBurns


@dataclass(frozen=True, slots=True)
class MotionLayer:
    """One photo moving inside ``rect`` (output pixels) for ``frames`` frames.

    ``step`` 2 makes every other frame only; ffmpeg's ``framerate`` filter blends the ones in
    between. Used only for motion under half a pixel a frame, where the blend of two frames a
    pixel apart is indistinguishable from the exact frame and lands exactly on the path.
    """

    image: Path
    rect: Box
    motion: KenBurns | None
    frames: int
    step: int = 1

    @property
    def made_frames(self) -> int:
        """Frames written to the pipe: indices 0, step, ... up to at least frames - 1."""
        return (self.frames - 1 + self.step - 1) // self.step + 1


class KenBurnsFrames:
    """Produces the yuv420p frames of one :class:`MotionLayer`."""

    def __init__(self, layer: MotionLayer) -> None:
        self.layer = layer
        rect = layer.rect
        zooms = [1.0]
        if layer.motion is not None:
            zooms = [layer.motion.start_zoom, layer.motion.end_zoom]
        with Image.open(layer.image) as photo:
            self.photo_w, self.photo_h = photo.size
            base_w, _ = base_window(self.photo_w, self.photo_h, rect)
            need = min(zooms) * rect.w / base_w
            # JPEG can decode at 1/2, 1/4, 1/8 size: much faster for previews and big photos
            photo.draft("RGB", (round(self.photo_w * need), round(self.photo_h * need)))
            photo.load()
            # convert() to the same mode is a full copy (10 MB for a 1600x1600 photo)
            rgb = photo if photo.mode == "RGB" else photo.convert("RGB")
        # the size at which the least-zoomed window maps 1:1 onto the rectangle: every frame
        # then enlarges slightly (two bilinear taps) instead of shrinking (three or four);
        # ~30% faster, and at a 1.0→1.1 zoom the softening is below what bilinear sub-pixel
        # placement costs anyway
        factor = min(zooms) * rect.w / base_w
        size = (max(2, round(self.photo_w * factor)), max(2, round(self.photo_h * factor)))
        # the decode is dropped at once: every scene's photo is prepared at the start
        pixels = scaled(np.asarray(rgb), size)
        del photo, rgb
        self.fx = size[0] / self.photo_w
        self.fy = size[1] / self.photo_h
        # chroma is averaged down to 4:2:0 once; its windows are the luma windows halved
        self.y, self.cb, self.cr = yuv420(pixels)
        self.cfx = self.cb.shape[1] / size[0]
        self.cfy = self.cb.shape[0] / size[1]

    def window(self, frame: int) -> Window:
        progress = ken_burns_progress(frame, self.layer.frames)
        return window_at(self.photo_w, self.photo_h, self.layer.rect, self.layer.motion, progress)

    def frame(self, index: int) -> Planes:
        rect = self.layer.rect
        luma_box = self.window(index).scaled(self.fx, self.fy)
        chroma_box = luma_box.scaled(self.cfx, self.cfy)
        half = (rect.w // 2, rect.h // 2)
        return (warp(self.y, luma_box, (rect.w, rect.h)), warp(self.cb, chroma_box, half),
                warp(self.cr, chroma_box, half))

    def __iter__(self) -> Iterator[Planes]:
        for made in range(self.layer.made_frames):
            # the last one may lie just past the scene: it only steers the final blend
            yield self.frame(made * self.layer.step)


def ken_burns_frames(layer: MotionLayer) -> Iterator[Planes]:
    yield from KenBurnsFrames(layer)


def still_frame(compose: Callable[[], Image.Image]) -> Iterator[Planes]:
    """One yuv420p frame (limited-range BT.709) of the composed still (even sides).

    Every scene's still is made at the start (ffmpeg needs a first frame from each input),
    so its transient images are kept few: the RGB canvas goes as soon as it is converted."""
    canvas = compose()
    pixels = np.asarray(canvas)
    del canvas
    planes = yuv420(pixels)
    del pixels
    yield planes
