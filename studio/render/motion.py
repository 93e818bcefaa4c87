"""Ken Burns frames, exact to a fraction of a pixel, streamed into ffmpeg.

ffmpeg's ``zoompan`` crops whole pixels, so a slow zoom stalls and jumps; ``perspective`` is
smooth but costs ~28 ms a frame. Pillow's ``resize(box=...)`` takes a float window and is
cheap at these scales, so the moving rectangle is made here and the rest of the frame is
composed by ffmpeg once per scene (see RENDER-NOTES.md).

The photo is scaled once (bicubic) to the size it needs at minimum zoom and converted once to
limited-range BT.709 Y'CbCr planes, the same conversion ffmpeg applies to the static layers, so
the moving rectangle and its surroundings match. Each frame then resamples the three planes
(bilinear, enlarging by at most the zoom range) and writes raw yuv420p to a pipe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from studio.render.geometry import Window, base_window, ken_burns_progress, window_at
from studio.render.plan import Box, KenBurns

# BT.709 luma weights; the renderer tags its output as BT.709 limited range.
KR, KB = 0.2126, 0.0722
KG = 1.0 - KR - KB


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


def _bt709_matrix() -> tuple[float, ...]:
    """RGB → limited-range Y'CbCr as Pillow's ``convert("RGB", matrix)`` rows (with offsets)."""
    ys, cs = 219.0 / 255.0, 224.0 / 255.0
    cb = 2.0 * (1.0 - KB)
    cr = 2.0 * (1.0 - KR)
    return (
        KR * ys, KG * ys, KB * ys, 16.0,
        -KR / cb * cs, -KG / cb * cs, (1.0 - KB) / cb * cs, 128.0,
        (1.0 - KR) / cr * cs, -KG / cr * cs, -KB / cr * cs, 128.0,
    )


BT709 = _bt709_matrix()


def yuv_planes(rgb: Image.Image) -> tuple[Image.Image, Image.Image, Image.Image]:
    """Full-resolution limited-range BT.709 Y, Cb, Cr planes ("L" images) of an RGB image."""
    y, cb, cr = rgb.convert("RGB", BT709).split()
    return y, cb, cr


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
        if size != rgb.size:
            rgb = rgb.resize(size, Image.Resampling.BICUBIC)
        del photo  # the full decode is not needed past this point (all four scenes start at once)
        self.fx = size[0] / self.photo_w
        self.fy = size[1] / self.photo_h
        self.y, cb, cr = yuv_planes(rgb)
        half = ((size[0] + 1) // 2, (size[1] + 1) // 2)
        # chroma is averaged down to 4:2:0 once; its windows are the luma windows halved
        self.cb = cb.resize(half, Image.Resampling.BOX)
        self.cr = cr.resize(half, Image.Resampling.BOX)
        self.cfx = half[0] / size[0]
        self.cfy = half[1] / size[1]

    def window(self, frame: int) -> Window:
        progress = ken_burns_progress(frame, self.layer.frames)
        return window_at(self.photo_w, self.photo_h, self.layer.rect, self.layer.motion, progress)

    def frame(self, index: int) -> tuple[bytes, bytes, bytes]:
        rect = self.layer.rect
        luma_box = self.window(index).scaled(self.fx, self.fy)
        chroma_box = luma_box.scaled(self.cfx, self.cfy).as_tuple()
        bilinear = Image.Resampling.BILINEAR
        y = self.y.resize((rect.w, rect.h), bilinear, box=luma_box.as_tuple())
        half = (rect.w // 2, rect.h // 2)
        cb = self.cb.resize(half, bilinear, box=chroma_box)
        cr = self.cr.resize(half, bilinear, box=chroma_box)
        return y.tobytes(), cb.tobytes(), cr.tobytes()

    def __iter__(self) -> Iterator[tuple[bytes, bytes, bytes]]:
        for made in range(self.layer.made_frames):
            # the last one may lie just past the scene: it only steers the final blend
            yield self.frame(made * self.layer.step)


def ken_burns_frames(layer: MotionLayer) -> Iterator[tuple[bytes, bytes, bytes]]:
    yield from KenBurnsFrames(layer)


def still_frame(compose: Callable[[], Image.Image]) -> Iterator[tuple[bytes, bytes, bytes]]:
    """One yuv420p frame (limited-range BT.709) of the composed still (even sides).

    Every scene's still is made at the start (ffmpeg needs a first frame from each input),
    so its transient images are kept few: the RGB canvas goes as soon as it is converted."""
    ycc = compose().convert("RGB", BT709)
    y, cb, cr = ycc.split()
    del ycc
    half = (y.width // 2, y.height // 2)
    planes = (y.tobytes(), cb.resize(half, Image.Resampling.BOX).tobytes(),
              cr.resize(half, Image.Resampling.BOX).tobytes())
    del y, cb, cr
    yield planes
