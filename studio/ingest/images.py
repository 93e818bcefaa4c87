"""Fetch catalog images from the web without letting a product URL hurt the studio.

A catalog row is untrusted input: its image URL could point at a cloud metadata address, a
10 GB file or a decompression bomb. So: http(s) only, public addresses only (unless
``allow_private_urls``), every redirect hop checked, a byte limit while streaming, a pixel
limit before decoding, an image content type, timeouts; each URL is fetched once and cached.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from PIL import Image

from studio.config import Settings, get_settings

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_REDIRECTS = 3
TIMEOUT = httpx.Timeout(15.0, connect=5.0)
IMAGE_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
}


class ImageFetchError(ValueError):
    """An image URL was refused or could not be fetched; the message says why."""


def _check_host(url: str, allow_private: bool) -> tuple[str, dict[str, str], dict[str, str]]:
    """Refuse non-http(s) and non-public hosts; return the request to make.

    The request goes to the very address that was checked (Host header and TLS name set to
    the original host), so a DNS answer that changes between check and connect — DNS
    rebinding — cannot send the fetch to a private address.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ImageFetchError(f"{url}: only http(s) image URLs are fetched")
    if not parts.hostname:
        raise ImageFetchError(f"{url}: the URL has no host")
    if allow_private:
        return url, {}, {}
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        raise ImageFetchError(f"{url}: host {parts.hostname!r} does not resolve") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise ImageFetchError(
                f"{url}: {parts.hostname} is a private or local address ({address}); "
                "set STUDIO_ALLOW_PRIVATE_URLS=true only if you trust this catalog"
            )
    address = ipaddress.ip_address(infos[0][4][0])
    literal = f"[{address}]" if address.version == 6 else str(address)
    pinned = parts._replace(netloc=f"{literal}:{port}").geturl()
    name = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    host = name if parts.port is None else f"{name}:{parts.port}"
    return pinned, {"Host": host}, {"sni_hostname": parts.hostname}


def cache_path(url: str, settings: Settings | None = None) -> Path:
    settings = settings or get_settings()
    digest = hashlib.sha256(url.encode()).hexdigest()[:32]
    return Path(settings.media_root) / "catalog-images" / digest


def fetch_image(url: str, *, settings: Settings | None = None) -> Path:
    """Download ``url`` once into the media root and return the cached local path."""
    settings = settings or get_settings()
    stem = cache_path(url, settings)
    for suffix in IMAGE_TYPES.values():
        if stem.with_suffix(suffix).exists():
            return stem.with_suffix(suffix)

    current = url
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            target, headers, extensions = _check_host(current, settings.allow_private_urls)
            with client.stream("GET", target, headers=headers, extensions=extensions) as response:
                if response.is_redirect:
                    current = urljoin(current, response.headers.get("location", ""))
                    continue
                if response.status_code != 200:
                    raise ImageFetchError(f"{url}: the server answered HTTP {response.status_code}")
                ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if ctype not in IMAGE_TYPES:
                    raise ImageFetchError(
                        f"{url}: content type {ctype or 'missing'!r} is not an image "
                        f"({', '.join(IMAGE_TYPES)})"
                    )
                declared = int(response.headers.get("content-length") or 0)
                if declared > MAX_BYTES:
                    raise ImageFetchError(f"{url}: {declared} bytes is over {MAX_BYTES}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > MAX_BYTES:
                        raise ImageFetchError(f"{url}: image is larger than {MAX_BYTES} bytes")
                break
        else:
            raise ImageFetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    _check_pixels(url, bytes(body))
    cached = stem.with_suffix(IMAGE_TYPES[ctype])
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(cached.suffix + ".part")
    partial.write_bytes(body)
    partial.replace(cached)  # never leave a half-written image in the cache
    return cached


def _check_pixels(url: str, body: bytes) -> None:
    import io

    try:
        with Image.open(io.BytesIO(body)) as image:  # reads the header only, no decode yet
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageFetchError(
                    f"{url}: {width}x{height} is over the {MAX_PIXELS:,}-pixel limit"
                )
            image.verify()
    except ImageFetchError:
        raise
    except Exception as exc:
        raise ImageFetchError(f"{url}: not a readable image ({exc})") from None
