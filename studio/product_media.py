"""From a saved product to what a generator receives: the one mapping every render uses.

Workers, previews, thumbnails and candidates' prompts all turn a product into
:class:`~studio.product.ProductData` here, variants included. Before a generator sees it,
:func:`with_local_photos` makes every photo a file on this machine, in the job's scratch
folder when it had to be fetched, so no plugin ever needs to know where media lives:

- ``uploads/shoe.jpg`` (a media-library path, what the API accepts): read from storage —
  the media folder on this machine, or downloaded from S3 into the scratch folder;
- a path of the bundled sample catalog (the demo's photos ship with the code);
- an absolute path: a file a command-line import found next to its catalog;
- an ``http(s)://`` link: downloaded with the safe fetcher (public hosts, size and pixel
  limits), once per URL.

A photo that cannot be found fails with a sentence naming it and the product, never a bare
"no such file".
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from studio.control_characters import refuse_control_characters
from studio.errors import InvalidInput
from studio.product import ProductData, ProductVariant

if TYPE_CHECKING:
    from studio.db import Product
    from studio.storage import Storage

# the demo catalog's photos, shipped with the code (not always under the media root)
SAMPLES = Path(__file__).resolve().parents[1] / "media" / "samples"


def product_data(product: Product) -> ProductData:
    """A saved product as the renderer's shape, exactly as stored (photos not yet fetched)."""
    return ProductData(
        title=product.title, description=product.description or "", price=product.price,
        compare_at_price=product.compare_at_price, cost=product.cost, currency=product.currency,
        category=product.category or "", attributes=dict(product.attributes or {}),
        images=[str(i) for i in product.images or []],
        variants=[ProductVariant.model_validate(v) for v in product.variants or []],
        source=product.source, external_id=product.external_id,
    )


def is_url(ref: str) -> bool:
    return ref.startswith(("http://", "https://"))


def check_image_reference(value: str) -> str:
    """A photo sent through the API: an http(s) URL or a path inside the media library.

    Anything else (an absolute path, ``..``) would let a caller make the server read its own
    files into a video, so it is refused with the reason; so is a control character (a NUL
    byte cuts a path short where the file is opened).
    """
    refuse_control_characters(value, "image")
    text = value.strip()
    if is_url(text):
        return text
    path = Path(text)
    if not text or path.is_absolute() or text.startswith("~") or ".." in path.parts:
        raise InvalidInput("product.image_reference", value=value)
    return text


def with_local_photos(data: ProductData, scratch: Path, *, storage: Storage | None = None,
                      base_dir: Path | None = None) -> ProductData:
    """``data`` with every photo (and variant photo) a readable file on this machine.

    ``base_dir``: where a product file's relative paths are read from (``studio render
    --product-file``); saved products leave it out. Fetched files go to ``scratch``.
    """
    photos = _Photos(data.title, scratch, storage, base_dir)
    variants = [v.model_copy(update={"image": photos.local(v.image)}) if v.image else v
                for v in data.variants]
    return data.model_copy(update={"images": [photos.local(ref) for ref in data.images],
                                   "variants": variants})


def local_media(ref: str, scratch: Path, *, storage: Storage | None = None,
                owner: str = "the brand kit") -> str:
    """One picture that is not a product's (a brand logo in the media library, a link) as a
    file on this machine, found exactly as a product's photos are."""
    return _Photos(owner, scratch, storage, None).local(ref)


class _Photos:
    def __init__(self, title: str, scratch: Path, storage: Storage | None,
                 base_dir: Path | None) -> None:
        self.title, self.scratch, self.base_dir = title, scratch, base_dir
        self._storage = storage
        self._done: dict[str, str] = {}

    def local(self, ref: str) -> str:
        ref = ref.strip()
        if ref not in self._done:
            self._done[ref] = str(self._find(ref))
        return self._done[ref]

    def _problem(self, ref: str, detail: str) -> InvalidInput:
        return InvalidInput("product.image_unavailable", image=ref, product=repr(self.title),
                            detail=detail, field="images")

    def _find(self, ref: str) -> Path:
        if is_url(ref):
            from studio.ingest.images import ImageFetchError, fetch_image

            try:
                return fetch_image(ref)
            except ImageFetchError as exc:
                raise self._problem(ref, str(exc)) from None
            except Exception as exc:  # httpx's transport errors: say which, not a traceback
                raise self._problem(ref, f"could not download ({type(exc).__name__})") from None
        if "\x00" in ref:
            raise self._problem(ref.replace("\x00", "\\0"), "the path holds a NUL byte")
        path = Path(ref).expanduser()
        if path.is_absolute():
            if path.is_file():
                return path
            raise self._problem(ref, "the file is not on this machine any more; import the "
                                     "catalog again or upload the photo")
        if self.base_dir is not None and (self.base_dir / path).is_file():
            # a product file's own photos, next to it (the person running the command
            # chose that folder; ".." is theirs to use)
            return (self.base_dir / path).resolve()
        if ".." in path.parts:
            raise self._problem(ref, "paths may not go up with '..'")
        found = self._from_storage(ref)
        if found is not None:
            return found
        if (SAMPLES / path).is_file():
            return SAMPLES / path
        raise self._problem(ref, "it is not in the media library; upload it there or use an "
                                 "http(s) link")

    def _from_storage(self, key: str) -> Path | None:
        from studio.storage import StorageError, open_storage

        storage = self._storage or open_storage()
        try:
            local = storage.local_path(key)
            if local is not None:
                return local if local.is_file() else None
            if not storage.exists(key):
                return None
            digest = hashlib.sha256(key.encode()).hexdigest()[:16]
            target = self.scratch / "photos" / f"{digest}{Path(key).suffix.lower()}"
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                storage.get_file(key, target)
            return target
        except StorageError as exc:
            raise self._problem(key, str(exc)) from None
