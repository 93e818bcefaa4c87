"""The plugin author's kit: test a studio plugin without the studio's servers or the cloud.

- :func:`temporary_plugin` registers a plugin for one ``with`` block and always unregisters it.
- :func:`sample_product` / :func:`sample_photo` / :func:`sample_video` make real inputs
  (a product with a photo on disk, a small MP4 from ffmpeg's test source).
- :func:`check_generator` is the render harness for a generator: it runs ``generate`` the way a
  render job does and checks the promise of the contract (file exists, size and duration as
  reported, capabilities coherent); :func:`render_with_clip` puts the clip into a template's
  AI-clip slot through the real renderer when the studio's renderer is installed.
- :class:`FakeHTTPServer` is a real HTTP server on 127.0.0.1 (random port) with scripted
  failures and latency, to point an official SDK at by base URL; :func:`start_fake` starts the
  studio's own fakes (OpenAI videos, Gemini/Veo, Ark, Anthropic) from a source checkout.

Usage (pytest)::

    from studio.testing import check_generator, temporary_plugin
    import my_plugin

    def test_my_generator(tmp_path):
        with temporary_plugin(my_plugin) as host:
            generator = host.get("generator", "my-generator")
            result = check_generator(generator, tmp_path)
            assert result.duration > 0
"""

from __future__ import annotations

import contextlib
import importlib
import json
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from studio.contracts import GenerationRequest, GenerationResult, VideoGenerator
from studio.media_tools import MediaToolError, binary
from studio.media_tools import run as run_tool
from studio.product import ProductData

# --- registration -----------------------------------------------------------------------------


@contextlib.contextmanager
def temporary_plugin(plugin: Any, name: str | None = None, *, isolated: bool = False
                     ) -> Iterator[Any]:
    """Register ``plugin`` (a module or object with hookimpls) for the block, yielding the host
    (``host.get("generator", name)``); always unregistered after. By default it joins the
    process-wide host the CLI and API use; ``isolated=True`` gives a host with nothing else
    loaded. A plugin object already loaded (e.g. your installed package) cannot be registered
    twice: register a small test-only object instead."""
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
    """Run ``generator.generate`` like a render job and check what the contract promises."""
    from studio.ai.clips import probe

    capabilities = generator.capabilities()
    assert capabilities.durations, f"{generator.name}: capabilities declare no durations"
    assert capabilities.aspect_ratios, f"{generator.name}: capabilities declare no aspect ratios"
    assert capabilities.price_per_second >= Decimal("0")
    if request is None:
        fields: dict[str, Any] = {
            "output_path": Path(folder) / f"{generator.name}.mp4",
            "aspect_ratio": capabilities.aspect_ratios[0],
            "duration": capabilities.durations[0],
            "product": sample_product(),
            "prompt": "A product turning slowly on a table",
        }
        fields.update(request_fields)
        request = GenerationRequest(**fields)
    steps: list[tuple[float, str]] = []
    result = generator.generate(request, lambda fraction, text: steps.append((fraction, text)))
    assert isinstance(result, GenerationResult), "generate() must return a GenerationResult"
    assert result.path.is_file(), f"{generator.name}: {result.path} was not written"
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


# --- fake HTTP servers ------------------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: bytes | dict[str, Any] | list[Any] | str = b""
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> tuple[bytes, str]:
        if isinstance(self.body, bytes):
            return self.body, "application/octet-stream"
        if isinstance(self.body, str):
            return self.body.encode(), "text/plain; charset=utf-8"
        return json.dumps(self.body).encode(), "application/json"


@dataclass
class Seen:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class _Scripted:
    reply: Reply
    method: str | None
    path_contains: str | None
    times: int


class FakeHTTPServer:
    """A threaded HTTP server on 127.0.0.1 with a random port. Subclasses implement
    :meth:`handle`; tests script failures with :meth:`fail_next` and slow it with ``latency``."""

    def __init__(self, *, latency: float = 0.0) -> None:
        self.latency = latency
        self.seen: list[Seen] = []
        self._scripted: deque[_Scripted] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # subclasses override
    def handle(self, request: Seen) -> Reply:
        return Reply(404, {"error": {"message": f"no route for {request.method} {request.path}"}})

    def fail_next(self, status: int, body: Any = None, *, headers: dict[str, str] | None = None,
                  times: int = 1, method: str | None = None, path_contains: str | None = None
                  ) -> None:
        """Answer the next ``times`` matching requests with ``status`` (e.g. 429 + Retry-After)."""
        reply = Reply(status, body if body is not None else {"error": {"message": "scripted"}},
                      headers or {})
        with self._lock:
            self._scripted.append(_Scripted(reply, method, path_contains, times))

    def _scripted_reply(self, request: Seen) -> Reply | None:
        with self._lock:
            for item in self._scripted:
                if item.method and item.method != request.method:
                    continue
                if item.path_contains and item.path_contains not in request.path:
                    continue
                item.times -= 1
                if item.times <= 0:
                    self._scripted.remove(item)
                return item.reply
        return None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake first"
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}"

    def start(self) -> FakeHTTPServer:
        if self._server is not None:  # already running (e.g. start_fake() then ``with``)
            return self
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = Seen(self.command, parts.path, parts.query,
                               {k.lower(): v for k, v in self.headers.items()}, body)
                fake.seen.append(request)
                if fake.latency:
                    time.sleep(fake.latency)
                try:
                    reply = fake._scripted_reply(request) or fake.handle(request)
                except Exception as exc:  # a bug in a fake must show up as a 500, not a hang
                    reply = Reply(500, {"error": {"message": f"fake crashed: {exc!r}"}})
                data, content_type = reply.encoded()
                self.send_response(reply.status)
                headers = {"content-type": content_type, **reply.headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _serve

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeHTTPServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_FAKES = {
    "openai": ("openai_videos", "FakeOpenAI"),
    "google": ("google_genai", "FakeGoogle"),
    "ark": ("ark", "FakeArk"),
    "anthropic": ("anthropic_messages", "FakeAnthropic"),
}


def start_fake(provider: str, **options: Any) -> FakeHTTPServer:
    """Start the studio's fake of ``provider`` (openai | google | ark | anthropic). The fakes
    live in ``tests/fakes`` of a source checkout; call ``.stop()`` (or use ``with``)."""
    if provider not in _FAKES:
        raise ValueError(f"no fake for {provider!r}; choose one of {', '.join(_FAKES)}")
    module_name, class_name = _FAKES[provider]
    checkout = Path(__file__).resolve().parents[1]
    if not (checkout / "tests" / "fakes").is_dir():
        raise RuntimeError("the fakes ship with the studio's source checkout (tests/fakes)")
    if str(checkout) not in sys.path:
        sys.path.insert(0, str(checkout))
    module = importlib.import_module(f"tests.fakes.{module_name}")
    fake: FakeHTTPServer = getattr(module, class_name)(**options)
    return fake.start()


def ffmpeg_available() -> bool:
    """The studio's ffmpeg and ffprobe (the configured ones, else those on PATH) are there."""
    try:
        binary("ffmpeg")
        binary("ffprobe")
    except MediaToolError:
        return False
    return True
