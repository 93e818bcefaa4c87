"""An uploaded file on disk for the length of a request, under a name the studio chose."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import UploadFile

from studio.services.catalog import CatalogFile

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@contextmanager
def saved_upload(file: UploadFile) -> Iterator[CatalogFile]:
    """The upload saved to a private folder (removed afterwards), with the seller's own name
    for it — the one every message about the file uses."""
    given = Path(file.filename or "upload.csv").name or "upload.csv"
    name = _SAFE_NAME.sub("_", given)[-120:] or "upload.csv"
    folder = Path(tempfile.mkdtemp(prefix="studio-upload-"))
    path = folder / name
    try:
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out, 1024 * 1024)
        yield CatalogFile(path=path, name=given)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
