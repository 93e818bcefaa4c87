"""The autopilot's daily digest: what it rendered and published since the last one, and how
ROI per template moved — an ``autopilot.digest`` event and a mail (the mail outbox), once a
day per workspace whose autopilot is on (beat asks every hour; a day already told is
skipped)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from studio.db import AutopilotSettings, Event, Scope, User, session_scope
from studio.db.types import utcnow
from studio.events import record_event
from studio.services.analytics import RoiQuery, roi_report
from studio.services.autopilot import REQUESTED, allocation, status_of


def send_due_digests(today: dt.date | None = None) -> dict[str, Any]:
    day = today or utcnow().date()
    with session_scope() as session:
        due = list(session.scalars(select(AutopilotSettings.workspace_id).where(
            AutopilotSettings.enabled.is_(True))))
    sent = []
    for workspace_id in due:
        with session_scope() as session:
            scope = Scope(session, workspace_id)
            settings = scope.first(AutopilotSettings)
            if settings is None or settings.last_digest_on == day:
                continue
            digest(scope, settings, day)
            sent.append(workspace_id)
    return {"digests": sent}


def _roi_now(scope: Scope) -> dict[str, str | None]:
    report = roi_report(scope, RoiQuery(by="template"), slots=10)
    return {f"{g.key} ({g.currency})": (str(g.roi.quantize(Decimal("0.01")))
                                        if g.roi is not None else None)
            for g in report.groups}


def digest(scope: Scope, settings: AutopilotSettings, day: dt.date) -> dict[str, Any]:
    """Write today's digest (event + mail) and remember what it said."""
    since = utcnow() - dt.timedelta(days=1)
    last = scope.scalar(scope.select(Event.created_at).where(Event.type == "autopilot.digest")
                        .order_by(Event.seq.desc()).limit(1))
    if last is not None:
        since = last
    events = scope.scalars(scope.select(Event).where(
        Event.created_at >= since, Event.type.in_(
            (REQUESTED, "ad.started", "ad.failed", "autopilot.skipped"))))
    rendered = sum(1 for e in events if e.type == REQUESTED)
    published = sum(1 for e in events if e.type == "ad.started"
                    and (e.payload or {}).get("by") == "autopilot")
    failed = [str((e.payload or {}).get("reason")) for e in events if e.type == "ad.failed"
              and (e.payload or {}).get("by") == "autopilot"]
    skipped = [str((e.payload or {}).get("reason")) for e in events
               if e.type == "autopilot.skipped"]
    now = _roi_now(scope)
    was = dict((settings.digest_state or {}).get("roi") or {})
    moves = {k: {"was": was.get(k), "now": v} for k, v in now.items()}
    nxt = allocation(scope, settings, 10)
    payload = {"day": day.isoformat(), "status": status_of(settings), "rendered": rendered,
               "published": published, "failed": failed[:20], "skipped": skipped[:20],
               "roi": moves, "next": [i.model_dump() for i in nxt]}
    record_event(scope.session, workspace_id=scope.workspace_id, type="autopilot.digest",
                 subject_type="autopilot", subject_id=scope.workspace_id, payload=payload)
    to = settings.digest_to or _owner_email(scope)
    if to:
        from studio.mail import queue_mail

        queue_mail(scope.session, workspace_id=scope.workspace_id, kind="autopilot_digest",
                   to=to, subject=f"Your studio's autopilot, {day:%d %b %Y}: {rendered} "
                   f"video(s) made, {published} ad(s) published", body=_text(payload))
    settings.last_digest_on = day
    settings.digest_state = {"roi": now, "day": day.isoformat()}
    scope.session.flush()
    return payload


def _owner_email(scope: Scope) -> str | None:
    found = scope.scalar(scope.select(User.email).where(User.is_active.is_(True))
                         .order_by(User.id).limit(1))
    return str(found) if found else None


def _text(payload: dict[str, Any]) -> str:
    lines = [f"Since the last digest the autopilot ({payload['status']}) asked for "
             f"{payload['rendered']} video(s) and published {payload['published']} ad(s), "
             "paused, for you to switch on.", ""]
    if payload["roi"]:
        lines.append("ROI per template (profit ÷ (spend + production cost)):")
        for key, move in sorted(payload["roi"].items()):
            was = move["was"] if move["was"] is not None else "–"
            now = move["now"] if move["now"] is not None else "not enough data"
            lines.append(f"  {key}: {was} → {now}")
        lines.append("")
    if payload["next"]:
        lines.append("The next 10 videos would go: " + "; ".join(
            f"{i['videos']} × {i['reason']}" for i in payload["next"]))
    for title, items in (("Not published", payload["failed"]),
                         ("Left out", payload["skipped"])):
        if items:
            lines += ["", f"{title}:"] + [f"  - {reason}" for reason in items]
    lines += ["", "Pause the autopilot at any time on its page in the studio."]
    return "\n".join(lines)
