"""Store imported products: upsert by (workspace, source, external id), optional image fetch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from studio.contracts import FetchedRow, RejectedRow
from studio.control_characters import refuse_in_document
from studio.db import Product
from studio.db.upsert import upsert
from studio.errors import InvalidInput
from studio.product import ProductData

BATCH = 2000


@dataclass
class CatalogResult:
    stored: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    product_ids: list[int] = field(default_factory=list)
    rows: int = 0


def product_key(row: ProductData, source: str) -> tuple[str, str]:
    # without an id the title identifies the product, so re-imports update it
    return row.source or source, row.external_id or f"title:{row.title[:190]}"


def store_products(
    session: Session,
    workspace_id: int,
    rows: Iterable[FetchedRow],
    *,
    source: str,
    fetch_images: bool = False,
) -> CatalogResult:
    """Upsert the products among ``rows`` (rejected rows are kept in the result); nothing is
    committed. ``product_ids`` are the stored products, in the file's order."""
    from studio.ingest.images import ImageFetchError, fetch_image

    result = CatalogResult()
    batch: list[dict[str, Any]] = []
    keys: list[tuple[str, str]] = []
    for row in rows:
        result.rows += 1
        if isinstance(row, RejectedRow):
            result.rejected.append(row)
            continue
        if not isinstance(row, ProductData):
            continue
        refused = _control_characters(row)
        if refused is not None:
            result.rejected.append(refused)
            continue
        images = list(row.images)
        if fetch_images:
            for i, url in enumerate(images):
                if url.startswith(("http://", "https://")):
                    try:
                        images[i] = str(fetch_image(url))
                    except ImageFetchError as exc:
                        result.warnings.append(f"{row.title}: {exc}")
        data = row.model_dump(mode="json")
        key = product_key(row, source)
        keys.append(key)
        batch.append({
            "workspace_id": workspace_id, "source": key[0], "external_id": key[1],
            "title": row.title, "description": row.description, "category": row.category,
            "attributes": data["attributes"], "price": row.price,
            "compare_at_price": row.compare_at_price, "cost": row.cost,
            "currency": row.currency, "images": images, "variants": data["variants"],
        })
        if len(batch) >= BATCH:
            result.stored += _flush(session, batch)
    result.stored += _flush(session, batch)
    result.product_ids = _ids(session, workspace_id, keys)
    return result


# free text keeps its line breaks and tabs; an unmapped column (an attribute) may be free text
_FREE_TEXT = ("description", "attributes")


def _control_characters(row: ProductData) -> RejectedRow | None:
    """A product holding a control character (a NUL byte, an escape) is not stored: the row
    is rejected naming the product, the field or column (``attributes.Color`` is the column
    Color) and the position, whichever source it came from."""
    data = row.model_dump(mode="json")
    for name, value in data.items():
        try:
            refuse_in_document(value, name, free=name in _FREE_TEXT)
        except InvalidInput as exc:
            return RejectedRow(reason=f"product {row.title!r}: {exc.message}",
                               raw={"title": row.title, name: value})
    return None


def _flush(session: Session, batch: list[dict[str, Any]]) -> int:
    # a file listing one product twice: the last row wins (one statement cannot touch a row twice)
    unique = {(r["source"], r["external_id"]): r for r in batch}
    count = upsert(
        session, Product, list(unique.values()), key=["workspace_id", "source", "external_id"]
    )
    batch.clear()
    return count


def _ids(session: Session, workspace_id: int, keys: list[tuple[str, str]]) -> list[int]:
    found: dict[tuple[str, str], int] = {}
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), 500):
        chunk = unique[start:start + 500]
        for product_id, source, external_id in session.execute(
            select(Product.id, Product.source, Product.external_id).where(
                Product.workspace_id == workspace_id,
                tuple_(Product.source, Product.external_id).in_(chunk))
        ):
            found[(str(source), str(external_id))] = product_id
    return [found[key] for key in unique if key in found]
