"""The autopilot: when products arrive, render them with the templates that earn, and
publish them paused — by itself, within the seller's daily caps, each action an event with
its reason. Off until the seller turns it on; pausing stops it at once.

How it decides: new products (no video yet) from any catalog import — a file, a store sync,
a scheduled pull — are grouped by category; the ROI recommendation (Thompson sampling over
what each template's videos earned, :func:`studio.services.analytics.recommendation`)
shares them between templates, and each product gets the template its share says, with the
reason ("price-drop: 89% chance of the best ROI"). With no results yet it tries the
seller's templates in turn. At most ``max_videos_per_day`` videos a day (UTC), and none once
today's AI spend of its videos reached ``max_ai_spend_per_day`` (when its videos use AI): no
new video is asked for then, and a video already asked for is stopped before the AI step
that would take the spend past the cap (``autopilot_caps.spend_cap``, checked by the step
when it is about to pay, with that step's estimate); its product is left for the next day.
With ``publish_to`` set, the new videos are published paused into those ad sets as soon as
they are made.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from decimal import Decimal

from studio.db import Event, Job, Product, PublishedAd, Scope, Video
from studio.db.models import AutopilotSettings
from studio.db.types import utcnow
from studio.errors import InvalidInput, StudioError
from studio.events import record_event
from studio.schemas.events import EventPublic, EventsPublic
from studio.schemas.publishing import (
    AllocationItem,
    AutopilotPublic,
    AutopilotUpdate,
    PublishRequest,
    PublishTarget,
    StorePublic,
    StoreSettings,
)
from studio.services.analytics import RoiQuery, recommendation
from studio.services.autopilot_caps import (
    REQUESTED,
    ai_spend,
    cap_stopped_today,
    requested_today,
    stopped_by_cap,
)
from studio.services.batches import create_batch
from studio.services.connections import get_connection
from studio.services.publishing import ask_to_publish
from studio.services.requests import VideoRequest
from studio.states import transition

log = logging.getLogger(__name__)
TEMPLATES, FORMATS = ["showcase"], ["9:16"]  # until the seller chooses
AI_OPTIONS = ("ai_copy", "ai_clip", "analyze")


def settings_of(scope: Scope) -> AutopilotSettings:
    found = scope.first(AutopilotSettings)
    if found is None:
        found = scope.add(AutopilotSettings(enabled=False, templates=TEMPLATES,
                                            formats=FORMATS, options={},
                                            publish_to=[], digest_state={},
                                            max_videos_per_day=10,
                                            max_ai_spend_per_day=Decimal(0)))
        scope.session.flush()
    return found


def _reason(template: str, p_best: float, enough: bool) -> str:
    if enough:
        return f"{template}: {p_best:.0%} chance of the best ROI"
    return f"{template}: not enough results yet ({p_best:.0%} chance of the best ROI so far)"


def allocation(scope: Scope, settings: AutopilotSettings, slots: int,
               category: str | None = None, currency: str | None = None
               ) -> list[AllocationItem]:
    """How ``slots`` videos are shared between templates now, and why."""
    for wanted in ([category, None] if category else [None]):
        found = recommendation(scope, RoiQuery(category=wanted), slots=slots).data
        chosen = next((r for r in found if r.currency == currency), found[0] if found else None)
        if chosen is not None:
            return [AllocationItem(template=i.template, videos=i.videos, p_best=i.p_best,
                                   enough_data=i.enough_data,
                                   reason=_reason(i.template, i.p_best, i.enough_data))
                    for i in chosen.items if i.videos > 0]
    templates = list(settings.templates or TEMPLATES)
    counts = {t: slots // len(templates) + (1 if n < slots % len(templates) else 0)
              for n, t in enumerate(templates)}
    return [AllocationItem(template=t, videos=c, p_best=0.0, fallback=True,
                           reason=f"{t}: no template has results yet; trying "
                                  f"{', '.join(templates)} in turn")
            for t, c in counts.items() if c > 0]


def _set_store(settings: AutopilotSettings, store: StoreSettings | None) -> None:
    from studio.token_vault import encrypt, hint

    if store is None:
        settings.store, settings.store_token_ciphertext = {}, None
        settings.store_synced_at = settings.store_error = None
        return
    token = store.access_token.get_secret_value().strip()
    settings.store = {"source": store.source, "shop_url": store.shop_url.strip(),
                      "currency": store.currency.upper(), "hint": hint(token)}
    settings.store_token_ciphertext = encrypt(token)
    settings.store_error = None


def status_of(settings: AutopilotSettings) -> str:
    if not settings.enabled:
        return "off"
    return "paused" if settings.paused_at is not None else "on"


def autopilot_public(scope: Scope) -> AutopilotPublic:
    settings = settings_of(scope)
    today = requested_today(scope)
    return AutopilotPublic(
        status=status_of(settings), enabled=settings.enabled, paused_at=settings.paused_at,
        pause_reason=settings.pause_reason, max_videos_per_day=settings.max_videos_per_day,
        max_ai_spend_per_day=settings.max_ai_spend_per_day,
        spend_currency=settings.spend_currency, templates=list(settings.templates or []),
        formats=list(settings.formats or []), options=dict(settings.options or {}),
        publish_to=[PublishTarget(**t) for t in settings.publish_to or []],
        digest_to=settings.digest_to, last_digest_on=settings.last_digest_on,
        videos_today=len(today),
        ai_spend_today=ai_spend(scope, today, settings.spend_currency),
        next=allocation(scope, settings, 10), store=_store_public(settings))


def _store_public(settings: AutopilotSettings) -> StorePublic | None:
    store = settings.store or {}
    if not store.get("shop_url"):
        return None
    return StorePublic(source=str(store.get("source", "shopify")), shop_url=store["shop_url"],
                       currency=str(store.get("currency", "USD")),
                       token_hint=f"…{store['hint']}" if store.get("hint") else "",
                       synced_at=settings.store_synced_at, error=settings.store_error)


_NEVER_EMPTY = ("enabled", "max_videos_per_day", "max_ai_spend_per_day", "spend_currency")


def update_autopilot(scope: Scope, body: AutopilotUpdate) -> AutopilotPublic:
    from studio.templating import default_registry

    settings = settings_of(scope)
    # a rule that cannot be emptied keeps its value when sent as null (as when left out)
    changed = {name: value for name, value in
               body.model_dump(exclude_unset=True, mode="json").items()
               if value is not None or name not in _NEVER_EMPTY}
    for template in body.templates or []:
        try:
            default_registry().get(template)
        except LookupError:
            raise InvalidInput("autopilot.unknown_template", field="templates",
                               template=template) from None
    for target in body.publish_to or []:
        get_connection(scope, target.account)
    was = status_of(settings)
    if "store" in changed:
        given = changed.pop("store")
        _set_store(settings, body.store)
    for name, value in changed.items():
        if name == "spend_currency" and value:
            value = value.upper()
        if name == "max_ai_spend_per_day":
            value = Decimal(str(value))
        if name == "digest_to":
            value = (value or "").strip() or None
        setattr(settings, name, value)
    if "store" in body.model_fields_set:  # said in the event, without the token
        changed["store"] = {k: v for k, v in (given or {}).items() if k != "access_token"}
    scope.session.flush()
    now = status_of(settings)
    kind = ("autopilot.turned_on" if now == "on" and was == "off" else
            "autopilot.turned_off" if now == "off" and was != "off" else
            "autopilot.rules_changed")
    record_event(scope.session, workspace_id=scope.workspace_id, type=kind,
                 subject_type="autopilot", subject_id=scope.workspace_id,
                 payload={"changed": changed, "status": now})
    return autopilot_public(scope)


def pause(scope: Scope, reason: str = "paused by the seller") -> AutopilotPublic:
    """Stop at once: no new action, and its renders and ads still waiting are cancelled."""
    settings = settings_of(scope)
    if settings.paused_at is None:
        settings.paused_at, settings.pause_reason = utcnow(), reason
        cancelled = _cancel_waiting_work(scope)
        record_event(scope.session, workspace_id=scope.workspace_id, type="autopilot.paused",
                     subject_type="autopilot", subject_id=scope.workspace_id,
                     payload={"reason": reason, **cancelled})
    return autopilot_public(scope)


def _cancel_waiting_work(scope: Scope) -> dict[str, list[int]]:
    """The autopilot's renders not started yet, and its ads not published yet."""
    from studio.services.videos import cancel_video

    week = utcnow() - dt.timedelta(days=7)
    asked = [int(p["video_id"]) for p in scope.scalars(scope.select(Event.payload).where(
        Event.type == REQUESTED, Event.created_at >= week)) if p.get("video_id")]
    videos = scope.list(Video, Video.id.in_(asked), Video.status.in_(("pending", "queued")))
    cancelled = [v.id for v in videos
                 if cancel_video(scope, v.id, reason="the autopilot was paused")]
    ads = scope.list(PublishedAd, PublishedAd.requested_by == "autopilot",
                     PublishedAd.status == "queued")
    for row in ads:
        row.status, row.reason = "failed", "the autopilot was paused before it was published"
        job = scope.get(Job, row.job_id) if row.job_id else None
        if job is not None and job.status == "pending":
            transition(scope.session, job, "cancelled", reason=row.reason)
    scope.session.flush()
    return {"cancelled_videos": cancelled, "cancelled_ads": [a.id for a in ads]}


def resume(scope: Scope) -> AutopilotPublic:
    settings = settings_of(scope)
    if settings.paused_at is not None:
        settings.paused_at, settings.pause_reason = None, None
        record_event(scope.session, workspace_id=scope.workspace_id, type="autopilot.resumed",
                     subject_type="autopilot", subject_id=scope.workspace_id,
                     payload={"reason": "resumed by the seller"})
    return autopilot_public(scope)


def products_arrived(scope: Scope, product_ids: Sequence[int], *, source: str) -> None:
    """The catalog import's hook: act on the new products when the autopilot is on. Never
    fails the import: a problem is rolled back alone and logged as an event."""
    settings = scope.first(AutopilotSettings)
    if settings is None or status_of(settings) != "on" or not product_ids:
        return
    try:
        with scope.session.begin_nested():
            _render_new(scope, settings, list(product_ids), source)
    except StudioError as exc:
        _skipped(scope, list(product_ids), exc.message)
    except Exception as exc:  # the import must stand whatever happens here
        log.exception("autopilot of workspace %s", scope.workspace_id)
        _skipped(scope, list(product_ids), f"the autopilot hit an error ({type(exc).__name__})")


def _skipped(scope: Scope, product_ids: list[int], reason: str, why: str = "error") -> None:
    """``why``: cap_videos, cap_ai_spend or error (the web studio words it from that)."""
    record_event(scope.session, workspace_id=scope.workspace_id, type="autopilot.skipped",
                 subject_type="autopilot", subject_id=scope.workspace_id,
                 payload={"products": product_ids, "reason": reason, "why": why})


def _render_new(scope: Scope, settings: AutopilotSettings, product_ids: list[int],
                source: str) -> None:
    made = set(scope.scalars(scope.select(Video.product_id).where(
        Video.product_id.in_(product_ids), Video.id.not_in(stopped_by_cap(scope)))))
    new = scope.list(Product, Product.id.in_([p for p in product_ids if p not in made]),
                     order_by=Product.id)
    if not new:
        return
    formats = list(settings.formats or FORMATS)
    today = requested_today(scope)
    left = max(0, (settings.max_videos_per_day - len(today)) // len(formats))
    options = dict(settings.options or {})
    cap, money = settings.max_ai_spend_per_day, settings.spend_currency
    spent = ai_spend(scope, today, money)
    if cap and any(options.get(k) for k in AI_OPTIONS) and (
            spent >= cap or cap_stopped_today(scope, cap)):
        left, code = 0, "cap_ai_spend"
        why = (f"today's AI spend ({spent:.2f} {money}) "
               + ("reached" if spent >= cap else "leaves no room for another video under")
               + f" the daily cap of {cap:.2f} {money}")
    else:
        code = "cap_videos"
        why = f"the daily cap of {settings.max_videos_per_day} videos is reached"
    if len(new) > left:
        _skipped(scope, [p.id for p in new[left:]], why, code)
        new = new[:left]
    if not new:
        return
    choices: list[tuple[Product, AllocationItem]] = []
    for category in sorted({p.category or "" for p in new}):
        group = [p for p in new if (p.category or "") == category]
        shares = allocation(scope, settings, len(group), category or None, group[0].currency)
        order = [item for item in shares for _ in range(item.videos)]
        # The shares add up to the group (largest remainder), so nothing is left over; if a
        # slot ever were, it goes to the favourite (the first share: the most videos, the
        # best chance of the best ROI) — the loop exists to render more of what earns, and
        # the least-favoured template already had its share.
        order += [order[0]] * (len(group) - len(order))
        choices += list(zip(group, order, strict=False))
    requests = [VideoRequest(product_id=p.id, template_id=item.template, format=f,
                             options={**options, "autopilot": True})
                for p, item in choices for f in formats]
    batch, submission = create_batch(
        scope, requests, name=f"Autopilot {utcnow():%Y-%m-%d %H:%M}: {len(choices)} new "
        f"product(s) from {source}")
    by_request = dict(zip(range(len(requests)), submission.video_ids, strict=False))
    for n, request in enumerate(requests):
        product, item = choices[n // len(formats)]
        record_event(scope.session, workspace_id=scope.workspace_id, type=REQUESTED,
                     subject_type="video", subject_id=by_request[n],
                     payload={"video_id": by_request[n], "product_id": product.id,
                              "product": product.title, "template": item.template,
                              "format": request.format, "batch_id": batch.id,
                              "p_best": item.p_best, "enough_data": item.enough_data,
                              "fallback": item.fallback, "reason": item.reason})
    _publish_new(scope, settings, list(submission.video_ids))


def _publish_new(scope: Scope, settings: AutopilotSettings, video_ids: list[int]) -> None:
    for target in settings.publish_to or []:
        where = PublishTarget(**target)
        try:
            with scope.session.begin_nested():
                rows = ask_to_publish(scope, video_ids, PublishRequest(
                    account=where.account, ad_set_id=where.ad_set_id,
                    ad_set_name=where.ad_set_name, start_paused=True),
                    requested_by="autopilot")
        except StudioError as exc:
            record_event(scope.session, workspace_id=scope.workspace_id,
                         type="autopilot.skipped", subject_type="autopilot",
                         subject_id=scope.workspace_id,
                         payload={"videos": video_ids, "account": where.account,
                                  "reason": f"not published: {exc.message}",
                                  "why": "not_published", "code": exc.code})
            continue
        name = where.ad_set_name or where.ad_set_id
        record_event(scope.session, workspace_id=scope.workspace_id,
                     type="autopilot.publishing", subject_type="autopilot",
                     subject_id=scope.workspace_id,
                     payload={"videos": video_ids, "ads": [r.id for r in rows],
                              "account": where.account, "platform": rows[0].platform
                              if rows else None, "ad_set_id": where.ad_set_id,
                              "reason": f"new videos go paused into {name} once made, "
                                        "for you to switch on"})


def log_page(scope: Scope, *, before: int | None = None, limit: int = 50) -> EventsPublic:
    """The autopilot's actions, newest first (``next_after``: pass it as ``before``)."""
    from studio.events import event_to_dict

    statement = scope.select(Event).where(Event.type.startswith("autopilot."))
    if before:
        statement = statement.where(Event.seq < before)
    rows = scope.scalars(statement.order_by(Event.seq.desc()).limit(limit))
    data = [EventPublic(**event_to_dict(e)) for e in rows]
    return EventsPublic(data=data, count=len(data), next_after=data[-1].seq if data else 0)

