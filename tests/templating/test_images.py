"""Bad product photos are handled or refused with a message naming the file — never a crash."""

from __future__ import annotations

import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from studio.config import get_settings
from studio.templating.images import ImageProblem, prepare_image


def _checked(path, tmp_path):
    return prepare_image(str(path), tmp_path / "work")


def _rgb_of(result):
    with Image.open(result.path) as im:
        assert im.mode == "RGB"
        return im.getpixel((im.width // 2, im.height // 2)), im.size


def test_zero_byte_file(tmp_path):
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    with pytest.raises(ImageProblem, match=r"empty\.jpg.*empty \(0 bytes\)"):
        _checked(path, tmp_path)


def test_corrupt_file(tmp_path, photo):
    path = photo(name="broken.jpg")
    data = path.read_bytes()
    path.write_bytes(data[:200] + b"\x00garbage" * 50)
    with pytest.raises(ImageProblem, match=r"broken\.jpg.*(not a readable image|export it)"):
        _checked(path, tmp_path)


def test_not_an_image(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("just some text pretending to be a photo")
    with pytest.raises(ImageProblem, match=r"notes\.jpg.*not a readable image"):
        _checked(path, tmp_path)


def test_missing_file(tmp_path):
    with pytest.raises(ImageProblem, match=r"nope\.jpg: no such image file"):
        _checked(tmp_path / "nope.jpg", tmp_path)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG claiming a huge size: the header alone is enough to refuse it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_decompression_bomb_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header_only(60_000, 60_000))
    with pytest.raises(ImageProblem, match=r"bomb\.png.*(too many pixels|too large).*resize"):
        _checked(path, tmp_path)


def test_cmyk_is_converted(tmp_path):
    path = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (600, 600), (0, 255, 255, 0)).save(path)  # pure red in CMYK
    result = _checked(path, tmp_path)
    (r, g, b), _ = _rgb_of(result)
    assert r > 200 and g < 60 and b < 60
    assert any("CMYK" in note for note in result.warnings)


def test_png_alpha_is_flattened_onto_white(tmp_path):
    path = tmp_path / "cutout.png"
    image = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    image.paste((0, 0, 255, 255), (200, 200, 400, 400))
    image.save(path)
    result = _checked(path, tmp_path)
    with Image.open(result.path) as im:
        assert im.getpixel((10, 10))[0] > 245  # transparent corner → white
        b = im.getpixel((300, 300))
        assert b[2] > 200 and b[0] < 50


def test_animated_gif_uses_the_first_frame(tmp_path):
    path = tmp_path / "spin.gif"
    frames = [Image.new("RGB", (600, 600), c) for c in ((0, 200, 0), (200, 0, 0), (0, 0, 200))]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    result = _checked(path, tmp_path)
    (r, g, b), _ = _rgb_of(result)
    assert g > 150 and r < 60
    assert any("first frame" in note for note in result.warnings)


def test_animated_webp_uses_the_first_frame(tmp_path):
    path = tmp_path / "spin.webp"
    frames = [Image.new("RGB", (600, 600), c) for c in ((0, 0, 200), (200, 0, 0))]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, lossless=True)
    (r, g, b), _ = _rgb_of(_checked(path, tmp_path))
    assert b > 150 and r < 60


def test_tiny_image_is_refused(tmp_path, photo):
    with pytest.raises(ImageProblem, match=r"icon\.jpg: 40x40 is too small"):
        _checked(photo(size=(40, 40), name="icon.jpg"), tmp_path)


def test_small_image_is_upscaled_with_a_warning(tmp_path, photo):
    result = _checked(photo(size=(200, 300), name="small.jpg"), tmp_path)
    assert (result.width, result.height) == (480, 720)
    assert any("upscaled" in note for note in result.warnings)


def test_exif_orientation_is_applied(tmp_path):
    path = tmp_path / "rotated.jpg"
    image = Image.new("RGB", (800, 400), (255, 0, 0))
    image.paste((0, 0, 255), (0, 0, 400, 400))  # blue on the left half as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    image.save(path, exif=exif)
    result = _checked(path, tmp_path)
    assert (result.width, result.height) == (480, 960)  # portrait now, short side upscaled
    with Image.open(result.path) as im:
        top = im.getpixel((im.width // 2, im.height // 4))
        assert top[2] > 200, "after rotating 90° clockwise the blue half is on top"


def test_same_photo_same_file(tmp_path, photo):
    path = photo()
    assert _checked(path, tmp_path).path == _checked(path, tmp_path).path


class _Server:
    def __init__(self, body: bytes, content_type: str):
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/p.jpg"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


@pytest.fixture
def settings_home(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_MEDIA_ROOT", str(tmp_path / "media"))
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_url_to_loopback_is_refused_by_default(tmp_path, photo, settings_home):
    server = _Server(photo().read_bytes(), "image/jpeg")
    try:
        with pytest.raises(ImageProblem, match="private or (local|loopback)"):
            prepare_image(server.url, tmp_path / "work")
    finally:
        server.close()


def test_url_fetched_when_private_urls_are_allowed(tmp_path, photo, settings_home):
    settings_home.setenv("STUDIO_ALLOW_PRIVATE_URLS", "true")
    get_settings.cache_clear()
    server = _Server(photo(color=(10, 200, 10)).read_bytes(), "image/jpeg")
    try:
        (r, g, b), _ = _rgb_of(prepare_image(server.url, tmp_path / "work"))
        assert g > 150
    finally:
        server.close()


def test_url_that_is_not_an_image_is_refused(tmp_path, settings_home):
    settings_home.setenv("STUDIO_ALLOW_PRIVATE_URLS", "true")
    get_settings.cache_clear()
    server = _Server(b"<html>hi</html>", "text/html")
    try:
        with pytest.raises(ImageProblem, match="not an image"):
            prepare_image(server.url, tmp_path / "work")
    finally:
        server.close()
