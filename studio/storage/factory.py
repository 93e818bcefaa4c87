"""Open the storage a URL names: ``file:///path`` (default) or ``s3://bucket/prefix``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from studio.storage.base import Storage, StorageError
from studio.storage.local import LocalStorage


def open_storage(url: str | None = None, *, endpoint_url: str | None = None) -> Storage:
    """The storage for ``url``, or for the settings' ``storage_url`` when omitted."""
    if url is None:
        from studio.config import get_settings

        settings = get_settings()
        url = settings.resolved_storage_url()
        endpoint_url = endpoint_url or settings.s3_endpoint_url
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return LocalStorage(Path(unquote(parsed.path)))
    if parsed.scheme == "" and url:
        return LocalStorage(Path(url))
    if parsed.scheme == "s3":
        from studio.storage.s3 import S3Storage

        return S3Storage(parsed.netloc, parsed.path, endpoint_url=endpoint_url)
    raise StorageError(
        f"storage URL {url!r} is not supported; use file:///path/to/media or s3://bucket/prefix "
        "(set STUDIO_STORAGE_URL)"
    )
