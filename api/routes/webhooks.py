"""Webhooks: register endpoints (HMAC-signed POSTs), see every delivery, send one again."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Response

from api.deps import ApiSettingsDep, IdPath, ScopeDep, SettingsDep
from api.errors import Problem, not_found
from api.schemas.common import PageDep
from api.schemas.webhooks import (
    DeliveriesPublic,
    DeliveryPublic,
    RedeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhooksPublic,
    WebhookUpdate,
)
from studio.config import Settings
from studio.db import Scope, WebhookDelivery, WebhookEndpoint

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


def _check_url(url: str, settings: Settings) -> str:
    from studio.webhooks.delivery import check_destination

    try:
        check_destination(url, allow_private=settings.allow_private_urls)
    except ValueError as exc:
        raise Problem(422, str(exc), field="body.url") from None
    return url


def _check_types(types: list[str]) -> list[str]:
    from studio.webhooks import WEBHOOK_EVENTS

    unknown = sorted(set(types) - set(WEBHOOK_EVENTS))
    if unknown:
        raise Problem(
            422, f"unknown event type(s) {', '.join(unknown)}; use {', '.join(WEBHOOK_EVENTS)}",
            field="body.event_types",
        )
    return sorted(set(types))


def _endpoint(scope: Scope, webhook_id: int) -> WebhookEndpoint:
    endpoint = scope.get(WebhookEndpoint, webhook_id)
    if endpoint is None:
        raise not_found("Webhook", webhook_id)
    return endpoint


@router.post("", response_model=WebhookCreated, status_code=201)
def create_webhook(
    body: WebhookCreate, scope: ScopeDep, settings: SettingsDep, response: Response
) -> WebhookCreated:
    """Register an endpoint; the `secret` to verify signatures is in this answer."""
    endpoint = scope.add(WebhookEndpoint(
        url=_check_url(body.url, settings), secret=secrets.token_urlsafe(32),
        event_types=_check_types(body.event_types), description=body.description, active=True,
    ))
    scope.session.flush()
    response.headers["Location"] = f"/api/v1/webhooks/{endpoint.id}"
    return WebhookCreated(**WebhookPublic.model_validate(endpoint).model_dump(),
                          secret=endpoint.secret)


@router.get("", response_model=WebhooksPublic)
def list_webhooks(scope: ScopeDep, page: PageDep) -> WebhooksPublic:
    rows = scope.list(WebhookEndpoint, limit=page.limit, offset=page.offset)
    return WebhooksPublic(data=[WebhookPublic.model_validate(r) for r in rows],
                          count=scope.count(WebhookEndpoint))


@router.get("/{webhook_id}", response_model=WebhookPublic)
def get_webhook(webhook_id: IdPath, scope: ScopeDep) -> WebhookPublic:
    return WebhookPublic.model_validate(_endpoint(scope, webhook_id))


@router.patch("/{webhook_id}", response_model=WebhookPublic)
def update_webhook(
    webhook_id: IdPath, body: WebhookUpdate, scope: ScopeDep, settings: SettingsDep
) -> WebhookPublic:
    endpoint = _endpoint(scope, webhook_id)
    if body.url is not None:
        endpoint.url = _check_url(body.url, settings)
    if body.event_types is not None:
        endpoint.event_types = _check_types(body.event_types)
    if body.description is not None:
        endpoint.description = body.description
    if body.active is not None:
        endpoint.active = body.active
    scope.session.flush()
    return WebhookPublic.model_validate(endpoint)


@router.delete("/{webhook_id}", status_code=204)
def delete_webhook(webhook_id: IdPath, scope: ScopeDep) -> Response:
    scope.delete(_endpoint(scope, webhook_id))
    return Response(status_code=204)


@router.get("/{webhook_id}/deliveries", response_model=DeliveriesPublic)
def list_deliveries(webhook_id: IdPath, scope: ScopeDep, page: PageDep) -> DeliveriesPublic:
    """Every attempt to deliver an event to this endpoint, newest first."""
    _endpoint(scope, webhook_id)
    where = WebhookDelivery.endpoint_id == webhook_id
    rows = scope.list(WebhookDelivery, where, order_by=WebhookDelivery.id.desc(),
                      limit=page.limit, offset=page.offset)
    return DeliveriesPublic(data=[DeliveryPublic.model_validate(r) for r in rows],
                            count=scope.count(WebhookDelivery, where))


@router.post("/{webhook_id}/deliveries/{delivery_id}/redeliver", response_model=RedeliveryPublic,
             status_code=202)
def redeliver(
    webhook_id: IdPath, delivery_id: IdPath, scope: ScopeDep, api: ApiSettingsDep
) -> RedeliveryPublic:
    """Send that delivery's event to the endpoint again (same event id: receivers dedupe)."""
    endpoint = _endpoint(scope, webhook_id)
    delivery = scope.first(WebhookDelivery, WebhookDelivery.id == delivery_id,
                           WebhookDelivery.endpoint_id == endpoint.id)
    if delivery is None:
        raise not_found("Delivery", delivery_id)
    if not endpoint.active:
        raise Problem(409, f"webhook {endpoint.id} is inactive; PATCH active=true first",
                      slug="conflict")
    queued = False
    if api.dispatch_jobs:
        from studio.jobs.tasks import deliver_webhook

        deliver_webhook.apply_async(
            kwargs={"endpoint_id": endpoint.id, "event_id": str(delivery.event_id),
                    "attempt": 1},
            queue="io",
        )
        queued = True
    return RedeliveryPublic(queued=queued, endpoint_id=endpoint.id, event_id=delivery.event_id)
