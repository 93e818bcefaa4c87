"""Webhooks: where a seller's systems want events POSTed (signed), and every attempt."""

from __future__ import annotations

import secrets

from studio import outbox
from studio.db import Scope, WebhookDelivery, WebhookEndpoint
from studio.errors import Conflict, InvalidInput, NotFound
from studio.schemas.webhooks import (
    DeliveriesPublic,
    DeliveryPublic,
    RedeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhooksPublic,
    WebhookUpdate,
)
from studio.webhooks.subscriptions import WEBHOOK_EVENTS, forget_endpoints


def _check_url(url: str) -> str:
    from studio.config import get_settings
    from studio.webhooks.delivery import check_destination

    try:
        check_destination(url, allow_private=get_settings().allow_private_urls)
    except ValueError as exc:
        raise InvalidInput("webhook.bad_url", field="url", detail=str(exc)) from None
    return url


def _check_types(types: list[str]) -> list[str]:
    unknown = sorted(set(types) - set(WEBHOOK_EVENTS))
    if unknown:
        raise InvalidInput("webhook.unknown_types", field="event_types",
                           unknown=", ".join(unknown), allowed=", ".join(WEBHOOK_EVENTS))
    return sorted(set(types))


def get_endpoint(scope: Scope, webhook_id: int) -> WebhookEndpoint:
    endpoint = scope.get(WebhookEndpoint, webhook_id)
    if endpoint is None:
        raise NotFound("webhook", webhook_id)
    return endpoint


def create_webhook(scope: Scope, body: WebhookCreate) -> WebhookCreated:
    """Register an endpoint; the ``secret`` to verify signatures is in this answer."""
    endpoint = scope.add(WebhookEndpoint(
        url=_check_url(body.url), secret=secrets.token_urlsafe(32),
        event_types=_check_types(body.event_types), description=body.description, active=True,
    ))
    scope.session.flush()
    forget_endpoints(scope.session)
    return WebhookCreated(**WebhookPublic.model_validate(endpoint).model_dump(),
                          secret=endpoint.secret)


def list_webhooks(scope: Scope, *, limit: int = 50, offset: int = 0) -> WebhooksPublic:
    rows = scope.list(WebhookEndpoint, limit=limit, offset=offset)
    return WebhooksPublic(data=[WebhookPublic.model_validate(r) for r in rows],
                          count=scope.count(WebhookEndpoint))


def update_webhook(scope: Scope, webhook_id: int, body: WebhookUpdate) -> WebhookPublic:
    endpoint = get_endpoint(scope, webhook_id)
    if body.url is not None:
        endpoint.url = _check_url(body.url)
    if body.event_types is not None:
        endpoint.event_types = _check_types(body.event_types)
    if body.description is not None:
        endpoint.description = body.description
    if body.active is not None:
        endpoint.active = body.active
    scope.session.flush()
    forget_endpoints(scope.session)
    return WebhookPublic.model_validate(endpoint)


def delete_webhook(scope: Scope, webhook_id: int) -> None:
    scope.delete(get_endpoint(scope, webhook_id))
    forget_endpoints(scope.session)


def list_deliveries(scope: Scope, webhook_id: int, *, limit: int = 50,
                    offset: int = 0) -> DeliveriesPublic:
    """Every attempt to deliver an event to this endpoint, newest first."""
    get_endpoint(scope, webhook_id)
    where = WebhookDelivery.endpoint_id == webhook_id
    rows = scope.list(WebhookDelivery, where, order_by=WebhookDelivery.id.desc(),
                      limit=limit, offset=offset)
    return DeliveriesPublic(data=[DeliveryPublic.model_validate(r) for r in rows],
                            count=scope.count(WebhookDelivery, where))


def redeliver(scope: Scope, webhook_id: int, delivery_id: int) -> RedeliveryPublic:
    """Send that delivery's event to the endpoint again (same event id: receivers dedupe)."""
    endpoint = get_endpoint(scope, webhook_id)
    delivery = scope.first(WebhookDelivery, WebhookDelivery.id == delivery_id,
                           WebhookDelivery.endpoint_id == endpoint.id)
    if delivery is None:
        raise NotFound("delivery", delivery_id)
    if not endpoint.active:
        raise Conflict("webhook.inactive", id=endpoint.id)
    again = WebhookDelivery(workspace_id=delivery.workspace_id,
                            endpoint_id=delivery.endpoint_id, event_id=delivery.event_id,
                            attempt=1, status="pending")
    scope.session.add(again)
    scope.session.flush()
    outbox.add_deliveries(scope.session, [again.id])  # sent after the commit
    return RedeliveryPublic(queued=True, endpoint_id=endpoint.id, event_id=delivery.event_id)
