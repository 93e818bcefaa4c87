"""Results come back by themselves: every connected ad account is pulled on the beat
schedule and on demand ("sync now"), incrementally — from the day after the last pull, but
always re-reading the platform's attribution window (``STUDIO_ADS_SYNC_DAYS``, 7 by
default), since platforms restate recent days. Rows link to videos by ad id first (the
studio's own ads carry an ad link), then by creative code.

A video whose numbers changed gets an ``ad.performance_updated`` event (and webhook) with
the window's totals before and after; the account's published ads get their review status
again (``ad.status_changed``, and ``ad.failed`` for a rejection).
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from studio import outbox
from studio.contracts import FetchQuery, PluginError
from studio.db import AdAccount, AdStat, Job, PublishedAd, Scope, Video, session_scope
from studio.db.types import utcnow
from studio.errors import NotFound, StudioError
from studio.events import record_event
from studio.publishing import AccountNeedsReconnecting, stats_platform
from studio.schemas.publishing import SyncJobPublic, SyncResultPublic
from studio.services.connections import connected, needs_reconnecting, token_of
from studio.states import IllegalTransition, transition
from studio.token_vault import redact

log = logging.getLogger(__name__)
CHECKED = ("in_review", "paused", "active")


def window_days() -> int:
    from studio.ai.credentials import read_credential

    try:
        return max(1, int(read_credential("ADS_SYNC_DAYS") or 7))
    except ValueError:
        return 7


def sync_range(synced_through: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """(since, until): today back over the attribution window, or further back to the day
    after the last pull when that was longer ago."""
    since = today - dt.timedelta(days=window_days() - 1)
    if synced_through is not None:
        since = min(since, synced_through + dt.timedelta(days=1))
    return since, today


def ask_for_sync(scope: Scope, account_id: int | None = None) -> Job:
    """A ``sync`` job (sent when the caller commits): one account, or all of them."""
    if account_id is not None and scope.get(AdAccount, account_id) is None:
        raise NotFound("ad_account", account_id)
    job = scope.add(Job(kind="sync", payload={"account": account_id}))
    scope.session.flush()
    outbox.add_jobs(scope.session, [job.id])
    return job


def sync_public(job: Job) -> SyncJobPublic:
    payload = job.payload or {}
    return SyncJobPublic(id=job.id, account=payload.get("account"), status=job.status,
                         error=job.error, result=payload.get("result"),
                         status_url=f"/api/v1/connections/syncs/{job.id}",
                         created_at=job.created_at, finished_at=job.finished_at)


def get_sync(scope: Scope, job_id: int) -> Job:
    job = scope.get(Job, job_id)
    if job is None or job.kind != "sync":
        raise NotFound("sync", job_id)
    return job


def run_sync_job(job_id: int) -> dict[str, Any]:
    """The worker's side of "sync now"."""
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is None or job.status != "pending":
            return {"job": job_id, "status": job.status if job else "missing"}
        try:
            transition(session, job, "running")
        except IllegalTransition:
            return {"job": job_id, "status": "taken"}
        wanted, workspace_id = (job.payload or {}).get("account"), job.workspace_id
    results = sync_all(workspace_id=workspace_id, account_id=wanted)
    errors = [r["error"] for r in results["accounts"] if r.get("error")]
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is None or job.status != "running":
            return {"job": job_id, "status": "gone"}
        job.payload = {**(job.payload or {}), "result": results}
        failed = bool(errors) and len(errors) == len(results["accounts"])
        transition(session, job, "failed" if failed else "succeeded",
                   reason="; ".join(errors) if failed else None)
    return {"job": job_id, "status": "failed" if failed else "succeeded"}


def sync_all(*, today: dt.date | None = None, workspace_id: int | None = None,
             account_id: int | None = None) -> dict[str, Any]:
    """Pull every connected account (of one workspace, or one account); one failing account
    never stops the others."""
    with session_scope() as session:
        statement = select(AdAccount.id)
        if workspace_id is not None:
            statement = statement.where(AdAccount.workspace_id == workspace_id)
        # one account asked for by name is tried (and says why not); all: the connected ones
        statement = statement.where(AdAccount.id == account_id) if account_id is not None \
            else statement.where(AdAccount.status == "connected")
        ids = list(session.scalars(statement.order_by(AdAccount.id)))
    results = [sync_account(i, today=today).model_dump(mode="json") for i in ids]
    return {"accounts": results}


def sync_now(scope: Scope, account_id: int | None = None) -> list[SyncResultPublic]:
    """Pull now, in this process (the terminal's "sync"): one account, or every connected
    one of the workspace."""
    if account_id is not None and scope.get(AdAccount, account_id) is None:
        raise NotFound("ad_account", account_id)
    found = sync_all(workspace_id=scope.workspace_id, account_id=account_id)["accounts"]
    return [SyncResultPublic.model_validate(r) for r in found]


def _totals(session: Any, workspace_id: int, platform: str, since: dt.date,
            until: dt.date) -> dict[int, tuple[Decimal, Decimal, int, int]]:
    rows = session.execute(
        select(AdStat.video_id, func.sum(AdStat.spend), func.sum(AdStat.revenue),
               func.sum(AdStat.impressions), func.sum(AdStat.purchases))
        .where(AdStat.workspace_id == workspace_id, AdStat.platform == platform,
               AdStat.date >= since, AdStat.date <= until, AdStat.video_id.is_not(None))
        .group_by(AdStat.video_id))
    return {int(v): (Decimal(str(s or 0)), Decimal(str(r or 0)), int(i or 0), int(p or 0))
            for v, s, r, i, p in rows}


def sync_account(account_id: int, *, today: dt.date | None = None) -> SyncResultPublic:
    from studio.roi.store import import_ad_stats

    with session_scope() as session:
        account = session.get(AdAccount, account_id)
        if account is None:
            return SyncResultPublic(account=account_id, platform="", error="gone")
        session.expunge(account)
    result = SyncResultPublic(account=account.id, platform=account.platform)
    if account.status != "connected":
        result.error = account.status_reason or "needs reconnecting"
        return result
    since, until = sync_range(account.synced_through, today or utcnow().date())
    result.since, result.until = since, until
    token = token_of(account)
    try:
        plugin = connected(account)
        rows = list(plugin.fetch(FetchQuery(kind="ad_stats", since=since, until=until,
                                            options={"currency": account.currency})))
    except AccountNeedsReconnecting as exc:
        return _refused(account, redact(str(exc), token), result)
    except (PluginError, StudioError) as exc:
        return _sync_error(account, redact(str(exc), token), result)
    except Exception as exc:  # never let a URL with the token reach a log line
        return _sync_error(account, redact(f"{type(exc).__name__}: {exc}", token), result)
    platform = stats_platform(account.platform)
    with session_scope() as session:
        before = _totals(session, account.workspace_id, platform, since, until)
        summary = import_ad_stats(session, account.workspace_id, rows,
                                  source=f"{account.platform}-api", platform=platform)
        after = _totals(session, account.workspace_id, platform, since, until)
        result.rows, result.matched = summary.rows_total, summary.matched
        result.unmatched = summary.unmatched
        changed = sorted(v for v in after if after[v] != before.get(v))
        codes = {int(i): c for i, c in session.execute(select(
            Video.id, Video.creative_code).where(Video.id.in_(changed)))} if changed else {}
        for video_id in changed:
            now, was = after[video_id], before.get(video_id)
            record_event(session, workspace_id=account.workspace_id,
                         type="ad.performance_updated", subject_type="video",
                         subject_id=video_id, payload={
                             "video_id": video_id, "creative_code": codes.get(video_id),
                             "platform": account.platform, "account": account.id,
                             "since": since, "until": until, **_figures(now),
                             "before": _figures(was) if was else None})
        result.videos_updated = changed
        stored = session.get(AdAccount, account.id)
        if stored is not None:
            stored.synced_through, stored.synced_at, stored.sync_error = until, utcnow(), None
    result.ads_checked = refresh_statuses(account, token)
    return result


def _figures(values: tuple[Decimal, Decimal, int, int]) -> dict[str, Any]:
    spend, revenue, impressions, purchases = values
    return {"spend": str(spend.quantize(Decimal("0.01"))),
            "revenue": str(revenue.quantize(Decimal("0.01"))),
            "impressions": impressions, "purchases": purchases,
            "roas": str((revenue / spend).quantize(Decimal("0.01"))) if spend else None}


def _refused(account: AdAccount, reason: str, result: SyncResultPublic) -> SyncResultPublic:
    with session_scope() as session:
        stored = session.get(AdAccount, account.id)
        if stored is not None:
            needs_reconnecting(session, stored, reason)
            stored.sync_error = reason
    result.error = reason
    return result


def _sync_error(account: AdAccount, reason: str, result: SyncResultPublic) -> SyncResultPublic:
    log.warning("ad sync of account %s (%s): %s", account.id, account.platform, reason)
    with session_scope() as session:
        stored = session.get(AdAccount, account.id)
        if stored is not None:
            stored.sync_error, stored.synced_at = reason, utcnow()
    result.error = reason
    return result


def refresh_statuses(account: AdAccount, token: str | None) -> int:
    """Read the review / delivery status of the account's published ads again."""
    with session_scope() as session:
        rows = list(session.scalars(select(PublishedAd).where(
            PublishedAd.ad_account_id == account.id, PublishedAd.status.in_(CHECKED),
            PublishedAd.ad_id.is_not(None))))
        wanted = {str(r.ad_id): r.id for r in rows}
    if not wanted:
        return 0
    try:
        states = connected(account).ad_states(sorted(wanted))
    except AccountNeedsReconnecting as exc:
        _refused(account, redact(str(exc), token), SyncResultPublic(account=account.id,
                                                                     platform=account.platform))
        return 0
    except Exception as exc:  # statuses are a bonus of the pull: say so, keep the results
        log.warning("ad statuses of account %s: %s", account.id,
                    redact(f"{type(exc).__name__}: {exc}", token))
        return 0
    with session_scope() as session:
        for state in states:
            row = session.get(PublishedAd, wanted.get(state.ad_id))
            if row is None:
                continue
            row.status_checked_at = utcnow()
            if state.status == row.status and state.reason == row.reason:
                continue
            was, row.status, row.reason = row.status, state.status, state.reason
            payload = {"video_id": row.video_id, "platform": row.platform,
                       "account": row.ad_account_id, "ad_id": row.ad_id, "was": was,
                       "status": row.status, "reason": row.reason}
            record_event(session, workspace_id=row.workspace_id, type="ad.status_changed",
                         subject_type="video", subject_id=row.video_id, payload=payload)
            if row.status == "rejected":
                record_event(session, workspace_id=row.workspace_id, type="ad.failed",
                             subject_type="video", subject_id=row.video_id,
                             payload={**payload, "ad_set_id": row.ad_set_id,
                                      "by": row.requested_by})
            elif row.status == "active" and was != "active":  # switched on in Ads Manager
                record_event(session, workspace_id=row.workspace_id, type="ad.started",
                             subject_type="video", subject_id=row.video_id,
                             payload={**payload, "ad_set_id": row.ad_set_id,
                                      "ad_set_name": row.ad_set_name, "enabled": True,
                                      "by": row.requested_by})
    return len(states)
