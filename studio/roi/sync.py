"""Periodic ad-stats sync from the ad APIs configured in the environment.

Meta: ``STUDIO_META_ACCESS_TOKEN`` + ``STUDIO_META_ACCOUNT_ID`` (optional ``..._BASE_URL``).
TikTok: ``STUDIO_TIKTOK_ACCESS_TOKEN`` + ``STUDIO_TIKTOK_ADVERTISER_ID`` (optional
``..._BASE_URL``, ``..._CURRENCY``). Each run fetches the last ``STUDIO_ADS_SYNC_DAYS`` days
(default 7: platforms keep restating recent days) into the ``STUDIO_ADS_WORKSPACE`` workspace
(default ``default``). Running it twice is harmless: newer numbers replace older ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from studio.ai.credentials import read_credential
from studio.contracts import FetchQuery, PluginError

SOURCES = {
    "meta": {"access_token": "META_ACCESS_TOKEN", "account_id": "META_ACCOUNT_ID",
             "base_url": "META_BASE_URL", "currency": "META_CURRENCY"},
    "tiktok": {"access_token": "TIKTOK_ACCESS_TOKEN", "advertiser_id": "TIKTOK_ADVERTISER_ID",
               "base_url": "TIKTOK_BASE_URL", "currency": "TIKTOK_CURRENCY"},
}  # fmt: skip
REQUIRED = {"meta": ("access_token", "account_id"), "tiktok": ("access_token", "advertiser_id")}


def configured_sources() -> dict[str, dict[str, str]]:
    out = {}
    for platform, names in SOURCES.items():
        config = {key: value for key, env in names.items() if (value := read_credential(env))}
        if all(config.get(k) for k in REQUIRED[platform]):
            out[platform] = config
    return out


def sync_configured_sources(today: dt.date | None = None) -> dict[str, Any]:
    from studio.db import session_scope
    from studio.jobs import runtime
    from studio.plugins import get_data_source
    from studio.roi.store import import_ad_stats

    sources = configured_sources()
    if not sources:
        return {"skipped": "no ad API is configured (see studio.roi.sync for the variables)"}
    days = int(read_credential("ADS_SYNC_DAYS") or 7)
    until = (today or dt.date.today()) - dt.timedelta(days=1)
    since = until - dt.timedelta(days=days - 1)
    workspace_id = runtime.default_workspace_id(read_credential("ADS_WORKSPACE") or "default")
    result: dict[str, Any] = {}
    for platform, config in sources.items():
        source = get_data_source(platform)
        try:
            source.connect(config)
            with session_scope() as session:
                rows = source.fetch(FetchQuery(kind="ad_stats", since=since, until=until))
                summary = import_ad_stats(
                    session, workspace_id, rows, source=f"{platform}-api", platform=platform
                )
            result[platform] = {
                "import_id": summary.import_id, "rows": summary.rows_total,
                "matched": summary.matched, "unmatched": summary.unmatched,
                "rejected": len(summary.rejected),
            }  # fmt: skip
        except PluginError as exc:  # one failing platform must not stop the other
            result[platform] = {"error": str(exc), "transient": exc.transient}
    return result
