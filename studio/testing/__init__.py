"""The plugin author's kit: test a studio plugin without the studio's servers or the cloud.

- :func:`temporary_plugin` registers a plugin for one ``with`` block and always unregisters it.
- :func:`sample_product` / :func:`sample_photo` / :func:`sample_video` make real inputs
  (a product with a photo on disk, a small MP4 from ffmpeg's test source).
- :func:`check_generator` is the render harness for a generator: it runs ``generate`` the way a
  render job does (the product's photos local files, a scratch folder of the job's own) and
  checks the promise of the contract (members, file written at ``output_path``, size and
  duration as reported, progress within 0..1); :func:`render_with_clip` puts the clip into a
  template's AI-clip slot through the real renderer.
- :func:`check_template` loads a template folder as the studio does and lays it out with a
  product in every format it declares.
- :class:`FakeHTTPServer` is a real HTTP server on 127.0.0.1 (random port) with scripted
  failures and latency, to point an official SDK at by base URL; :func:`start_fake` starts the
  studio's own fakes (OpenAI videos, Gemini/Veo, Ark, Anthropic) from a source checkout.

Usage (pytest)::

    from studio.testing import check_generator, temporary_plugin
    import my_plugin

    def test_my_generator(tmp_path):
        with temporary_plugin(my_plugin, isolated=True) as host:
            generator = host.get("generator", "my-generator")
            result = check_generator(generator, tmp_path)
            assert result.duration > 0
"""

from __future__ import annotations

import contextlib
import importlib
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.contracts import GenerationRequest, GenerationResult, VideoGenerator
from studio.media_tools import MediaToolError, binary
from studio.media_tools import run as run_tool
from studio.product import ProductData
from studio.testing.fakes import FakeHTTPServer, Reply, Seen, start_fake

if TYPE_CHECKING:
    from studio.templating.registry import Template

__all__ = [
    "FakeHTTPServer", "Reply", "Seen", "check_generator", "check_template", "ffmpeg_available",
    "render_with_clip", "sample_photo", "sample_product", "sample_video", "start_fake",
    "temporary_plugin",
]

# --- registration -----------------------------------------------------------------------------


@contextlib.contextmanager
def temporary_plugin(plugin: Any, name: str | None = None, *, isolated: bool = False
                     ) -> Iterator[Any]:
    """Register ``plugin`` (a module or object with hookimpls) for the block, yielding the host
    (``host.get("generator", name)``); always unregistered after. By default it joins the
    process-wide host the CLI and API use; ``isolated=True`` gives a host with nothing else
    loaded — the way to test an installed package, which the process-wide host has loaded
    already (a plugin cannot be registered twice in one host)."""
    from studio.plugins import PluginHost, get_host

    host = PluginHost() if isolated else get_host()
    plugin_name = name or getattr(plugin, "__name__", None) or type(plugin).__name__
    with host.temporary(plugin, plugin_name):
        yield host


# --- sample inputs ----------------------------------------------------------------------------

_cache_dir: Path | None = None
_cache_lock = threading.Lock()


def _cache() -> Path:
    global _cache_dir
    with _cache_lock:
        if _cache_dir is None or not _cache_dir.is_dir():
            _cache_dir = Path(tempfile.mkdtemp(prefix="studio-testing-"))
        return _cache_dir


def sample_video(
    *, seconds: float = 2.0, size: tuple[int, int] = (320, 568), fps: int = 24,
    audio: bool = False,
) -> Path:
    """A small real MP4 (ffmpeg ``testsrc2``), made once per process per shape. Do not modify."""
    width, height = size
    path = _cache() / f"sample-{width}x{height}-{fps}-{seconds:g}-{int(audio)}.mp4"
    with _cache_lock:
        if not path.is_file():
            tmp = path.with_suffix(".part.mp4")
            args = ["-y", "-v", "error", "-f", "lavfi", "-i",
                    f"testsrc2=size={width}x{height}:rate={fps}:duration={seconds}"]
            if audio:
                args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                         "-c:a", "aac", "-shortest"]
            args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(tmp)]
            run_tool("ffmpeg", args, what="make a sample video")
            tmp.replace(path)
    return path


def sample_photo(color: tuple[int, int, int] = (200, 40, 40), size: tuple[int, int] = (600, 800),
                 folder: Path | None = None) -> Path:
    """A product-photo-like JPEG (a coloured object on a light background)."""
    from PIL import Image, ImageDraw

    folder = folder or _cache()
    path = folder / f"photo-{'-'.join(map(str, color))}-{size[0]}x{size[1]}.jpg"
    if not path.is_file():
        image = Image.new("RGB", size, (240, 238, 232))
        draw = ImageDraw.Draw(image)
        w, h = size
        draw.rounded_rectangle((w * 0.25, h * 0.2, w * 0.75, h * 0.8), radius=w // 10, fill=color)
        image.save(path, "JPEG", quality=90)
    return path


def sample_product(language: str = "en", **overrides: Any) -> ProductData:
    """A realistic product with one photo on disk; ``language="zh"`` gives a Chinese listing."""
    if language.startswith("zh"):
        data: dict[str, Any] = {
            "title": "便携式榨汁杯",
            "description": "无线充电，30秒鲜榨果汁，304不锈钢刀头，一键清洗。",
            "price": "129.00", "compare_at_price": "199.00", "currency": "CNY",
            "category": "厨房电器", "attributes": {"language": "zh"},
        }
    else:
        data = {
            "title": "Portable Blender Bottle",
            "description": "Cordless, USB-C rechargeable. Fresh smoothies in 30 seconds.",
            "price": "39.99", "compare_at_price": "59.99", "currency": "USD",
            "category": "Kitchen", "attributes": {"language": "en"},
        }
    data["images"] = [str(sample_photo())]
    data.update(overrides)
    return ProductData.model_validate(data)


# --- render harness ---------------------------------------------------------------------------


def check_generator(
    generator: VideoGenerator,
    folder: Path,
    *,
    request: GenerationRequest | None = None,
    **request_fields: Any,
) -> GenerationResult:
    """Run ``generator.generate`` like a render job and check what the contract promises.

    As in a worker, the product's photos are local files (media-library paths and links are
    fetched into ``folder/photos`` first) and ``request.scratch_dir`` is a folder of the
    job's own (``folder/scratch``), removed once ``generate`` returns. ``request_fields``
    change the default request (a sample product, the first format and duration the
    generator declares); ``request`` replaces it.
    """
    from studio.contract_check import contract_problems
    from studio.media_tools import probe
    from studio.product_media import with_local_photos

    problems = contract_problems(generator, VideoGenerator)
    assert not problems, (f"{type(generator).__name__} does not satisfy the VideoGenerator "
                          f"contract: {'; '.join(problems)}")
    capabilities = generator.capabilities()
    assert capabilities.durations, f"{generator.name}: capabilities declare no durations"
    assert capabilities.aspect_ratios, f"{generator.name}: capabilities declare no aspect ratios"
    assert capabilities.price_per_second >= Decimal("0")
    folder = Path(folder)
    if request is None:
        fields: dict[str, Any] = {
            "output_path": folder / f"{generator.name}.mp4",
            "aspect_ratio": capabilities.aspect_ratios[0],
            "duration": capabilities.durations[0],
            "product": sample_product(),
            "prompt": "A product turning slowly on a table",
        }
        fields.update(request_fields)
        request = GenerationRequest(**fields)
    scratch = request.scratch_dir or folder / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    product = (with_local_photos(request.product, folder / "photos")
               if request.product is not None else None)
    request = request.model_copy(update={"scratch_dir": scratch, "product": product})
    steps: list[tuple[float, str]] = []
    try:
        result = generator.generate(request, lambda fraction, text: steps.append((fraction, text)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # as a job's folder is
    assert isinstance(result, GenerationResult), "generate() must return a GenerationResult"
    assert result.path.is_file(), f"{generator.name}: {result.path} was not written"
    assert result.path.resolve() == Path(request.output_path).resolve(), (
        f"{generator.name}: wrote {result.path}; write the video to request.output_path")
    info = probe(result.path)
    assert (info.width, info.height) == (result.width, result.height), (
        f"{generator.name}: reported {result.width}x{result.height}, file is "
        f"{info.width}x{info.height}"
    )
    assert abs(info.duration - result.duration) < 0.25, (
        f"{generator.name}: reported {result.duration:.2f} s, file is {info.duration:.2f} s"
    )
    assert all(0.0 <= f <= 1.0 for f, _ in steps), "progress fractions must stay within 0..1"
    return result


def check_template(folder: Path, product: ProductData | None = None) -> Template:
    """Load the template in ``folder`` as the studio loads a plugin's, and lay it out with
    ``product`` (a sample by default) in every format it declares; a problem raises with its
    reason (file, field, scene). Returns the loaded template."""
    from studio.templating import load_template, resolve_template
    from studio.templating.registry import template_problems

    problems = template_problems(Path(folder))
    assert not problems, "\n".join(problems)
    template = load_template(Path(folder), source="plugin")
    with tempfile.TemporaryDirectory(prefix="studio-template-check-") as tmp:
        for format_key in template.spec.formats:
            work = Path(tmp) / format_key.replace(":", "x")
            work.mkdir()
            resolve_template(template, product or sample_product(), format_key, work_dir=work,
                             voiceover=False)
    return template


def render_with_clip(clip: Path, output: Path, *, size: tuple[int, int] = (540, 960),
                     seconds: float = 2.0) -> Path:
    """Render a one-scene video whose main layer is ``clip`` (the AI-clip slot) through the
    studio renderer. Needs ``studio.render.render_plan``; raises ImportError without it."""
    from studio.render import plan as p

    renderer = importlib.import_module("studio.render")
    render_plan: Callable[..., Any] = renderer.render_plan
    w, h = size
    scene = p.Scene(duration=seconds, main=p.ClipLayer(video=Path(clip), box=p.Box(0, 0, w, h)))
    plan = p.RenderPlan(output=p.OutputSpec(width=w, height=h), scenes=(scene,))
    render_plan(plan, Path(output))
    return Path(output)


def ffmpeg_available() -> bool:
    """The studio's ffmpeg and ffprobe (the configured ones, else those on PATH) are there."""
    try:
        binary("ffmpeg")
        binary("ffprobe")
    except MediaToolError:
        return False
    return True
