"""Ad results in: an Ads Manager export, or a pull from an ad platform's API — one import
run each, linked to videos by ad id, creative code or utm_content; the rows that need the
seller (rejected, not linked) listed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from studio.contracts import FetchQuery, PluginError
from studio.db import AdImport, AdImportRejectedRow, AdStat, Scope
from studio.errors import InvalidInput, NotFound
from studio.schemas.ads import (
    AdImportPublic,
    AdImportsPublic,
    OrderImportResult,
    RejectedRowPublic,
    RejectedRowsPublic,
    UnmatchedRowPublic,
    UnmatchedRowsPublic,
)
from studio.services.catalog import CatalogFile
from studio.services.sources import (
    as_named,
    connected_source,
    fetch_export,
    fetch_rows,
    unreadable,
)

PLATFORMS = ("meta", "tiktok", "google")


def platform_of(source: str) -> str:
    name = source.removesuffix("-api")
    return name if name in PLATFORMS else "other"


def import_ads(scope: Scope, *, source: str, config: Mapping[str, Any],
               file: CatalogFile | None = None, since: dt.date | None = None,
               until: dt.date | None = None, label: str | None = None) -> AdImportPublic:
    """One import run: the same file twice counts once, newer days replace older ones."""
    from studio.roi.import_workers import big_export
    from studio.roi.store import import_ad_stats

    if since and until and since > until:
        raise InvalidInput("range.swapped", field="since", since=str(since), until=str(until))
    plugin = connected_source(source, "ad_stats", config)
    path, name = (file.path, file.name) if file else (None, None)
    query = FetchQuery(kind="ad_stats", path=path, since=since, until=until)
    # a big export reaches the import unread: it is parsed there in columns, not cell by cell
    rows = fetch_export(plugin, query, file_name=name, read_by_import=big_export)
    read_there = not isinstance(rows, list)
    try:
        summary = import_ad_stats(scope.session, scope.workspace_id, rows, source=label or source,
                                  platform=platform_of(source), file=path,
                                  shown=lambda message: as_named(message, path, name))
    except (PluginError, ValueError) as exc:
        if not read_there:
            raise
        raise unreadable(exc, plugin, query, name) from None
    if read_there and not summary.rows_total and path is not None:
        raise InvalidInput("import.no_rows", field="file", file=name or path.name)
    run = get_import(scope, summary.import_id)
    if file is not None:
        run.file_name = file.name  # the seller's name for it, not the studio's copy
    scope.session.flush()
    return import_public(scope, run)


def import_orders(scope: Scope, *, source: str, config: Mapping[str, Any],
                  file: CatalogFile) -> OrderImportResult:
    """Shop orders with UTM fields: a second revenue source for ROI (``revenue=orders``)."""
    from studio.roi.store import import_orders as store

    plugin = connected_source(source, "orders", config)
    rows = fetch_rows(plugin, FetchQuery(kind="orders", path=file.path), file_name=file.name)
    stored, rejected = store(scope.session, scope.workspace_id, rows, source=source)
    return OrderImportResult(source=source, stored=stored,
                             rejected=[r.model_dump(mode="json") for r in rejected])


def get_import(scope: Scope, import_id: int) -> AdImport:
    found = scope.get(AdImport, import_id)
    if found is None:
        raise NotFound("ad_import", import_id)
    return found


def import_public(scope: Scope, run: AdImport) -> AdImportPublic:
    """An import run as every door shows it, when it ran and ever after (the CLI's --json,
    the upload's answer, GET /ad-imports/{id}, the list): ``repeated_file_of`` is the first
    earlier run of the same file, read from the stored file hashes."""
    public = AdImportPublic.model_validate(run)
    if run.file_hash:
        public.repeated_file_of = scope.scalar(
            scope.select(AdImport.id)
            .where(AdImport.file_hash == run.file_hash, AdImport.id < run.id)
            .order_by(AdImport.id).limit(1))
    return public


def list_imports(scope: Scope, *, limit: int = 50, offset: int = 0) -> AdImportsPublic:
    rows = scope.list(AdImport, order_by=AdImport.id.desc(), limit=limit, offset=offset)
    return AdImportsPublic(data=[import_public(scope, r) for r in rows],
                           count=scope.count(AdImport))


def rejected_rows(scope: Scope, import_id: int, *, limit: int = 50,
                  offset: int = 0) -> RejectedRowsPublic:
    """Rows the import could not use, each with the reason and the raw cells."""
    get_import(scope, import_id)
    where = AdImportRejectedRow.ad_import_id == import_id
    rows = scope.list(AdImportRejectedRow, where, order_by=AdImportRejectedRow.row_number,
                      limit=limit, offset=offset)
    return RejectedRowsPublic(data=[RejectedRowPublic.model_validate(r) for r in rows],
                              count=scope.count(AdImportRejectedRow, where))


def unmatched_rows(scope: Scope, import_id: int, *, limit: int = 50,
                   offset: int = 0) -> UnmatchedRowsPublic:
    """Rows kept but not linked to any video (no creative code, unknown ad id)."""
    get_import(scope, import_id)
    where = (AdStat.ad_import_id == import_id, AdStat.video_id.is_(None))
    rows = scope.list(AdStat, *where, order_by=AdStat.id, limit=limit, offset=offset)
    return UnmatchedRowsPublic(data=[UnmatchedRowPublic.model_validate(r) for r in rows],
                               count=scope.count(AdStat, *where))


# --- pulls from the ad APIs configured in the environment (beat) ---------------------------

SOURCES = {
    "meta": {"access_token": "META_ACCESS_TOKEN", "account_id": "META_ACCOUNT_ID",
             "base_url": "META_BASE_URL", "currency": "META_CURRENCY"},
    "tiktok": {"access_token": "TIKTOK_ACCESS_TOKEN", "advertiser_id": "TIKTOK_ADVERTISER_ID",
               "base_url": "TIKTOK_BASE_URL", "currency": "TIKTOK_CURRENCY"},
}  # fmt: skip
REQUIRED = {"meta": ("access_token", "account_id"), "tiktok": ("access_token", "advertiser_id")}


def configured_sources() -> dict[str, dict[str, str]]:
    """Ad APIs set up with ``STUDIO_META_ACCESS_TOKEN`` + ``STUDIO_META_ACCOUNT_ID`` (or the
    TikTok pair); optional ``..._BASE_URL`` and ``..._CURRENCY``."""
    from studio.ai.credentials import read_credential

    out = {}
    for platform, names in SOURCES.items():
        config = {key: value for key, env in names.items() if (value := read_credential(env))}
        if all(config.get(k) for k in REQUIRED[platform]):
            out[platform] = config
    return out


def sync_configured_sources(today: dt.date | None = None) -> dict[str, Any]:
    """Pull the last ``STUDIO_ADS_SYNC_DAYS`` days (default 7: platforms restate recent days)
    of every configured ad API into the ``STUDIO_ADS_WORKSPACE`` workspace. Twice is harmless:
    newer numbers replace older ones; one failing platform does not stop the other."""
    from studio.ai.credentials import read_credential
    from studio.db import session_scope
    from studio.services.accounts import workspace_by_slug
    from studio.services.uow import unit_of_work

    sources = configured_sources()
    if not sources:
        return {"skipped": "no ad API is configured (STUDIO_META_* or STUDIO_TIKTOK_*)"}
    days = int(read_credential("ADS_SYNC_DAYS") or 7)
    until = (today or dt.date.today()) - dt.timedelta(days=1)
    since = until - dt.timedelta(days=days - 1)
    with session_scope() as session:
        workspace_id = workspace_by_slug(session, read_credential("ADS_WORKSPACE") or "default")
    result: dict[str, Any] = {}
    for platform, config in sources.items():
        try:
            with unit_of_work(workspace_id) as scope:
                run = import_ads(scope, source=platform, config=config, since=since,
                                 until=until, label=f"{platform}-api")
            result[platform] = {"import_id": run.id, "rows": run.rows_total,
                                "matched": run.matched, "unmatched": run.unmatched,
                                "rejected": run.rejected}
        except (PluginError, InvalidInput) as exc:
            result[platform] = {"error": str(exc),
                                "transient": bool(getattr(exc, "transient", False))}
    return result
