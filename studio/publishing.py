"""Publishing videos as ads: what an ad-platform plugin receives and answers.

A platform is a data source (``register_data_sources``) that reads ``ad_stats`` — its
results come back through ``fetch`` — and also publishes: its ``sync(data)`` (the
:class:`~studio.contracts.DataSource` contract's way to send data out) takes
:class:`PublishItem` objects, and two more methods let the studio show the seller where an
ad can go and how it is doing. :class:`AdPublisher` is the whole surface; the built-in Meta
and TikTok sources (``plugins/meta_ads.py``, ``plugins/tiktok_ads.py``) implement it, and
docs/plugins.md ("Adding an ad platform") walks a third party through it.

Resuming is the plugin's half of "one video, one ad": every id the platform hands back
(upload session, video, image, creative, ad) goes into ``item.progress`` through
:meth:`PublishItem.save` the moment it exists; the studio stores it at once and gives it
back on the next attempt after a lost worker. Before creating an ad, a plugin looks in the
ad set for an ad whose name carries ``item.creative_code`` (the ad may have been made just
before the worker died) and adopts it instead of making a second one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field

from studio.contracts import (
    DataKind,
    FetchedRow,
    FetchQuery,
    PluginError,
    RejectedRow,
    SyncResult,
)

AdStatus = Literal["in_review", "paused", "active", "rejected", "failed", "deleted"]


class AccountNeedsReconnecting(PluginError):
    """The platform refused the token: expired, revoked, or missing a permission. The
    account is marked "needs reconnecting" and the message (say what to do) is shown."""


class AdRefused(PluginError):
    """The platform refused this one ad (a policy, a bad field); others may go on. The
    message is the platform's, shown on the video."""


class PlatformBusy(PluginError):
    """A rate limit: try again in ``retry_after`` seconds (progress is kept)."""

    def __init__(self, message: str, *, retry_after: float = 60.0) -> None:
        super().__init__(message, transient=True)
        self.retry_after = retry_after


class NotReadyYet(PluginError):
    """The platform is still processing (an uploaded video): come back in ``retry_after``
    seconds; ``item.progress`` already says where to resume."""

    def __init__(self, message: str, *, retry_after: float = 30.0) -> None:
        super().__init__(message, transient=True)
        self.retry_after = retry_after


class Campaign(BaseModel):
    id: str = Field(description="the platform's campaign id")
    name: str = Field(description="its name in Ads Manager")
    status: str | None = Field(default=None, description="the platform's status word")


class AdSet(BaseModel):
    """Where an ad goes: a Meta ad set or a TikTok ad group."""

    id: str = Field(description="the platform's ad set / ad group id")
    name: str = Field(description="its name in Ads Manager")
    status: str | None = Field(default=None, description="the platform's status word")
    campaign_id: str | None = Field(default=None, description="the campaign it belongs to")
    campaign_name: str | None = Field(default=None, description="that campaign's name")


class AccountInfo(BaseModel):
    """What "test connection" shows: the account, its campaigns and ad sets / ad groups."""

    account_id: str = Field(description="the platform's id of the account")
    name: str = Field(default="", description="its name")
    currency: str | None = Field(default=None, description="ISO 4217 code of its spend")
    campaigns: list[Campaign] = Field(default_factory=list, description="its campaigns")
    ad_sets: list[AdSet] = Field(default_factory=list, description="its ad sets / ad groups")


class AdState(BaseModel):
    """An ad's status as the platform reports it now."""

    ad_id: str = Field(description="the platform's ad id")
    status: AdStatus = Field(description="in_review, paused, active, rejected, deleted")
    reason: str | None = Field(default=None, description="the platform's words when it "
                               "rejected the ad or found a problem")


class PublishItem(BaseModel):
    """One video to publish as one ad in one ad set / ad group."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    video_path: Path = Field(description="the MP4, a local file")
    poster_path: Path | None = Field(default=None, description="a JPEG cover (the video's "
                                     "poster), a local file")
    creative_code: str = Field(description="the video's code; the ad's name carries it")
    ad_name: str = Field(description="the ad's name (ends with the creative code)")
    primary_text: str = Field(description="the ad's text above the video")
    headline: str = Field(default="", description="a short title (the product's)")
    call_to_action: str = Field(default="SHOP_NOW", description="SHOP_NOW, LEARN_MORE, …")
    landing_url: str = Field(description="the page the ad opens, with utm_content=<code>")
    ad_set_id: str = Field(description="the ad set / ad group to create the ad in")
    start_paused: bool = Field(default=True, description="create the ad paused (Meta "
                               "PAUSED, TikTok DISABLE)")
    progress: dict[str, Any] = Field(default_factory=dict, description="what earlier "
                                     "attempts stored: upload_session_id, platform_video_id, "
                                     "image_ref, creative_id, ad_id, and your own keys")
    checkpoint: Callable[[dict[str, Any]], None] | None = Field(default=None, exclude=True)

    def save(self, **values: Any) -> None:
        """Record ids the moment the platform gives them (stored by the studio at once).
        Known keys: ``upload_session_id``, ``platform_video_id``, ``image_ref``,
        ``creative_id``, ``ad_id``, ``status`` (an :data:`AdStatus`), ``reason``."""
        self.progress.update(values)
        if self.checkpoint is not None:
            self.checkpoint(dict(self.progress))


@runtime_checkable
class AdPublisher(Protocol):
    """A data source that also publishes ads (see the module's description)."""

    name: str
    version: str
    kinds: tuple[DataKind, ...]

    def connect(self, config: Mapping[str, Any]) -> None:
        """``access_token``, ``account_id`` and the account's ``identity`` keys."""
        ...

    def fetch(self, query: FetchQuery) -> Iterable[FetchedRow]:
        """The account's daily results per ad (``kind="ad_stats"``, ``since``/``until``)."""
        ...

    def sync(self, data: Iterable[Any]) -> SyncResult:
        """Publish each :class:`PublishItem`; an item the platform refused goes in
        ``failed`` with its words. Raise :class:`AccountNeedsReconnecting`,
        :class:`PlatformBusy` or :class:`NotReadyYet` for what stops every item."""
        ...

    def account(self) -> AccountInfo:
        """The account with its campaigns and ad sets (the "test connection")."""
        ...

    def ad_states(self, ad_ids: Sequence[str]) -> list[AdState]:
        """The current status of these ads (review, delivery, rejection reasons)."""
        ...


def publish_each(data: Iterable[Any], publish: Callable[[PublishItem], None]) -> SyncResult:
    """``sync(data)`` for a platform: ``publish`` each item; an :class:`AdRefused` goes in
    ``failed`` (``raw`` names the item), anything else stops the sync."""
    sent, failed = 0, []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, PublishItem):
            raise PluginError("sync takes studio.publishing.PublishItem objects")
        try:
            publish(item)
        except AdRefused as exc:
            failed.append(RejectedRow(row_number=index, reason=str(exc), raw={
                "creative_code": item.creative_code, "ad_set_id": item.ad_set_id}))
            continue
        sent += 1
    return SyncResult(sent=sent, failed=failed)


def stats_platform(name: str) -> str:
    """The ``AdStatRow.platform`` a platform's rows carry: its own name for the three the
    row knows, ``other`` for a plugin's (ad links and ad stats must agree on it)."""
    return name if name in ("meta", "tiktok", "google") else "other"


def is_publisher(source: object) -> bool:
    return isinstance(source, AdPublisher)


def landing_url(url: str, creative_code: str) -> str:
    """``url`` with ``utm_content=<creative code>`` (replacing one already there); adds
    ``utm_source=studio`` and ``utm_medium=paid_video`` when absent."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k != "utm_content"]
    names = {k for k, _ in query}
    if "utm_source" not in names:
        query.append(("utm_source", "studio"))
    if "utm_medium" not in names:
        query.append(("utm_medium", "paid_video"))
    query.append(("utm_content", creative_code))
    return urlunsplit(parts._replace(query=urlencode(query)))
