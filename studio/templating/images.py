"""Product photos checked and normalized before anything reaches ffmpeg.

Every problem a seller's file can have is either handled (CMYK, alpha, animation, EXIF
rotation, small photos) or becomes an ImageProblem naming the file and what to do. The
renderer only ever sees RGB JPEGs this module wrote, under names it chose.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

log = logging.getLogger(__name__)

MAX_PIXELS = 40_000_000  # ~ a 6300x6300 photo; bigger is almost surely a decompression bomb
MIN_SIDE = 64  # below this a photo is a thumbnail: refuse it
UPSCALE_BELOW = 480  # between MIN_SIDE and this: upscale, with a warning
MAX_FILE_BYTES = 50 * 1024 * 1024


class ImageProblem(ValueError):
    """A photo the studio cannot use; the message names the file and what to do."""


@dataclass(frozen=True)
class CheckedImage:
    path: Path  # RGB JPEG written by the studio
    width: int
    height: int
    source: str
    warnings: tuple[str, ...] = ()


# Fetching URLs is a hook: tests swap the safe fetcher (_fetch) with set_fetcher().
Fetcher = Callable[[str], bytes]
_fetcher: Fetcher | None = None


def set_fetcher(fetcher: Fetcher | None) -> None:
    global _fetcher
    _fetcher = fetcher


def _fetch(url: str) -> bytes:
    """A photo given as a link (renders get local files from ``studio.product_media``; a
    template resolved on its own still takes links): the ingestion's safe fetcher, its
    refusal an ImageProblem like any other bad photo."""
    from studio.ingest.images import ImageFetchError, fetch_image

    try:
        return fetch_image(url).read_bytes()
    except ImageFetchError as exc:
        raise ImageProblem(str(exc)) from None
    except Exception as exc:  # httpx's transport errors: the seller needs a sentence
        raise ImageProblem(f"{url}: could not download ({type(exc).__name__})") from None


def _read_source(source: str, base_dir: Path | None) -> tuple[bytes, str]:
    if source.startswith(("http://", "https://")):
        return (_fetcher or _fetch)(source), source
    path = Path(source).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if not path.is_file():
        raise ImageProblem(f"{source}: no such image file; check the path (relative paths "
                           "are read from the product file's folder)")
    size = path.stat().st_size
    if size == 0:
        raise ImageProblem(f"{source}: the file is empty (0 bytes); upload the photo again")
    if size > MAX_FILE_BYTES:
        raise ImageProblem(f"{source}: {size // 1_000_000} MB is too big; use a photo under 50 MB")
    return path.read_bytes(), str(path)


def open_checked(data: bytes, name: str) -> tuple[Image.Image, list[str]]:
    """Decode, refusing bombs; first frame of animations; EXIF rotation; RGB on white."""
    notes: list[str] = []
    if not data:
        raise ImageProblem(f"{name}: the file is empty (0 bytes); upload the photo again")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ImageProblem(
                    f"{name}: {image.width}x{image.height} pixels is too large to be a "
                    f"product photo (limit {MAX_PIXELS:,} pixels); resize it below 6000x6000"
                )
            if getattr(image, "n_frames", 1) > 1:
                notes.append(f"{name}: animated image, using its first frame")
                image.seek(0)
            image.load()
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(
            f"{name}: too many pixels to be a product photo (limit {MAX_PIXELS:,}); "
            "resize it below 6000x6000"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(
            f"{name}: not a readable image ({type(exc).__name__}); "
            "export it again as JPEG or PNG"
        ) from None
    upright: Image.Image = ImageOps.exif_transpose(image) or image
    return _to_rgb(upright, notes, name), notes


def _to_rgb(image: Image.Image, notes: list[str], name: str) -> Image.Image:
    if image.mode == "CMYK":
        notes.append(f"{name}: CMYK photo converted to RGB")
        return image.convert("RGB")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat.alpha_composite(rgba)
        return flat.convert("RGB")
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        return ImageOps.autocontrast(image.convert("L")).convert("RGB")
    return image.convert("RGB")


def prepare_image(
    source: str, work_dir: Path, *, base_dir: Path | None = None, min_side: int = MIN_SIDE
) -> CheckedImage:
    """Check one photo and write it as an RGB JPEG into ``work_dir``."""
    data, name = _read_source(source, base_dir)
    image, notes = open_checked(data, source)
    short = min(image.size)
    if short < min_side:
        raise ImageProblem(
            f"{source}: {image.width}x{image.height} is too small for a video "
            f"(need at least {min_side} px on the short side, {UPSCALE_BELOW}+ looks good)"
        )
    if short < UPSCALE_BELOW:
        factor = UPSCALE_BELOW / short
        image = image.resize(
            (round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS
        )
        notes.append(f"{source}: small photo ({short} px) upscaled; it may look soft")
    for note in notes:
        log.warning(note)
    digest = hashlib.sha256(data).hexdigest()[:16]
    out = work_dir / f"photo-{digest}.jpg"
    if not out.exists():
        work_dir.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".tmp")
        image.save(tmp, "JPEG", quality=92, subsampling=0)
        tmp.replace(out)
    return CheckedImage(out, image.width, image.height, name, tuple(notes))
