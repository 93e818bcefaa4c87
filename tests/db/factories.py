"""Minimal valid rows for every table, for tests in any folder.

``seed_workspace(session, "acme")`` makes a workspace with one row of every workspace-owned
table, linked together the way real rows are, and returns them by model.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.db import (
    AdAccount,
    AdImport,
    AdImportRejectedRow,
    AdLink,
    AdStat,
    AdStatTotal,
    ApiKey,
    AutopilotSettings,
    Batch,
    BrandKit,
    Event,
    Invite,
    Job,
    Mail,
    Order,
    Product,
    PublishedAd,
    SavedTemplate,
    SpendHold,
    UsageRecord,
    User,
    Video,
    WebhookDelivery,
    WebhookEndpoint,
    Workspace,
)
from studio.db.types import utcnow
from studio.roi import rollup


def make_workspace(session: Session, slug: str) -> Workspace:
    workspace = Workspace(name=slug.title(), slug=slug)
    session.add(workspace)
    session.flush()
    return workspace


def make_video(session: Session, workspace: Workspace, **values: Any) -> Video:
    values.setdefault("creative_code", secrets.token_hex(4).upper())
    values.setdefault("template_id", "flash-sale")
    values.setdefault("template_version", "v1hash")
    video = Video(workspace_id=workspace.id, **values)
    session.add(video)
    session.flush()
    return video


def make_ad_import(session: Session, workspace_id: int, platform: str = "meta") -> AdImport:
    """The import that ad stats written by hand in a test belong to (every row has one)."""
    ad_import = AdImport(
        workspace_id=workspace_id, source=f"{platform}_export", platform=platform, status="done"
    )
    session.add(ad_import)
    session.flush()
    return ad_import


def seed_workspace(session: Session, slug: str) -> dict[type[Any], Any]:
    ws = make_workspace(session, slug)
    rows: dict[type[Any], Any] = {}

    def add(obj: Any) -> Any:
        obj.workspace_id = ws.id
        session.add(obj)
        session.flush()
        rows[type(obj)] = obj
        return obj

    user = add(User(email=f"owner@{slug}.test", password_hash="x"))
    add(
        ApiKey(
            prefix=slug[:8], key_hash=f"hash-{slug}", scopes=["videos:read"], created_by_id=user.id
        )
    )
    add(Invite(email=f"new@{slug}.test", role="member", token_hash=f"invite-{slug}",
               invited_by_id=user.id, expires_at=utcnow()))
    add(Mail(kind="invite", to_address=f"new@{slug}.test", subject="Join", body="{link}"))
    product = add(
        Product(title=f"{slug} mug", price=Decimal("19.99"), source="csv", external_id="sku-1")
    )
    batch = add(Batch(name=f"{slug} batch", created_by_id=user.id))
    video = make_video(session, ws, product_id=product.id, batch_id=batch.id)
    rows[Video] = video
    add(Job(kind="render", video_id=video.id, batch_id=batch.id))
    ad_import = add(AdImport(source="meta_export", platform="meta", file_name="ads.csv"))
    add(
        AdImportRejectedRow(
            ad_import_id=ad_import.id, row_number=3, reason="no date", raw={"Ad name": "x"}
        )
    )
    add(
        AdStat(
            platform="meta",
            ad_id=f"{slug}-ad",
            ad_name=f"Mug {video.creative_code}",
            date=dt.date(2026, 11, 1),
            spend=Decimal("10.50"),
            impressions=1000,
            revenue=Decimal("42"),
            video_id=video.id,
            ad_import_id=ad_import.id,
        )
    )
    # the totals cache, filled the way every import fills it
    rollup.rebuild(session, ws.id)
    rows[AdStatTotal] = session.scalars(
        select(AdStatTotal).where(AdStatTotal.workspace_id == ws.id)
    ).one()
    add(AdLink(platform="meta", ad_id=f"{slug}-ad", video_id=video.id))
    add(
        Order(
            source="shopify",
            external_id="1001",
            ordered_at=utcnow(),
            revenue=Decimal("19.99"),
            utm_content=video.creative_code,
            video_id=video.id,
        )
    )
    event = add(Event(type="video.created", subject_type="video", subject_id=str(video.id)))
    add(
        UsageRecord(
            video_id=video.id,
            kind="render_seconds",
            quantity=Decimal("3.5"),
            unit="s",
            cost=Decimal("0.01"),
        )
    )
    endpoint = add(
        WebhookEndpoint(
            url=f"https://{slug}.test/hook", secret="s3cret", event_types=["video.succeeded"]
        )
    )
    add(WebhookDelivery(endpoint_id=endpoint.id, event_id=event.id or uuid.uuid4()))
    account = add(
        AdAccount(platform="meta", account_id=f"act_{slug}", token_ciphertext="sealed")
    )
    add(
        PublishedAd(
            video_id=video.id, ad_account_id=account.id, platform="meta", ad_set_id="adset-1"
        )
    )
    add(AutopilotSettings())
    add(SpendHold(key=f"{slug}-step", against="budget", amount=Decimal("0.40"), currency="USD",
                  video_id=video.id, expires_at=utcnow()))
    add(BrandKit(primary_color="#112233"))
    add(SavedTemplate(slug=f"{slug}-sale", name=f"{slug} sale", base_template="flash-sale"))
    rows[Workspace] = ws
    return rows
