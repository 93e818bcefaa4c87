"""A small, real video generator for the job-system tests (loaded from a plugins folder).

It makes a tiny H.264 clip with ffmpeg in (roughly) real time, so a render lasts as long as
the test needs — long enough to kill a worker in the middle of it — and reports ffmpeg's
progress like the template renderer does. It reads the product photo first: a corrupt photo
is a clear, permanent error, as with the real renderer.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from studio import hookimpl
from studio.contracts import (
    GenerationRequest,
    GenerationResult,
    GeneratorCapabilities,
    PluginError,
    ProgressCallback,
)


class TestClips:
    name = "test-clips"
    version = "1.0"

    def capabilities(self) -> GeneratorCapabilities:
        return GeneratorCapabilities(
            text_to_video=False, image_to_video=True, durations=[1.0],
            aspect_ratios=["9:16", "1:1", "16:9", "4:5"], resolutions=["64x64"],
        )

    def generate(self, request: GenerationRequest, progress: ProgressCallback) -> GenerationResult:
        seconds = float(request.options.get("seconds", 1.0))
        flaky = request.options.get("flaky_marker")
        if flaky:  # fail transiently the first time (a provider's 503, a dropped connection)
            marker = Path(flaky)
            if not marker.exists():
                marker.write_text("failed once")
                raise PluginError("the network dropped (simulated)", transient=True)
        color = "0x808080"
        if request.product and request.product.images:
            photo = Path(request.product.images[0])
            try:
                with Image.open(photo) as image:
                    image.load()
                    r, g, b = image.convert("RGB").resize((1, 1)).getpixel((0, 0))
            except Exception as exc:
                raise PluginError(
                    f"product image {photo.name} cannot be read ({type(exc).__name__}: {exc}); "
                    "replace the photo with a JPEG or PNG"
                ) from exc
            color = f"0x{r:02x}{g:02x}{b:02x}"
        # written as a .part file and renamed when whole, as the real renderer does: a
        # killed render leaves one behind in its work folder
        partial = request.output_path.with_name(f".{request.output_path.name}.part")
        command = [
            "ffmpeg", "-nostdin", "-v", "error", "-y", "-re", "-f", "lavfi",
            "-i", f"color=c={color}:s=64x64:r=10:d={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-progress", "pipe:1", "-f", "mp4", str(partial),
        ]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert process.stdout is not None
            for line in process.stdout:
                key, _, value = line.decode().strip().partition("=")
                if key == "out_time_us" and value.isdigit():
                    progress(min(int(value) / 1e6 / seconds, 1.0), "encoding")
            if process.wait() != 0:
                raise PluginError(f"ffmpeg failed: {process.stderr.read().decode()[-300:]}")
        finally:
            if process.poll() is None:  # stopped early (cancelled): no ffmpeg left behind
                process.kill()
                process.wait()
        partial.replace(request.output_path)
        progress(1.0, "done")
        metadata = {}
        if request.options.get("poster_color"):  # a generator that makes its own poster
            poster = request.output_path.with_suffix(".poster.jpg")
            Image.new("RGB", (64, 64), request.options["poster_color"]).save(poster)
            metadata["poster"] = str(poster)
        return GenerationResult(path=request.output_path, duration=seconds, width=64, height=64,
                                metadata=metadata)


@hookimpl
def register_generators(register):  # type: ignore[no-untyped-def]
    register(TestClips())
