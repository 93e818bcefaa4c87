"""Ad accounts (connections), published ads, syncs and the autopilot, as the API shows them.

A token goes in (``SecretStr``: never echoed in a validation error or a log line) and never
comes out: an account shows only ``token_hint``, the token's last four characters.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from studio.publishing import AccountInfo, AdSet
from studio.schemas.common import Count, RowId

AspectRatio = Literal["9:16", "1:1", "16:9", "4:5"]
URL = r"^https?://\S+$"


class ConnectionCreate(BaseModel):
    """Connect a Meta ad account or a TikTok advertiser; the studio checks it at once."""

    model_config = ConfigDict(extra="forbid")

    platform: str = Field(min_length=2, max_length=16, description="meta or tiktok (or an "
                          "ad-platform plugin's name).")
    account_id: str = Field(min_length=1, max_length=100, description="Meta: the ad account "
                            "id (act_… or its digits). TikTok: the advertiser id.")
    access_token: SecretStr = Field(min_length=8, max_length=4000, description="Meta: a "
                                    "system-user token with ads_management. TikTok: a "
                                    "long-term advertiser token. Stored encrypted; never "
                                    "shown again.")
    page_id: str | None = Field(None, max_length=100, description="Meta: the Facebook page "
                                "ads are posted as.")
    instagram_user_id: str | None = Field(None, max_length=100, description="Meta: the "
                                          "Instagram account, to run on Instagram too.")
    identity_id: str | None = Field(None, max_length=100, description="TikTok: the identity "
                                    "ads are posted as.")
    identity_type: str | None = Field(None, max_length=32, description="TikTok: "
                                      "CUSTOMIZED_USER, TT_USER or BC_AUTH_TT.")
    landing_url: str | None = Field(None, max_length=2000, pattern=URL, description="The "
                                    "shop page ads open when a product has no page of its "
                                    "own; utm_content=<creative code> is added.")


class ConnectionUpdate(BaseModel):
    """Reconnect with a new token, or change the identity or the shop page."""

    model_config = ConfigDict(extra="forbid")

    access_token: SecretStr | None = Field(None, min_length=8, max_length=4000)
    page_id: str | None = Field(None, max_length=100)
    instagram_user_id: str | None = Field(None, max_length=100)
    identity_id: str | None = Field(None, max_length=100)
    identity_type: str | None = Field(None, max_length=32)
    landing_url: str | None = Field(None, max_length=2000, pattern=URL)


class ConnectionPublic(BaseModel):
    id: int
    platform: str
    account_id: str
    name: str
    currency: str | None
    identity: dict[str, str]
    landing_url: str | None
    token_hint: str = Field(description="The token's last four characters, to recognise it.")
    status: str = Field(description="connected, or needs_reconnecting (see `status_reason`).")
    status_reason: str | None = Field(description="What the platform said and what to do.")
    checked_at: dt.datetime | None
    synced_through: dt.date | None = Field(description="Results are read up to this day.")
    synced_at: dt.datetime | None
    sync_error: str | None
    created_at: dt.datetime


class ConnectionsPublic(BaseModel):
    data: list[ConnectionPublic]
    count: int


class ConnectionCheck(BaseModel):
    """The account as the platform shows it now: campaigns and ad sets / ad groups."""

    connection: ConnectionPublic
    account: AccountInfo | None = Field(description="None when the platform refused the "
                                        "token: `connection.status_reason` says what to do.")


class AdSetsPublic(BaseModel):
    data: list[AdSet]
    count: int


class PublishRequest(BaseModel):
    """Where and how: the ad set / ad group of a connected account; paused unless
    ``start_paused`` is false."""

    model_config = ConfigDict(extra="forbid")

    account: RowId = Field(description="The connection's id (GET /connections).")
    ad_set_id: str = Field(min_length=1, max_length=100, description="Meta ad set or TikTok "
                           "ad group id (GET /connections/{id}/ad-sets).")
    ad_set_name: str = Field("", max_length=500)
    start_paused: bool = Field(True, description="Create the ad paused (Meta PAUSED, TikTok "
                               "DISABLE); false: it may start delivering after review.")
    primary_text: str | None = Field(None, max_length=2000, description="The ad's text; "
                                     "default: the video's AI copy, else the template's.")
    call_to_action: str = Field("SHOP_NOW", pattern=r"^[A-Z_]{2,40}$")
    landing_url: str | None = Field(None, max_length=2000, pattern=URL, description="Default: "
                                    "the product's page, else the connection's shop page.")


class PublishedAdPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    video_id: int
    account: int = Field(description="The connection's id.")
    platform: str
    ad_set_id: str
    ad_set_name: str
    status: str = Field(description="queued, publishing, in_review, paused, active, rejected "
                        "or failed; only in_review, paused and active are published.")
    published: bool = Field(description="True once the platform holds the ad.")
    reason: str | None = Field(description="The platform's words (a rejection) or what to do.")
    step: str | None = Field(description="While publishing: the step reached.")
    start_paused: bool
    requested_by: str = Field(description="seller or autopilot.")
    ad_name: str
    ad_id: str | None
    creative_id: str | None
    landing_url: str
    published_at: dt.datetime | None
    status_checked_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


class PublishedAdsPublic(BaseModel):
    data: list[PublishedAdPublic]
    count: int


class SyncJobPublic(BaseModel):
    """A pull of ad results (and ad statuses) running on a worker."""

    id: int
    account: int | None = Field(description="The connection, or None for all of them.")
    status: str = Field(description="pending, running, succeeded or failed.")
    error: str | None = None
    result: dict[str, Any] | None = None
    status_url: str
    created_at: dt.datetime
    finished_at: dt.datetime | None


class SyncResultPublic(BaseModel):
    """What one pull brought: days read, rows, which videos got new results."""

    account: int
    platform: str
    since: dt.date | None = None
    until: dt.date | None = None
    rows: int = 0
    matched: int = 0
    unmatched: int = 0
    videos_updated: list[int] = Field(default_factory=list)
    ads_checked: int = 0
    error: str | None = None


class PublishTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    account: RowId
    ad_set_id: str = Field(min_length=1, max_length=100)
    ad_set_name: str = Field("", max_length=500)


class StoreSettings(BaseModel):
    """A store the autopilot pulls on a schedule: its new products arrive by themselves."""

    model_config = ConfigDict(extra="forbid")

    source: Literal["shopify"] = Field("shopify", description="The catalog source plugin.")
    shop_url: str = Field(min_length=4, max_length=500, description="my-shop.myshopify.com")
    access_token: SecretStr = Field(min_length=8, max_length=4000, description="An Admin "
                                    "API token with read_products; stored encrypted.")
    currency: str = Field("USD", pattern=r"^[A-Za-z]{3}$", description="The store's currency.")


class StorePublic(BaseModel):
    source: str
    shop_url: str
    currency: str
    token_hint: str
    synced_at: dt.datetime | None
    error: str | None


class AutopilotUpdate(BaseModel):
    """The autopilot's rules; a field left out keeps its value."""

    model_config = ConfigDict(extra="forbid")

    # strict: 1 or "yes" is not a switch, `true` or "5" not a number of videos (lax pydantic
    # would read them all)
    enabled: bool | None = Field(None, strict=True)
    max_videos_per_day: Count | None = Field(None, ge=0, le=1000)
    max_ai_spend_per_day: Decimal | None = Field(None, ge=0, le=100000, decimal_places=2)
    spend_currency: str | None = Field(None, pattern=r"^[A-Za-z]{3}$")
    templates: list[str] | None = Field(None, max_length=20, description="Tried in turn while "
                                        "no template has results yet.")
    formats: list[AspectRatio] | None = Field(None, min_length=1, max_length=4)
    options: dict[str, Any] | None = Field(None, description="Each video's options, e.g. "
                                           "{\"preview\": true} or {\"ai_copy\": true}.")
    publish_to: list[PublishTarget] | None = Field(None, max_length=5, description="Ad sets "
                                                   "new videos are published to, paused.")
    digest_to: str | None = Field(None, max_length=320, description="Where the daily digest "
                                  "is mailed; empty: the workspace owner.")
    store: StoreSettings | None = Field(None, description="A store to pull every 15 minutes "
                                        "(null: none); its new products go the same way as "
                                        "an import's.")


class AllocationItem(BaseModel):
    template: str
    videos: int
    p_best: float = Field(description="Probability the template has the best ROI.")
    enough_data: bool = Field(False, description="False: too few results to judge yet.")
    fallback: bool = Field(False, description="No template has results yet: the seller's "
                           "templates are tried in turn.")
    reason: str


class AutopilotPublic(BaseModel):
    status: str = Field(description="off, on or paused.")
    enabled: bool
    paused_at: dt.datetime | None
    pause_reason: str | None
    max_videos_per_day: int
    max_ai_spend_per_day: Decimal
    spend_currency: str
    templates: list[str]
    formats: list[str]
    options: dict[str, Any]
    publish_to: list[PublishTarget]
    digest_to: str | None
    last_digest_on: dt.date | None
    videos_today: int = Field(description="Videos the autopilot asked for today (UTC).")
    ai_spend_today: Decimal = Field(description="What today's autopilot videos cost in AI.")
    next: list[AllocationItem] = Field(description="How the next 10 videos would be shared "
                                       "between templates, and why.")
    store: StorePublic | None = Field(None, description="The store pulled on a schedule.")
