"""Catalog images are fetched safely: public hosts only, image types, size limits, cache."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from studio.config import Settings
from studio.ingest import images
from studio.ingest.images import ImageFetchError, fetch_image


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(out, "PNG")
    return out.getvalue()


ROUTES = {
    "/ok.png": (200, "image/png", png(8, 8)),
    "/page": (200, "text/html", b"<html></html>"),
    "/bomb.png": (200, "image/png", png(3000, 3000)),
    "/gone.png": (404, "text/plain", b"no"),
}


@pytest.fixture
def server():
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            hits.append(self.path)
            if self.path == "/hop":
                self.send_response(302)
                self.send_header("Location", "/ok.png")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, ctype, body = ROUTES[self.path.split("?")[0]]
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", hits
    srv.shutdown()
    srv.server_close()


def test_loopback_is_refused_unless_allowed(server, tmp_path):
    url, hits = server
    with pytest.raises(ImageFetchError, match="private or local address.*ALLOW_PRIVATE_URLS"):
        fetch_image(f"{url}/ok.png", settings=Settings(media_root=tmp_path))
    assert hits == []  # refused before connecting
    with pytest.raises(ImageFetchError, match="only http"):
        fetch_image("file:///etc/passwd", settings=Settings(media_root=tmp_path))


def test_fetched_once_then_cached(server, tmp_path):
    url, hits = server
    settings = Settings(media_root=tmp_path, allow_private_urls=True)
    first = fetch_image(f"{url}/hop", settings=settings)
    second = fetch_image(f"{url}/hop", settings=settings)
    assert first == second and first.suffix == ".png" and first.is_relative_to(tmp_path)
    assert Image.open(first).size == (8, 8)
    assert hits == ["/hop", "/ok.png"]


def test_not_images_and_too_big_are_refused(server, tmp_path, monkeypatch):
    url, _ = server
    settings = Settings(media_root=tmp_path, allow_private_urls=True)
    with pytest.raises(ImageFetchError, match="'text/html' is not an image"):
        fetch_image(f"{url}/page", settings=settings)
    with pytest.raises(ImageFetchError, match="HTTP 404"):
        fetch_image(f"{url}/gone.png", settings=settings)
    monkeypatch.setattr(images, "MAX_PIXELS", 1_000_000)
    with pytest.raises(ImageFetchError, match="3000x3000 is over"):
        fetch_image(f"{url}/bomb.png", settings=settings)
    monkeypatch.setattr(images, "MAX_BYTES", 10)
    with pytest.raises(ImageFetchError, match="over 10|larger than 10"):
        fetch_image(f"{url}/ok.png?x", settings=settings)
    assert not list((tmp_path / "catalog-images").glob("*"))


def test_the_checked_address_is_the_one_connected_to():
    from studio.ingest.images import _check_host

    # no DNS lookup between check and connect: the URL is pinned to the checked address
    url, headers, extensions = _check_host("https://93.184.216.34/p.png?w=1", False)
    assert url == "https://93.184.216.34:443/p.png?w=1"
    assert headers == {"Host": "93.184.216.34"} and extensions == {"sni_hostname": "93.184.216.34"}
    url, headers, _ = _check_host("http://[2606:2800:220:1::1]:8080/a.png", False)
    assert url == "http://[2606:2800:220:1::1]:8080/a.png"
    assert headers == {"Host": "[2606:2800:220:1::1]:8080"}
    for private in ("http://10.0.0.5/a.png", "http://169.254.169.254/latest", "http://[::1]/x"):
        with pytest.raises(ImageFetchError, match="private or local"):
            _check_host(private, False)
