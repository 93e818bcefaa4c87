"""Pixel work on numpy planes with OpenCV: colour conversion, 4:2:0 chroma, scaling, warps.

OpenCV's fixed-point SIMD kernels do in ~1 ms what Pillow took ~8 ms for: the Ken Burns warp
of a 1080x1080 frame, a 1080x1920 colour conversion. On two cores already busy with x264 every
CPU-second spent here is wall time (bench/README.md). OpenCV is imported on first use (~150 ms,
~35 MB of library pages) and told to stay on one thread: x264 has the cores.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

import numpy as np

from studio.render.geometry import Window

# BT.709 luma weights; the renderer tags its output as BT.709 limited range.
KR, KB = 0.2126, 0.0722
KG = 1.0 - KR - KB

Planes = tuple[np.ndarray, np.ndarray, np.ndarray]


def _bt709_matrix() -> np.ndarray:
    """RGB → limited-range Y'CbCr, a 3x4 matrix whose last column is the offsets."""
    ys, cs = 219.0 / 255.0, 224.0 / 255.0
    cb = 2.0 * (1.0 - KB)
    cr = 2.0 * (1.0 - KR)
    return np.array([
        (KR * ys, KG * ys, KB * ys, 16.0),
        (-KR / cb * cs, -KG / cb * cs, (1.0 - KB) / cb * cs, 128.0),
        ((1.0 - KR) / cr * cs, -KG / cr * cs, -KB / cr * cs, 128.0),
    ])


BT709 = _bt709_matrix()


@cache
def cv2() -> ModuleType:
    import cv2 as opencv

    opencv.setNumThreads(1)
    return opencv


def yuv420(rgb: np.ndarray) -> Planes:
    """Limited-range BT.709 Y, Cb, Cr planes of an RGB array; chroma averaged 2x2 (4:2:0).

    Odd sizes keep their last row/column of chroma (rounded up), like ffmpeg's yuv420p. Each
    plane is made on its own (a 3-channel result and its split would be 12 MB more at
    1080x1920, at the moment every scene's first frame is being prepared). The conversion is
    linear, so chroma is converted from the RGB averaged 2x2 rather than averaged after a
    full-size conversion: one small resize and two quarter-size conversions instead of two
    full-size ones, half the time (8.0 → 4.4 ms at 1080x1920), within one step of rounding."""
    cv = cv2()
    height, width = rgb.shape[:2]
    half = ((width + 1) // 2, (height + 1) // 2)
    y = cv.transform(rgb, BT709[0:1])
    averaged = cv.resize(rgb, half, interpolation=cv.INTER_AREA)
    return y, cv.transform(averaged, BT709[1:2]), cv.transform(averaged, BT709[2:3])


def scaled(rgb: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """``rgb`` at ``size`` (width, height): area-averaged when shrinking (no aliasing of fine
    texture), bicubic when enlarging."""
    if (rgb.shape[1], rgb.shape[0]) == size:
        return rgb
    cv = cv2()
    shrinking = size[0] < rgb.shape[1] and size[1] < rgb.shape[0]
    return cv.resize(rgb, size, interpolation=cv.INTER_AREA if shrinking else cv.INTER_CUBIC)


def warp(plane: np.ndarray, window: Window, size: tuple[int, int],
         out: np.ndarray | None = None) -> np.ndarray:
    """The ``window`` of ``plane`` (continuous pixel coordinates) resampled to ``size``.

    Output pixel ``u`` samples the plane at ``x0 + (u + 0.5) * w / width - 0.5`` in the
    pixel-centre coordinates OpenCV uses (bilinear, positions in 1/32 px): the same mapping
    as Pillow's ``resize(box=...)``, which the tests' ideal path is computed from."""
    cv = cv2()
    kx = (window.x1 - window.x0) / size[0]
    ky = (window.y1 - window.y0) / size[1]
    to_source = np.array([[kx, 0.0, window.x0 + 0.5 * kx - 0.5],
                          [0.0, ky, window.y0 + 0.5 * ky - 0.5]])
    return cv.warpAffine(plane, to_source, size, dst=out,
                         flags=cv.INTER_LINEAR | cv.WARP_INVERSE_MAP,
                         borderMode=cv.BORDER_REPLICATE)


class FramePool:
    """Whole-frame buffers (yuv420p planes) reused from scene to scene.

    A slideshow needs at most three at once (the scene playing, the one fading out, their
    mix), however many scenes it has, so a 5-minute video holds no more frames than a 15 s
    one. Subclasses hand out planes that live inside an encoder's own frames
    (``encode.EncoderFrames``); these are plain contiguous arrays, written into a pipe.
    """

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self._free: list[Planes] = []

    def _new(self) -> Planes:
        half = ((self.height + 1) // 2, (self.width + 1) // 2)
        return (np.empty((self.height, self.width), np.uint8),
                np.empty(half, np.uint8), np.empty(half, np.uint8))

    def acquire(self) -> Planes:
        return self._free.pop() if self._free else self._new()

    def release(self, planes: Planes) -> None:
        self._free.append(planes)
