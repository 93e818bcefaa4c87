"""Fixtures for the template tests: sample products, a work folder, small helpers."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from studio.product import ProductData
from studio.templating import default_registry
from studio.templating.thumbnails import SAMPLES, load_product_file

HANDLES = sorted(p.stem for p in (SAMPLES / "products").glob("*.json"))


@pytest.fixture(scope="session")
def registry():
    registry = default_registry(reload=True)
    assert not registry.problems, registry.problems
    return registry


@pytest.fixture
def product_of():
    def load(handle: str = "bamboo-desk-organizer") -> tuple[ProductData, Path]:
        return load_product_file(SAMPLES / "products" / f"{handle}.json")

    return load


@pytest.fixture
def photo(tmp_path):
    """A plain photo file of a colour and size."""

    def make(color=(200, 40, 40), size=(800, 800), name="photo.jpg", **save) -> Path:
        path = tmp_path / name
        Image.new("RGB", size, color).save(path, **save)
        return path

    return make


def write_product(folder: Path, **fields) -> Path:
    data = {"title": "Test Product", "price": "19.99", "currency": "USD",
            "images": [str(SAMPLES / "photos" / "speckled-ceramic-mug.jpg")]}
    data.update(fields)
    path = folder / "product.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def probe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def frame_at(video: Path, t: float, out: Path) -> Image.Image:
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-ss", f"{t:.3f}", "-i", str(video),
                    "-frames:v", "1", str(out)], check=True)
    with Image.open(out) as im:
        return im.convert("RGB")
