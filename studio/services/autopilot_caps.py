"""The autopilot's daily caps, as its decisions and the AI steps read them: which videos it
asked for today, what their AI work cost, and the AI-spend cap as a limit on one video's AI
step (:func:`spend_cap`, checked by the step when it is about to pay)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from sqlalchemy import func

from studio.ai.budget import BudgetExceeded, fits
from studio.db import Event, Scope, UsageRecord, Video
from studio.db.models import AutopilotSettings
from studio.db.types import utcnow
from studio.events import record_event
from studio.usage_kinds import CLOUD_KINDS

REQUESTED = "autopilot.video_requested"
CAP = "autopilot_cap"  # what the cap's holds are held against (studio.ai.ledger_db)


def today_start() -> dt.datetime:
    now = utcnow()
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def requested_today(scope: Scope) -> list[int]:
    """Ids of the videos the autopilot asked for today (its events say which)."""
    events = scope.scalars(scope.select(Event.payload).where(
        Event.type == REQUESTED, Event.created_at >= today_start()))
    return [int(p["video_id"]) for p in events if p.get("video_id")]


def ai_spend(scope: Scope, video_ids: Sequence[int], currency: str) -> Decimal:
    """What these videos' AI work cost, in ``currency`` (other currencies are not summed in)."""
    if not video_ids:
        return Decimal(0)
    total = scope.scalar(scope.select(func.sum(UsageRecord.cost)).where(
        UsageRecord.video_id.in_(list(video_ids)), UsageRecord.kind.in_(CLOUD_KINDS),
        UsageRecord.currency == currency))
    return Decimal(str(total or 0))


class SpendCapReached(BudgetExceeded):
    """The autopilot's daily cap on AI spend stopped one of its videos before paid work."""


def spend_cap(workspace_id: int, video_id: int, *, hold: str, job_id: int | None = None,
              hold_seconds: float) -> Callable[[Decimal, str], None]:
    """The autopilot's daily cap on AI spend as a limit on one of its videos' AI steps (see
    :func:`studio.ai.usage.metered`). Read when the step is about to pay, with its estimate:
    videos asked for together stop at the first one that would take today's spend past the
    cap, instead of all of them being paid for. Passing, the step holds its estimate under
    the key ``hold`` in the same transaction (serialised per workspace), so steps of today's
    videos checking at once in several workers count each other's estimates as spent; the
    hold goes when the step's usage is recorded or it ends, and one a killed worker left
    behind stops counting after ``hold_seconds``. Refusing, it says why in the autopilot's log
    (``autopilot.skipped``, ``why`` = ``cap_ai_spend``) and raises :class:`SpendCapReached`
    (not retried: the video fails with the same words)."""

    def check(estimate: Decimal, currency: str) -> None:
        from studio.ai.ledger_db import drop_holds, held, place_hold
        from studio.db import session_scope

        with session_scope() as session:
            settings = Scope(session, workspace_id).first(AutopilotSettings)
            if settings is None or not settings.max_ai_spend_per_day:
                return
            cap, money = settings.max_ai_spend_per_day, settings.spend_currency
        coming = estimate if currency == money else Decimal(0)
        with session_scope() as session:
            # first in this transaction: nobody else's check of this workspace until it ends
            place_hold(session, workspace_id, key=hold, against=CAP, amount=coming,
                       currency=money, seconds=hold_seconds, video_id=video_id,
                       job_id=job_id)
            scope = Scope(session, workspace_id)
            today = requested_today(scope)
            # what today's other videos' steps hold is as good as spent: they passed with it
            spent = (ai_spend(scope, today, money)
                     + held(session, workspace_id, CAP, money, besides=hold, video_ids=today))
            if fits(spent, cap, coming):
                return
            drop_holds(session, hold, CAP)  # refused work holds nothing
            reason = (f"not made today: the autopilot's videos spent {spent:.2f} {money} on AI "
                      f"today, and its daily cap is {cap:.2f} {money}")
            if spent < cap:
                reason += f"; this video's AI step would cost about {coming:.2f} {money} more"
            video = scope.get(Video, video_id)
            record_event(session, workspace_id=workspace_id, type="autopilot.skipped",
                         subject_type="autopilot", subject_id=workspace_id,
                         payload={"products": [video.product_id] if video and
                                  video.product_id else [], "videos": [video_id],
                                  "reason": reason, "why": "cap_ai_spend",
                                  "cap": str(cap)})
        raise SpendCapReached(reason, transient=False)

    return check


def cap_stopped_today(scope: Scope, cap: Decimal) -> bool:
    """A video was stopped today by this cap (or a higher one): there is no room left today,
    though the spend itself is below the cap (the stopped step would have passed it)."""
    payloads = scope.scalars(scope.select(Event.payload).where(
        Event.type == "autopilot.skipped", Event.created_at >= today_start()))
    return any(p.get("why") == "cap_ai_spend" and p.get("videos")
               and Decimal(str(p.get("cap") or 0)) >= cap for p in payloads)


def stopped_by_cap(scope: Scope) -> set[int]:
    """Videos :func:`spend_cap` stopped: their products count as new again."""
    payloads = scope.scalars(scope.select(Event.payload).where(
        Event.type == "autopilot.skipped"))
    return {int(v) for p in payloads if p.get("why") == "cap_ai_spend"
            for v in p.get("videos") or []}
