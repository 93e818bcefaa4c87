"""TikTok: publish a video as an ad, test an advertiser, read ads' review status — the
TikTok Business API v1.3 over httpx (no official Python SDK is relied on).

Every answer is ``{code, message, request_id, data}`` with HTTP 200 even on errors, so every
answer's ``code`` is read: a token problem asks for reconnecting, a rate limit waits, a
passing problem is tried again, anything else refuses this one ad with TikTok's words.

Steps, each id saved the moment TikTok gives it: look for an ad of this video already in the
ad group (its name carries the creative code) → ``file/video/ad/upload`` (``UPLOAD_BY_FILE``,
``video_signature`` = the file's MD5) → the cover, ``file/image/ad/upload`` → ``ad/create``
with ``operation_status`` ``DISABLE`` (paused) unless asked otherwise → its status.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from studio.contracts import PluginError
from studio.publishing import (
    AccountInfo,
    AccountNeedsReconnecting,
    AdRefused,
    AdSet,
    AdState,
    Campaign,
    PlatformBusy,
    PublishItem,
)
from studio.token_vault import redact

BASE_URL = "https://business-api.tiktok.com"
PREFIX = "/open_api/v1.3/"
TOKEN_CODES = {40001, 40102, 40104, 40105, 40106}  # no permission, expired, empty, revoked
BUSY_CODES = {40100, 40133}  # too many requests
BUSY_WAIT = 15  # seconds; the publish job waits without spending an attempt
TRANSIENT_CODES = {40200, 50000, 50002}
STATUS = {"AD_STATUS_DELIVERY_OK": "active", "AD_STATUS_DISABLE": "paused",
          "AD_STATUS_CAMPAIGN_DISABLE": "paused", "AD_STATUS_ADGROUP_DISABLE": "paused",
          "AD_STATUS_AUDIT": "in_review", "AD_STATUS_REVIEWING": "in_review",
          "AD_STATUS_NOT_APPROVE": "rejected", "AD_STATUS_NOT_APPROVED": "rejected",
          "AD_STATUS_REVIEW_FAIL": "rejected", "AD_STATUS_DELETE": "deleted"}
AD_FIELDS = ["ad_id", "ad_name", "adgroup_id", "operation_status", "secondary_status"]


def error_for(code: int, message: str, request_id: Any, token: str | None = None,
              ) -> PluginError:
    said = redact(str(message or "no message"), token)
    where = f"tiktok: {said} (code {code}, request {request_id})"
    if code in TOKEN_CODES:
        return AccountNeedsReconnecting(
            f"{where}. The access token expired, was revoked or lacks a permission: reconnect "
            "this advertiser with a new long-term token (TikTok for Business → your app → "
            "Advertiser authorization)")
    if code in BUSY_CODES:  # too many calls a second / minute; TikTok sends no wait
        return PlatformBusy(f"{where}. TikTok's rate limit: trying again in {BUSY_WAIT} s",
                            retry_after=BUSY_WAIT)
    if code in TRANSIENT_CODES:
        return PluginError(f"{where}. A passing problem at TikTok; trying again",
                           transient=True)
    return AdRefused(where)


class TikTok:
    """One advertiser's calls: ``Access-Token`` header, every answer's code checked."""

    def __init__(self, config: dict[str, Any]) -> None:
        import httpx

        self.token = str(config["access_token"])
        self.advertiser = str(config.get("advertiser_id") or config["account_id"])
        base = str(config.get("base_url") or BASE_URL).rstrip("/")
        self.client = httpx.Client(base_url=base + PREFIX, headers={"Access-Token": self.token},
                                   timeout=httpx.Timeout(float(config.get("timeout", 120)),
                                                         connect=10.0))

    def close(self) -> None:
        self.client.close()

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        import httpx

        try:
            response = self.client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise PluginError(f"tiktok: cannot reach the Business API ({type(exc).__name__})",
                              transient=True) from None
        if response.status_code != 200:
            raise PluginError(f"tiktok: HTTP {response.status_code} from {path}",
                              transient=response.status_code >= 500
                              or response.status_code == 429)
        body = response.json()
        code = int(body.get("code", -1))
        if code != 0:
            raise error_for(code, body.get("message"), body.get("request_id"), self.token)
        return body.get("data")

    def pages(self, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        page = 1
        while True:
            data = self.call("GET", path, params={**params, "advertiser_id": self.advertiser,
                                                  "page": page, "page_size": 100}) or {}
            yield from data.get("list") or []
            if page >= int((data.get("page_info") or {}).get("total_page") or 1):
                return
            page += 1


def account_info(api: TikTok) -> AccountInfo:
    found = api.call("GET", "advertiser/info/", params={
        "advertiser_ids": json.dumps([api.advertiser]),
        "fields": json.dumps(["advertiser_id", "name", "currency"])}) or {}
    about: dict[str, Any] = next(iter(found.get("list") or []), {})
    campaigns = list(api.pages("campaign/get/", {}))
    names = {str(c.get("campaign_id")): str(c.get("campaign_name", "")) for c in campaigns}
    groups = list(api.pages("adgroup/get/", {}))
    return AccountInfo(
        account_id=api.advertiser, name=str(about.get("name") or ""),
        currency=about.get("currency"),
        campaigns=[Campaign(id=str(c.get("campaign_id")), name=str(c.get("campaign_name", "")),
                            status=c.get("operation_status")) for c in campaigns],
        ad_sets=[AdSet(id=str(g.get("adgroup_id")), name=str(g.get("adgroup_name", "")),
                       status=g.get("operation_status"),
                       campaign_id=str(g.get("campaign_id") or "") or None,
                       campaign_name=names.get(str(g.get("campaign_id"))))
                 for g in groups])


def _state(ad: dict[str, Any], reviews: dict[str, Any]) -> AdState:
    secondary = str(ad.get("secondary_status") or "")
    status = STATUS.get(secondary)
    if status is None:
        status = "paused" if ad.get("operation_status") == "DISABLE" else "in_review"
    review = reviews.get(str(ad.get("ad_id"))) or {}
    reasons = [str(reason) for info in review.get("rejection_info") or []
               for reason in info.get("reasons") or []]
    if review.get("review_status") == "UNAVAILABLE" or review.get("is_approved") is False:
        status = "rejected" if reasons or review.get("review_status") == "UNAVAILABLE" \
            else status
    return AdState(ad_id=str(ad["ad_id"]), status=status,  # type: ignore[arg-type]
                   reason="; ".join(reasons) or None)


def ad_states(api: TikTok, ad_ids: list[str]) -> list[AdState]:
    if not ad_ids:
        return []
    ads = list(api.pages("ad/get/", {"filtering": json.dumps({"ad_ids": ad_ids}),
                                     "fields": json.dumps(AD_FIELDS)}))
    reviews = (api.call("GET", "ad/review_info/", params={
        "advertiser_id": api.advertiser, "ad_ids": json.dumps(ad_ids)}) or {}
    ).get("ad_review_map") or {}
    return [_state(ad, reviews) for ad in ads]


def existing_ad(api: TikTok, ad_group_id: str, code: str) -> dict[str, Any] | None:
    for ad in api.pages("ad/get/", {"filtering": json.dumps({"adgroup_ids": [ad_group_id]}),
                                    "fields": json.dumps(AD_FIELDS)}):
        if code.upper() in str(ad.get("ad_name", "")).upper():
            return ad
    return None


def md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def publish(api: TikTok, item: PublishItem, identity: dict[str, Any]) -> None:
    if not identity.get("identity_id"):
        raise AdRefused("the connection has no TikTok identity: add the identity id (and its "
                        "type) on the Connections page; ads on TikTok are posted as it")
    if item.progress.get("ad_id"):
        return
    found = existing_ad(api, item.ad_set_id, item.creative_code)
    if found is not None:
        state = _state(found, {})
        item.save(ad_id=str(found["ad_id"]), status=state.status, adopted=True)
        return
    if not item.progress.get("platform_video_id"):
        with item.video_path.open("rb") as handle:
            data = api.call("POST", "file/video/ad/upload/", data={
                "advertiser_id": api.advertiser, "upload_type": "UPLOAD_BY_FILE",
                "video_signature": md5(item.video_path),
                "file_name": f"{item.creative_code}-{item.video_path.name}"},
                files={"video_file": (item.video_path.name, handle, "video/mp4")})
        video = data[0] if isinstance(data, list) else data
        item.save(platform_video_id=str(video["video_id"]))
    if item.poster_path is not None and not item.progress.get("image_ref"):
        with Path(item.poster_path).open("rb") as handle:
            image = api.call("POST", "file/image/ad/upload/", data={
                "advertiser_id": api.advertiser, "upload_type": "UPLOAD_BY_FILE",
                "image_signature": md5(Path(item.poster_path))},
                files={"image_file": (Path(item.poster_path).name, handle, "image/jpeg")})
        item.save(image_ref=str(image["image_id"]))
    creative: dict[str, Any] = {
        "ad_name": item.ad_name, "ad_format": "SINGLE_VIDEO",
        "video_id": item.progress["platform_video_id"], "ad_text": item.primary_text[:100],
        "call_to_action": item.call_to_action, "landing_page_url": item.landing_url,
        "identity_id": str(identity["identity_id"]),
        "identity_type": str(identity.get("identity_type") or "CUSTOMIZED_USER"),
    }
    if item.progress.get("image_ref"):
        creative["image_ids"] = [item.progress["image_ref"]]
    made = api.call("POST", "ad/create/", json={
        "advertiser_id": api.advertiser, "adgroup_id": item.ad_set_id,
        "operation_status": "DISABLE" if item.start_paused else "ENABLE",
        "creatives": [creative]}) or {}
    ad_id = str((made.get("ad_ids") or [None])[0])
    if ad_id == "None":
        raise AdRefused("tiktok: ad/create answered without an ad id; try again")
    item.save(ad_id=ad_id, status="paused" if item.start_paused else "in_review")
    states = ad_states(api, [ad_id])
    if states:
        item.save(status=states[0].status, reason=states[0].reason)
