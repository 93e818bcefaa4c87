"""An example studio plugin: a ``gradient`` video generator.

It makes a slowly moving two-colour gradient clip with ffmpeg (no API key, no network), sized
for the requested format, 30 fps, with a silent audio track — exactly what a template's
AI-clip slot expects. Colours come from ``request.options["colors"]`` (two ``#RRGGBB``) or,
without them, from the product title, so one product always gets the same colours.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from studio import hookimpl
from studio.contracts import (
    Configuration,
    GenerationRequest,
    GenerationResult,
    GeneratorCapabilities,
    PluginError,
    ProgressCallback,
)

__version__ = "0.1.0"

SIZES = {"9:16": (1080, 1920), "1:1": (1080, 1080), "16:9": (1920, 1080), "4:5": (1080, 1350)}
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def colours_for(request: GenerationRequest) -> tuple[str, str]:
    colours = request.options.get("colors")
    if colours:
        if len(colours) != 2 or not all(isinstance(c, str) and HEX.match(c) for c in colours):
            raise PluginError('options.colors: give two colours as "#RRGGBB", e.g. '
                              '["#FF6B6B", "#4ECDC4"]')
        return colours[0], colours[1]
    seed = (request.product.title if request.product else request.prompt) or "studio"
    digest = hashlib.sha256(seed.encode()).hexdigest()
    return f"#{digest[:6]}", f"#{digest[6:12]}"


class GradientGenerator:
    name = "gradient"
    version = __version__

    def configuration(self) -> Configuration:
        return Configuration(configured=True)

    def capabilities(self) -> GeneratorCapabilities:
        return GeneratorCapabilities(
            text_to_video=True, image_to_video=False, durations=[3.0, 5.0, 10.0],
            aspect_ratios=["9:16", "1:1", "16:9", "4:5"],
            resolutions=[f"{w}x{h}" for w, h in SIZES.values()],
            price_per_second=Decimal("0"), max_concurrency=2,
            notes="Example plugin: an animated two-colour gradient made locally with ffmpeg.",
        )

    def generate(self, request: GenerationRequest, progress: ProgressCallback) -> GenerationResult:
        width, height = SIZES[request.aspect_ratio]
        if request.preview:
            width, height = width // 4 * 2, height // 4 * 2
        seconds = request.duration or 5.0
        first, second = colours_for(request)
        progress(0.1, "gradient: drawing")
        out = Path(request.output_path)
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".mp4", dir=out.parent)
        os.close(fd)
        args = [
            "ffmpeg", "-y", "-v", "error",
            "-f", "lavfi", "-i",
            f"gradients=s={width}x{height}:c0={first}:c1={second}:x0=0:y0=0:x1={width}:"
            f"y1={height}:speed=0.02:rate=30:duration={seconds}",
            "-f", "lavfi", "-t", str(seconds), "-i", "anullsrc=r=48000:cl=stereo",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-shortest", tmp,
        ]
        done = subprocess.run(args, capture_output=True, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            os.unlink(tmp)
            raise PluginError(f"ffmpeg failed: {done.stderr.decode()[-300:]}")
        os.replace(tmp, out)  # never leave a half-written file at the output path
        progress(1.0, "gradient: done")
        return GenerationResult(path=out, duration=seconds, width=width, height=height,
                                metadata={"colors": [first, second]})


@hookimpl
def register_generators(register: Any) -> None:
    register(GradientGenerator())
