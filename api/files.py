"""Serving a file from storage: the local file itself, or streamed from S3."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from fastapi import Response
from fastapi.responses import FileResponse, StreamingResponse

from studio.errors import NotFound


def serve_stored(key: str, media_type: str, filename: str, *,
                 missing: tuple[str, object]) -> Response:
    from studio.storage import StorageError, open_storage

    storage = open_storage()
    try:
        local = storage.local_path(key)
        if local is not None and local.is_file():
            return FileResponse(local, media_type=media_type, filename=filename)
        folder = Path(tempfile.mkdtemp(prefix="studio-download-"))
        path = storage.get_file(key, folder / filename)
    except StorageError:
        code, id = missing
        raise NotFound("file", id, code=code) from None

    def chunks() -> Iterator[bytes]:
        try:
            with path.open("rb") as handle:
                while block := handle.read(1024 * 1024):
                    yield block
        finally:
            shutil.rmtree(path.parent, ignore_errors=True)

    return StreamingResponse(
        chunks(), media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
