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
