"""Keeping a catalog clean: find products that look like duplicates (the same title — older
imports of one Shopify export through the generic reader, say) and merge them into one.

A merge keeps one product and removes the others; their videos are re-pointed to the kept
product (the videos themselves do not change), details the kept product lacks (photos,
description, variants…) are taken from a duplicate, and the kept product answers to the
strongest import identity among them, so the next import of the same export updates it
instead of creating the duplicate again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, update

from studio.db import Product, Scope, Video
from studio.errors import InvalidInput
from studio.schemas.products import (
    DuplicateGroup,
    DuplicateGroups,
    ProductMergeResult,
    ProductPublic,
)
from studio.services.catalog import get_product

# fields a merge fills on the kept product when it has nothing there, in this order
_GAPS = ("description", "category", "images", "variants", "compare_at_price", "cost")
# a source that reads a platform's own ids outranks the generic file reader
_GENERIC_SOURCES = ("csv", "google_sheets")
MAX_GROUPS = 50


def _identity_rank(source: str | None, external_id: str | None) -> int:
    """How well (source, external id) lets a later import find the product again."""
    if not source or not external_id:
        return 0  # made by hand
    if external_id.startswith("title:"):
        return 1  # found again only while its title stays the same
    return 2 if source in _GENERIC_SOURCES else 3


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def merge_products(scope: Scope, keep_id: int, duplicate_ids: list[int]) -> ProductMergeResult:
    """Fold ``duplicate_ids`` into ``keep_id``: their videos move to it, they are removed."""
    keep = get_product(scope, keep_id)
    wanted = list(dict.fromkeys(duplicate_ids))
    if not wanted:
        raise InvalidInput("product.merge_none", field="duplicates", title=keep.title)
    if keep_id in wanted:
        raise InvalidInput("product.merge_self", field="duplicates", title=keep.title)
    others = [get_product(scope, product_id) for product_id in wanted]
    moved = scope.execute(
        update(Video).where(Video.product_id.in_(wanted)).values(product_id=keep.id)
        .execution_options(synchronize_session="fetch")
    ).rowcount or 0
    filled: list[str] = []
    for name in _GAPS:
        if not _empty(getattr(keep, name)):
            continue
        donor = next((o for o in others if not _empty(getattr(o, name))), None)
        if donor is not None:
            setattr(keep, name, getattr(donor, name))
            filled.append(name)
    identities = [(keep.source, keep.external_id), *((o.source, o.external_id) for o in others)]
    best = max(identities, key=lambda pair: _identity_rank(*pair))
    for other in others:
        scope.delete(other)
    scope.session.flush()  # the duplicates' identities are free before the kept one takes one
    if _identity_rank(*best) > _identity_rank(keep.source, keep.external_id):
        keep.source, keep.external_id = best
    scope.session.flush()
    scope.session.refresh(keep)
    return ProductMergeResult(product=ProductPublic.model_validate(keep), removed=wanted,
                              videos_moved=moved, filled=filled)


def find_duplicates(scope: Scope) -> DuplicateGroups:
    """Groups of products sharing a title (ignoring case and surrounding spaces), the
    product with the strongest import identity first; at most 50 groups."""
    key = func.lower(func.trim(Product.title))
    titles = scope.scalars(
        scope.select(key).group_by(key).having(func.count() > 1).order_by(key)
        .limit(MAX_GROUPS))
    if not titles:
        return DuplicateGroups(data=[])
    rows = scope.list(Product, key.in_(list(titles)), order_by=Product.id)
    groups: dict[str, list[Product]] = {}
    for product in rows:
        groups.setdefault(product.title.strip().lower(), []).append(product)
    data = []
    for title in titles:
        members = sorted(groups.get(title, []),
                         key=lambda p: (-_identity_rank(p.source, p.external_id), p.id))
        if len(members) > 1:
            data.append(DuplicateGroup(title=members[0].title, products=[
                ProductPublic.model_validate(p) for p in members]))
    return DuplicateGroups(data=data)

