"""Every table of the studio. Importing this module registers them all on ``Base.metadata``."""

from studio.db.models.account import (
    ApiKey,
    Invite,
    Mail,
    PasswordReset,
    User,
    Workspace,
)
from studio.db.models.activity import Event, SpendHold, UsageRecord
from studio.db.models.ads import (
    AdImport,
    AdImportRejectedRow,
    AdLink,
    AdStat,
    AdStatTotal,
    Order,
    ad_key,
)
from studio.db.models.branding import BrandKit, SavedTemplate
from studio.db.models.catalog import Product, Template
from studio.db.models.idempotency import IdempotencyKey
from studio.db.models.production import Batch, Job, Video, WorkerHeartbeat
from studio.db.models.publishing import AdAccount, AutopilotSettings, PublishedAd
from studio.db.models.webhooks import WebhookDelivery, WebhookEndpoint

__all__ = [
    "AdAccount",
    "AdImport",
    "AdImportRejectedRow",
    "AdLink",
    "AdStat",
    "AdStatTotal",
    "ApiKey",
    "AutopilotSettings",
    "Batch",
    "BrandKit",
    "Event",
    "IdempotencyKey",
    "Invite",
    "Job",
    "Mail",
    "Order",
    "PasswordReset",
    "Product",
    "PublishedAd",
    "SavedTemplate",
    "SpendHold",
    "Template",
    "UsageRecord",
    "User",
    "Video",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WorkerHeartbeat",
    "Workspace",
    "ad_key",
]
