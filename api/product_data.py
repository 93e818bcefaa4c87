"""A saved product as the renderer's :class:`ProductData`, and where its images may come from."""

from __future__ import annotations

from pathlib import Path

from studio.config import Settings
from studio.db import Product
from studio.product import ProductData


def product_data(product: Product) -> ProductData:
    return ProductData(
        title=product.title,
        description=product.description,
        price=product.price,
        compare_at_price=product.compare_at_price,
        cost=product.cost,
        currency=product.currency,
        category=product.category,
        attributes=dict(product.attributes or {}),
        images=[str(i) for i in product.images or []],
        variants=list(product.variants or []),
        source=product.source,
        external_id=product.external_id,
    )


def safe_image_base(settings: Settings) -> Path:
    """Relative image paths sent through the API are read from the media folder, nowhere else."""
    return Path(settings.media_root).resolve()


def check_image_reference(value: str) -> str:
    """An image sent through the API: an http(s) URL or a path inside the media folder.

    Anything else (an absolute path, ``..``) would let an API caller make the server read its
    own files into a video, so it is refused with the reason.
    """
    text = value.strip()
    if text.startswith(("http://", "https://")):
        return text
    path = Path(text)
    if not text or path.is_absolute() or text.startswith("~") or ".." in path.parts:
        raise ValueError(
            f"image {value!r} must be an http(s) URL or a path inside the media folder "
            "(e.g. 'uploads/shoe.jpg'); absolute paths and '..' are not accepted"
        )
    return text
