"""A whole batch to take away: one ZIP with every finished video (MP4), its poster and a
``manifest.csv`` a seller opens in a spreadsheet to name the ads.

The ZIP is written to a temporary file next to nothing else and renamed when whole; only a
whole ZIP is handed to the caller (the API serves it with its length, so a browser knows a cut
download from a finished one). Every file is checked in storage before the first byte is
written: a video whose file is gone is an error naming it, never a ZIP with a hole. Videos come
from the studio's storage, local (read in place) or S3 (fetched one at a time).

Manifest cells are passed through :func:`studio.ingest.spreadsheet_safety.safe_row`: a product
title such as ``=HYPERLINK(…)`` stays text in Excel.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studio.batch_state import batch_video_ids
from studio.db import Product, Scope, Video
from studio.db.bulk import in_chunks
from studio.errors import Conflict
from studio.ingest.spreadsheet_safety import safe_row
from studio.services.batches import get_batch
from studio.services.videos import template_names, video_public
from studio.storage.base import Storage, StorageError

MANIFEST = "manifest.csv"
COLUMNS = ("creative_code", "suggested_ad_name", "utm_content", "format", "duration_seconds",
           "width", "height", "template", "template_version", "generator", "product",
           "product_id", "video_file", "poster_file")


@dataclass(frozen=True)
class BatchZip:
    path: Path  # the finished ZIP, alone in ``folder``
    folder: Path  # remove it once the ZIP was sent (:meth:`remove`)
    filename: str
    videos: int

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _slug(text: str) -> str:
    """A file-name-safe form of a batch name (letters of any script, digits, - and _)."""
    return re.sub(r"[^\w-]+", "-", text, flags=re.UNICODE).strip("-_")[:60]


def _stem(video: Video) -> str:
    return f"{video.creative_code}-{video.format.replace(':', 'x')}"


def finished_videos(scope: Scope, batch_id: int) -> list[Video]:
    """The batch's videos that have a file (its own and those it reused), oldest first."""
    batch = get_batch(scope, batch_id)
    ids = sorted(set(batch_video_ids(scope.session, batch)))
    videos: list[Video] = []
    for chunk in in_chunks(ids):
        videos += scope.list(Video, Video.id.in_(chunk), Video.status == "succeeded",
                             Video.storage_key.is_not(None), order_by=Video.id)
    return videos


def manifest_csv(videos: Sequence[Video], posters: set[int]) -> bytes:
    """The manifest: one row per video in the ZIP, formula-looking cells neutralised; UTF-8
    with a byte-order mark so Excel reads Chinese titles right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    names = template_names(videos)
    for video in videos:
        public = video_public(video, names)
        writer.writerow(safe_row([
            video.creative_code, public.suggested_ad_name, public.suggested_utm_content,
            video.format, "" if video.duration is None else f"{video.duration:.2f}",
            video.width or "", video.height or "",
            # a saved template by the seller's name for it, as in the suggested ad name
            names.get(video.template_id, video.template_id) if video.template_id else "",
            video.template_version or "", video.generator,
            video.product.title if video.product is not None else "",
            video.product_id or "", f"videos/{_stem(video)}.mp4",
            f"posters/{_stem(video)}.jpg" if video.id in posters else "",
        ]))
    return out.getvalue().encode("utf-8-sig")


def batch_zip(scope: Scope, batch_id: int) -> BatchZip:
    """Write the batch's ZIP (manifest, MP4s, posters) and return it whole.

    Raises ``batch.nothing_to_download`` (no finished video yet) or ``batch.file_missing``
    (a video's file is gone from storage) before anything is written."""
    from studio.storage import open_storage

    batch = get_batch(scope, batch_id)
    videos = finished_videos(scope, batch_id)
    if not videos:
        raise Conflict("batch.nothing_to_download", id=batch_id)
    product_ids = {v.product_id for v in videos if v.product_id is not None}
    products = scope.list(Product, Product.id.in_(product_ids)) if product_ids else []
    storage = open_storage()
    for video in videos:
        if not storage.exists(str(video.storage_key)):
            raise Conflict("batch.file_missing", id=batch_id, video=video.creative_code)
    posters = {v.id for v in videos if v.poster_key and storage.exists(v.poster_key)}
    root = _slug(batch.name) or "batch"
    root = f"{root}-{batch_id}" if root != "batch" else f"batch-{batch_id}"
    folder = Path(tempfile.mkdtemp(prefix="studio-zip-"))
    partial = folder / f".{root}.zip.partial"
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(f"{root}/{MANIFEST}", manifest_csv(videos, posters),
                             compress_type=zipfile.ZIP_DEFLATED)
            for video in videos:
                _add(archive, storage, str(video.storage_key),
                     f"{root}/videos/{_stem(video)}.mp4", folder)
                if video.id in posters:
                    _add(archive, storage, str(video.poster_key),
                         f"{root}/posters/{_stem(video)}.jpg", folder)
        final = folder / f"{root}.zip"
        partial.replace(final)
    except StorageError:
        shutil.rmtree(folder, ignore_errors=True)
        missing = next((v.creative_code for v in videos
                        if not storage.exists(str(v.storage_key))), "?")
        raise Conflict("batch.file_missing", id=batch_id, video=missing) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    del products
    return BatchZip(path=final, folder=folder, filename=final.name, videos=len(videos))


def _add(archive: zipfile.ZipFile, storage: Storage, key: str, name: str, folder: Path) -> None:
    """One stored file into the archive: read in place when local, else fetched and dropped."""
    local = storage.local_path(key)
    if local is not None and local.is_file():
        archive.write(local, name)
        return
    fetched = storage.get_file(key, folder / "fetch" / Path(name).name)
    try:
        archive.write(fetched, name)
    finally:
        fetched.unlink(missing_ok=True)
