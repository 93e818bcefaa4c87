"""A 40-megapixel photo (the catalog's pixel limit) is scaled once and dropped.

JPEG decodes reduced already; a PNG decodes in full (153 MB in Pillow at 40 MP), and before
this was copied whole into numpy and decoded whole again for the blurred backdrop: the
peaks were 381 MB (preparing the photo) and 420 MB (a render), 2.5-2.7 decodes.
The work runs in a fresh interpreter of its own (as a render does in a worker's child
process), where the resident-memory peak is reset (``/proc/self/clear_refs``) and read back
(``VmHWM``) around it: in the test process itself, threads other test files left running
(servers, workers) allocate at the same moment, and the peak was theirs too (254 MB once).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.render.motion import KenBurnsFrames, MotionLayer
from studio.render.plan import Box, KenBurns
from tests.render.helpers import probe

ROOT = Path(__file__).resolve().parents[2]

SIZE = (8000, 5000)  # 40 MP
FULL_MB = SIZE[0] * SIZE[1] * 4 / 2**20  # one decode (Pillow keeps RGB in 4 bytes): 153 MB


# Run in the fresh interpreter: reset the peak once the libraries that are not the photo
# (OpenCV's and PyAV's, ~35 MB each) are loaded, do the work, print the peak over the start.
_MEASURE = """
import sys
from pathlib import Path
from studio.render import encode
from studio.render.pixels import cv2

def status(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)

cv2(); encode.available()
try:
    Path("/proc/self/clear_refs").write_text("5")
except OSError:
    print("cannot-reset"); sys.exit(0)
start = status("VmRSS")
%s
print(status("VmHWM") - start)
"""


def _peak_of(work: str, **values: object) -> float:
    """The resident-memory peak (MB over the start) of ``work`` in a fresh interpreter."""
    code = _MEASURE % textwrap.dedent(work).format(**{k: repr(v) for k, v in values.items()})
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.split()[-1]
    if last == "cannot-reset":
        pytest.skip("cannot reset the peak RSS here")
    return float(last)


@pytest.fixture(scope="module")
def big_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.png"
    y, x = np.mgrid[0:SIZE[1]:50, 0:SIZE[0]:50]  # a coarse pattern, enlarged: quick to write
    small = np.stack([(x * 7) % 256, (y * 5) % 256, (x + y) % 256], axis=2).astype(np.uint8)
    Image.fromarray(small).resize(SIZE, Image.Resampling.NEAREST).save(path, compress_level=1)
    return path


def test_a_40_megapixel_png_is_scaled_once_and_dropped(big_png: Path) -> None:
    peak = _peak_of("""
        from pathlib import Path
        from studio.render.motion import KenBurnsFrames, MotionLayer
        from studio.render.plan import Box, KenBurns
        layer = MotionLayer(Path({path}), Box(0, 0, 320, 320), KenBurns(1.0, 1.1), 15)
        photo = KenBurnsFrames(layer)
        """, path=str(big_png))
    # one full decode at most at any moment (no numpy copy of it, no second decode)
    assert peak < 1.25 * FULL_MB, f"{peak:.0f} MB over the start, one decode is {FULL_MB:.0f}"
    # what is kept is the photo at the size the rectangle needs, not the 40 MP decode
    photo = KenBurnsFrames(MotionLayer(big_png, Box(0, 0, 320, 320), KenBurns(1.0, 1.1), 15))
    kept = sum(plane.nbytes for plane in (photo.y, photo.cb, photo.cr))
    assert photo.y.shape == (320, 512) and kept < 1 << 20


def test_a_slideshow_of_it_renders_within_one_decode(big_png: Path, tmp_path: Path) -> None:
    peak = _peak_of("""
        from pathlib import Path
        from studio.render import render_video
        from studio.render.plan import Box, KenBurns, OutputSpec, PhotoLayer, RenderPlan, Scene
        photo = PhotoLayer(Path({path}), Box(0, 0, 320, 320), "contain_blur", KenBurns())
        plan = RenderPlan(OutputSpec(320, 320), (Scene(0.5, main=photo),) * 2)
        render_video(plan, Path({out}))
        """, path=str(big_png), out=str(tmp_path / "big.mp4"))
    assert probe(tmp_path / "big.mp4").frames == 30
    # each scene decodes it for the moving photo and its blurred backdrop, one at a time,
    # each scaled down at once: never two full decodes (or a decode and its copy) together
    assert peak < 1.25 * FULL_MB + 30, f"{peak:.0f} MB over the start, one decode {FULL_MB:.0f}"
