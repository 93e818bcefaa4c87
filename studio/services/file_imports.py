"""One way in for any export a seller has: the file's kind is detected (a Shopify product
export, a catalog, a Meta or TikTok ad export, shop orders) and the data source made for
that kind imports it — a Shopify export through the shopify source, never the generic one.

``studio import FILE`` and ``POST /api/v1/imports`` both call :func:`import_file`; what
the file is, and whether it can be imported as it is, comes from :mod:`studio.services.detect`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studio.db import Scope
from studio.errors import InvalidInput
from studio.schemas.imports import DetectedFile, FileImportAccepted, FileImportPublic
from studio.services import import_jobs
from studio.services.ad_imports import import_ads, import_orders
from studio.services.catalog import CatalogFile, import_catalog
from studio.services.detect import DetectOptions, detect_file

# the kind of work a big file becomes (services/import_jobs.py); orders are imported inline
_JOB_WHAT = {"shopify_products": "catalog", "catalog": "catalog", "meta_ads": "ads",
             "tiktok_ads": "ads"}


@dataclass(frozen=True)
class ImportChoices(DetectOptions):
    """The preview's choices, and what the door adds: ``image_dirs`` are the folders a
    catalog's local photo paths may come from (an upload: the media library only)."""

    include_drafts: bool = False
    fetch_images: bool = False
    image_dirs: tuple[str, ...] = ()


def checked(detected: DetectedFile) -> DetectedFile:
    """``detected`` when it can be imported on the page it was dropped on; otherwise the
    reason, in the seller's words, naming the file."""
    name = detected.file_name
    if detected.kind == "unknown":
        raise InvalidInput("import.unknown_kind", field="file", file=name,
                           columns=", ".join(detected.headers[:12]))
    if detected.wrong_page:
        note = next(n for n in detected.notes if n.code == "wrong_page")
        raise InvalidInput("import.wrong_page", field="file", file=name, **note.params)
    for note in detected.notes:
        if note.code == "mapped_column_missing":
            raise InvalidInput("import.mapped_column_missing", field="mapping", file=name,
                               column=note.params["column"], needed=note.params["field"],
                               columns=", ".join(detected.headers))
    missing = [c.field for c in detected.columns if c.required and not c.column]
    if missing:
        raise InvalidInput("import.needs_column", field="mapping", file=name,
                           needed=missing[0], columns=", ".join(detected.headers))
    if detected.currency is None:
        raise InvalidInput("import.currency_needed", field="currency", file=name)
    return detected


def source_config(detected: DetectedFile, choices: ImportChoices) -> dict[str, Any]:
    """The data source's settings for this file and these choices."""
    kind, mapping = detected.kind, dict(choices.mapping)
    if kind == "shopify_products":
        return {"currency": detected.currency, "include_drafts": choices.include_drafts}
    if kind == "catalog":
        config: dict[str, Any] = {"currency": detected.currency, "mapping": mapping}
        if choices.image_dirs:
            config["image_dirs"] = list(choices.image_dirs)
        return config
    if kind == "orders":
        return {"currency": detected.currency, "order_mapping": mapping}
    # an ad export's header suffix or Currency column is firm; a choice only fills a gap
    return {} if detected.currency_stated else {"currency": detected.currency}


def import_file(scope: Scope, file: CatalogFile, choices: ImportChoices, *,
                inline_limit: int | None = None) -> FileImportPublic | FileImportAccepted:
    """Detect the file, check it fits the page (``choices.page``) and import it with the
    source made for its kind. A file over ``inline_limit`` bytes becomes an import job (the
    answer then says where to follow it); without a limit it is imported now."""
    detected = checked(detect_file(file, choices))
    source = str(detected.source)
    config = source_config(detected, choices)
    what = _JOB_WHAT.get(detected.kind)
    if what and inline_limit is not None and file.path.stat().st_size > inline_limit:
        job = import_jobs.ask_for_import(scope, what=what, source=source, config=config,
                                         file=file)
        public = import_jobs.import_public(job)
        return FileImportAccepted(kind=detected.kind, **public.model_dump())
    answer = FileImportPublic(kind=detected.kind, source=source, file_name=file.name)
    if what == "catalog":
        answer.products = import_catalog(scope, source=source, config=config, file=file,
                                         fetch_images=choices.fetch_images)
    elif what == "ads":
        answer.ads = import_ads(scope, source=source, config=config, file=file)
    else:
        answer.orders = import_orders(scope, source=source, config=config, file=file)
    return answer
