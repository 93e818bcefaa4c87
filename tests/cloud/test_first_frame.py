"""The product photo a clip starts from, found where catalogs and the API put it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studio.ai.generation import first_frame
from studio.config import get_settings
from studio.contracts import GenerationRequest, PluginError
from studio.testing import sample_photo, sample_product


@pytest.fixture
def media(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "media"
    (root / "photos").mkdir(parents=True)
    shutil.copyfile(sample_photo(), root / "photos" / "mug.jpg")
    monkeypatch.setenv("STUDIO_MEDIA_ROOT", str(root))
    get_settings.cache_clear()
    yield root
    get_settings.cache_clear()


def request_for(image: str, tmp_path: Path, **options: object) -> GenerationRequest:
    return GenerationRequest(output_path=tmp_path / "c.mp4", options=dict(options),
                             product=sample_product(images=[image]))


def test_a_relative_photo_is_found_in_the_media_root(media: Path, tmp_path: Path) -> None:
    frame = first_frame(request_for("photos/mug.jpg", tmp_path))
    assert frame is not None and frame.mime_type == "image/jpeg"
    assert frame.data == (media / "photos" / "mug.jpg").read_bytes()


def test_a_relative_photo_may_not_climb_out_of_the_media_root(media: Path,
                                                              tmp_path: Path) -> None:
    outside = tmp_path / "secret.jpg"
    shutil.copyfile(sample_photo(), outside)
    with pytest.raises(PluginError, match=r"\.\./secret\.jpg does not exist"):
        first_frame(request_for("../secret.jpg", tmp_path))
