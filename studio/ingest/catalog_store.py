"""Store imported products: upsert by (workspace, source, external id), optional image fetch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from studio.contracts import FetchedRow, RejectedRow
from studio.product import ProductData

BATCH = 2000


@dataclass
class CatalogResult:
    stored: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def store_products(
    workspace_id: int,
    rows: Iterable[FetchedRow],
    *,
    source: str,
    fetch_images: bool = False,
    database_url: str | None = None,
) -> CatalogResult:
    from studio.db import Product, session_scope
    from studio.db.upsert import upsert
    from studio.ingest.images import ImageFetchError, fetch_image

    result = CatalogResult()
    batch: list[dict] = []
    with session_scope(database_url) as session:
        for row in rows:
            if isinstance(row, RejectedRow):
                result.rejected.append(row)
                continue
            if not isinstance(row, ProductData):
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
            batch.append(
                {
                    "workspace_id": workspace_id,
                    "source": row.source or source,
                    # without an id the title identifies the product, so re-imports update it
                    "external_id": row.external_id or f"title:{row.title[:190]}",
                    "title": row.title,
                    "description": row.description,
                    "category": row.category,
                    "attributes": data["attributes"],
                    "price": row.price,
                    "compare_at_price": row.compare_at_price,
                    "cost": row.cost,
                    "currency": row.currency,
                    "images": images,
                    "variants": data["variants"],
                }
            )
            if len(batch) >= BATCH:
                result.stored += _flush(session, upsert, Product, batch)
        result.stored += _flush(session, upsert, Product, batch)
    return result


def _flush(session, upsert, model, batch: list[dict]) -> int:  # type: ignore[no-untyped-def]
    # a file listing one product twice: the last row wins (one statement cannot touch a row twice)
    unique = {(r["source"], r["external_id"]): r for r in batch}
    count = upsert(
        session, model, list(unique.values()), key=["workspace_id", "source", "external_id"]
    )
    batch.clear()
    return count
