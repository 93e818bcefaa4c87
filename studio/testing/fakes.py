"""Fake HTTP servers for plugin tests: point an official SDK at one by base URL.

:class:`FakeHTTPServer` is a real HTTP server on 127.0.0.1 (random port) with scripted
failures and latency; :func:`start_fake` starts the studio's own fakes (OpenAI videos,
Gemini/Veo, Ark, Anthropic) from a source checkout. Both are importable from
``studio.testing``.
"""

from __future__ import annotations

import importlib
import json
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# --- fake HTTP servers ------------------------------------------------------------------------


@dataclass
class Reply:
    """What a fake answers: a status, a body (bytes, text, or JSON from a dict or list) and
    headers (``Retry-After`` for a 429, say)."""

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
    """A request the fake received (``fake.seen``), for a test to check what the SDK sent."""

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
    checkout = Path(__file__).resolve().parents[2]  # studio/testing/fakes.py
    if not (checkout / "tests" / "fakes").is_dir():
        raise RuntimeError("the fakes ship with the studio's source checkout (tests/fakes)")
    if str(checkout) not in sys.path:
        sys.path.insert(0, str(checkout))
    module = importlib.import_module(f"tests.fakes.{module_name}")
    fake: FakeHTTPServer = getattr(module, class_name)(**options)
    return fake.start()
