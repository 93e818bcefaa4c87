"""Webhooks: register endpoints (HMAC-signed POSTs), see every delivery, send one again."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import IdPath, ScopeDep
from api.pagination import PageDep
from studio.schemas.webhooks import (
    DeliveriesPublic,
    RedeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhooksPublic,
    WebhookUpdate,
)
from studio.services import webhooks

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.post("", response_model=WebhookCreated, status_code=201, operation_id="create_webhook")
def create_webhook(body: WebhookCreate, scope: ScopeDep, response: Response) -> WebhookCreated:
    """Register an endpoint; the `secret` to verify signatures is in this answer."""
    created = webhooks.create_webhook(scope, body)
    response.headers["Location"] = f"/api/v1/webhooks/{created.id}"
    return created


@router.get("", response_model=WebhooksPublic, operation_id="list_webhooks")
def list_webhooks(scope: ScopeDep, page: PageDep) -> WebhooksPublic:
    return webhooks.list_webhooks(scope, limit=page.limit, offset=page.offset)


@router.get("/{webhook_id}", response_model=WebhookPublic, operation_id="get_webhook")
def get_webhook(webhook_id: IdPath, scope: ScopeDep) -> WebhookPublic:
    return WebhookPublic.model_validate(webhooks.get_endpoint(scope, webhook_id))


@router.patch("/{webhook_id}", response_model=WebhookPublic, operation_id="update_webhook")
def update_webhook(webhook_id: IdPath, body: WebhookUpdate, scope: ScopeDep) -> WebhookPublic:
    return webhooks.update_webhook(scope, webhook_id, body)


@router.delete("/{webhook_id}", status_code=204, operation_id="delete_webhook")
def delete_webhook(webhook_id: IdPath, scope: ScopeDep) -> Response:
    webhooks.delete_webhook(scope, webhook_id)
    return Response(status_code=204)


@router.get("/{webhook_id}/deliveries", response_model=DeliveriesPublic,
            operation_id="list_webhook_deliveries")
def list_deliveries(webhook_id: IdPath, scope: ScopeDep, page: PageDep) -> DeliveriesPublic:
    """Every attempt to deliver an event to this endpoint, newest first."""
    return webhooks.list_deliveries(scope, webhook_id, limit=page.limit, offset=page.offset)


@router.post("/{webhook_id}/deliveries/{delivery_id}/redeliver",
             response_model=RedeliveryPublic, status_code=202, operation_id="redeliver_webhook")
def redeliver(webhook_id: IdPath, delivery_id: IdPath, scope: ScopeDep) -> RedeliveryPublic:
    """Send that delivery's event to the endpoint again (same event id: receivers dedupe)."""
    return webhooks.redeliver(scope, webhook_id, delivery_id)
