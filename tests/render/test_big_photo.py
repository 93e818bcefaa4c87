"""A 40-megapixel photo (the catalog's pixel limit) is scaled once and dropped.

JPEG decodes reduced already; a PNG decodes in full (153 MB in Pillow at 40 MP), and before
this was copied whole into numpy and decoded whole again for the blurred backdrop: the
peaks were 381 MB (preparing the photo) and 420 MB (a render), 2.5-2.7 decodes.
The resident-memory peak of the process is reset (``/proc/self/clear_refs``) and read back
(``VmHWM``) around the work, so the figure is this work's own.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.render import encode, render_video
from studio.render.motion import KenBurnsFrames, MotionLayer
from studio.render.pixels import cv2
from studio.render.plan import Box, KenBurns, OutputSpec, PhotoLayer, RenderPlan, Scene
from tests.render.helpers import probe

SIZE = (8000, 5000)  # 40 MP
FULL_MB = SIZE[0] * SIZE[1] * 4 / 2**20  # one decode (Pillow keeps RGB in 4 bytes): 153 MB


def _status(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)


def _reset_peak() -> float:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0); the RSS it starts from. OpenCV's and
    PyAV's libraries (~35 MB each once imported) are loaded first: they are not the photo."""
    cv2()
    encode.available()
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pytest.skip("cannot reset the peak RSS here")
    return _status("VmRSS")


@pytest.fixture(scope="module")
def big_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.png"
    y, x = np.mgrid[0:SIZE[1]:50, 0:SIZE[0]:50]  # a coarse pattern, enlarged: quick to write
    small = np.stack([(x * 7) % 256, (y * 5) % 256, (x + y) % 256], axis=2).astype(np.uint8)
    Image.fromarray(small).resize(SIZE, Image.Resampling.NEAREST).save(path, compress_level=1)
    return path


def test_a_40_megapixel_png_is_scaled_once_and_dropped(big_png: Path) -> None:
    start = _reset_peak()
    photo = KenBurnsFrames(MotionLayer(big_png, Box(0, 0, 320, 320), KenBurns(1.0, 1.1), 15))
    peak = _status("VmHWM") - start
    # one full decode at most at any moment (no numpy copy of it, no second decode)
    assert peak < 1.25 * FULL_MB, f"{peak:.0f} MB over the start, one decode is {FULL_MB:.0f}"
    # what is kept is the photo at the size the rectangle needs, not the 40 MP decode
    kept = sum(plane.nbytes for plane in (photo.y, photo.cb, photo.cr))
    assert photo.y.shape == (320, 512) and kept < 1 << 20


def test_a_slideshow_of_it_renders_within_one_decode(big_png: Path, tmp_path: Path) -> None:
    plan = RenderPlan(OutputSpec(320, 320), tuple(
        Scene(0.5, main=PhotoLayer(big_png, Box(0, 0, 320, 320), "contain_blur", KenBurns()))
        for _ in range(2)))
    start = _reset_peak()
    result = render_video(plan, tmp_path / "big.mp4")
    peak = _status("VmHWM") - start
    assert probe(result.path).frames == 30
    # each scene decodes it for the moving photo and its blurred backdrop, one at a time,
    # each scaled down at once: never two full decodes (or a decode and its copy) together
    assert peak < 1.25 * FULL_MB + 30, f"{peak:.0f} MB over the start, one decode {FULL_MB:.0f}"
