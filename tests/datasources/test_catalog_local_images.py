"""Local image paths in a catalog file are read from the file's folder, not the worker's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from plugins.csv_catalog import CsvCatalog
from studio.contracts import FetchQuery, RejectedRow
from studio.product import ProductData


def test_relative_paths_become_absolute_urls_stay_missing_files_rejected(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shop = tmp_path / "shop"
    (shop / "photos").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(shop / "photos" / "mug.jpg")
    catalog = shop / "catalog.csv"
    catalog.write_text(
        "Title,Price,Image URL\n"
        "Mug,12,photos/mug.jpg|https://cdn.example.com/mug-2.jpg\n"
        "Tote,20,photos/tote.jpg\n",
        encoding="utf-8",
    )
    elsewhere = tmp_path / "worker-folder"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the importing process is not in the catalog's folder

    source = CsvCatalog()
    source.connect({})
    mug, tote = list(source.fetch(FetchQuery(kind="products", path=catalog)))

    assert isinstance(mug, ProductData)
    assert mug.images == [str((shop / "photos" / "mug.jpg").resolve()),
                          "https://cdn.example.com/mug-2.jpg"]
    assert isinstance(tote, RejectedRow) and tote.row_number == 3
    assert "row 3" in tote.reason and "'Image URL'" in tote.reason
    assert "photos/tote.jpg" in tote.reason and "not found" in tote.reason


def test_uploaded_catalog_images_must_be_files_already_on_the_server(tmp_path: Path) -> None:
    """An uploaded catalog lands in a temp folder: its photos are looked for in the media
    library (and the bundled samples), and may not point the renderer anywhere else."""
    library = tmp_path / "media"
    (library / "photos").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(library / "photos" / "lamp.jpg")
    secret = tmp_path / "server-only.jpg"
    Image.new("RGB", (8, 8)).save(secret)
    upload = tmp_path / "upload-1234" / "catalog.csv"
    upload.parent.mkdir()
    upload.write_text(
        "Title,Price,Image URL\n"
        "Lamp,30,photos/lamp.jpg\n"
        "Sneaky,1,../server-only.jpg\n"
        f"Sneakier,1,{secret}\n",
        encoding="utf-8",
    )
    source = CsvCatalog()
    source.connect({"image_dirs": [str(library)]})
    lamp, sneaky, sneakier = list(source.fetch(FetchQuery(kind="products", path=upload)))

    assert isinstance(lamp, ProductData)
    assert lamp.images == [str((library / "photos" / "lamp.jpg").resolve())]
    for rejected in (sneaky, sneakier):
        assert isinstance(rejected, RejectedRow)
        assert "files already in the media library" in rejected.reason
