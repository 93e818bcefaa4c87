"""Meta: publish a video as an ad, test an account, read ads' review status — through the
official ``facebook-business`` SDK (its session, ``FacebookAdsApi.call`` and ad objects).

Where the calls go: ``base_url`` (``STUDIO_META_BASE_URL``) replaces the SDK's
``FacebookSession.GRAPH``; videos go to ``video_url`` (``STUDIO_META_VIDEO_URL``, default
``https://graph-video.facebook.com``, or ``base_url`` when that is set) as the SDK's own
uploader does, through ``FacebookAdsApi.call(url_override=…)``. The upload phases are driven
here rather than by the SDK's ``VideoUploader`` because a killed worker must resume the same
upload session from its last stored offset, which that uploader cannot do.

Steps, each id saved the moment Meta gives it (``PublishItem.save``): look for an ad of this
video already in the ad set (its name carries the creative code) → upload the video (``source``
when small; ``upload_phase`` start → transfer… → finish when large) → wait until
``status.video_status`` is ``ready`` → cover image (``adimages`` → hash) → creative
(``object_story_spec.video_data``) → the ad, ``PAUSED`` unless asked otherwise → its status.
"""

from __future__ import annotations

import base64
import json
import time
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
    NotReadyYet,
    PlatformBusy,
    PublishItem,
)
from studio.token_vault import redact

VIDEO_URL = "https://graph-video.facebook.com"
CHUNKED_ABOVE = 20 * 1024 * 1024  # bytes: above this, the resumable upload
RATE_LIMIT_CODES = {4, 17, 32, 613}
BAD_OFFSET = 1363037  # transfer at the wrong offset; error_data says where to go on
STATUS = {"ACTIVE": "active", "PAUSED": "paused", "CAMPAIGN_PAUSED": "paused",
          "ADSET_PAUSED": "paused", "PENDING_REVIEW": "in_review", "IN_PROCESS": "in_review",
          "PREAPPROVED": "in_review", "DISAPPROVED": "rejected", "WITH_ISSUES": "failed",
          "PENDING_BILLING_INFO": "failed", "DELETED": "deleted", "ARCHIVED": "deleted"}
STATE_FIELDS = ["id", "name", "effective_status", "ad_review_feedback", "issues_info",
                "creative"]


class Graph:
    """One account's SDK session, with Meta's errors turned into the studio's."""

    def __init__(self, config: dict[str, Any]) -> None:
        from facebook_business.api import FacebookAdsApi
        from facebook_business.session import FacebookSession

        self.token = str(config["access_token"])
        account = str(config["account_id"])
        self.account_id = account if account.startswith("act_") else f"act_{account}"
        session = FacebookSession(config.get("app_id"), config.get("app_secret"), self.token,
                                  timeout=float(config.get("timeout", 60)))
        if config.get("base_url"):
            session.GRAPH = str(config["base_url"]).rstrip("/")
        self.video_url = str(config.get("video_url") or config.get("base_url")
                             or VIDEO_URL).rstrip("/")
        self.api = FacebookAdsApi(session, api_version=config.get("api_version"))
        self.config = config

    def call(self, method: str, path: tuple[str, ...], params: dict[str, Any] | None = None,
             files: dict[str, Any] | None = None, *, video: bool = False) -> dict[str, Any]:
        from facebook_business.exceptions import FacebookRequestError

        try:
            response = self.api.call(method, path, params=params, files=files,
                                     url_override=self.video_url if video else None)
        except FacebookRequestError as exc:
            raise self.error(exc) from None
        except OSError as exc:  # requests' errors: their text holds the URL, token included
            raise unreachable(exc) from None
        body = response.json()
        return body if isinstance(body, dict) else {"data": body}

    def sdk(self, action: Any) -> Any:
        """Run an SDK object call (``lambda: AdAccount(…).create_ad(…)``), errors mapped."""
        from facebook_business.exceptions import FacebookRequestError

        try:
            return action()
        except FacebookRequestError as exc:
            raise self.error(exc) from None
        except OSError as exc:
            raise unreachable(exc) from None

    def error(self, exc: Any) -> PluginError:
        """Meta's error in the seller's words: a token problem, a rate limit, a hiccup, or a
        refusal of this ad."""
        code = int(exc.api_error_code() or 0)
        body = exc.body() if isinstance(exc.body(), dict) else {}
        trace = (body.get("error") or {}).get("fbtrace_id")
        said = redact(str(exc.api_error_message() or "no message"), self.token)
        where = f"Meta: {said} (code {code}{f', trace {trace}' if trace else ''})"
        if code in (102, 190):
            return AccountNeedsReconnecting(
                f"{where}. The access token expired or was revoked: reconnect this ad account "
                "with a new token (Business Settings → System users → Generate token, with "
                "ads_management)")
        if code == 10 or 200 <= code < 300:
            return AccountNeedsReconnecting(
                f"{where}. The token may not do this: reconnect with a token that has "
                "ads_management and access to this ad account and page")
        if code in RATE_LIMIT_CODES or 80000 <= code <= 80014:
            wait = usage_wait(exc.http_headers() or {})
            return PlatformBusy(f"{where}. Meta's rate limit: trying again in {wait:.0f} s",
                                retry_after=wait)
        if exc.api_transient_error() or (exc.http_status() or 0) >= 500 or code in (1, 2):
            return PluginError(f"{where}. A passing problem at Meta; trying again",
                               transient=True)
        return AdRefused(where)


def unreachable(exc: BaseException) -> PluginError:
    """A network failure, named by its kind only (a requests error's text carries the URL,
    and with it the access token)."""
    return PluginError(f"Meta could not be reached ({type(exc).__name__}); trying again",
                       transient=True)


def usage_wait(headers: Any) -> float:
    """Seconds until Meta lets the app call again, from ``X-Business-Use-Case-Usage``
    (``estimated_time_to_regain_access`` in minutes) or ``X-Ad-Account-Usage``."""
    lowered = {str(k).lower(): v for k, v in dict(headers).items()}
    minutes = 0.0
    try:
        usage = json.loads(lowered.get("x-business-use-case-usage") or "{}")
        for entries in usage.values():
            for entry in entries or []:
                minutes = max(minutes, float(entry.get("estimated_time_to_regain_access") or 0))
        account = json.loads(lowered.get("x-ad-account-usage") or "{}")
        seconds = float(account.get("reset_time_duration") or 0)
    except (ValueError, AttributeError, TypeError):
        seconds = 0.0
    wait = max(minutes * 60, seconds)
    return wait if wait > 0 else 60.0


def account_info(graph: Graph) -> AccountInfo:
    from facebook_business.adobjects.adaccount import AdAccount

    account = AdAccount(graph.account_id, api=graph.api)
    about = graph.sdk(lambda: account.api_get(fields=["name", "currency", "account_status"]))
    campaigns = graph.sdk(lambda: list(account.get_campaigns(
        fields=["id", "name", "status"], params={"limit": 200})))
    names = {str(c["id"]): str(c.get("name", "")) for c in campaigns}
    ad_sets = graph.sdk(lambda: list(account.get_ad_sets(
        fields=["id", "name", "status", "campaign_id"], params={"limit": 500})))
    return AccountInfo(
        account_id=graph.account_id, name=str(about.get("name") or ""),
        currency=about.get("currency"),
        campaigns=[Campaign(id=str(c["id"]), name=str(c.get("name", "")),
                            status=c.get("status")) for c in campaigns],
        ad_sets=[AdSet(id=str(s["id"]), name=str(s.get("name", "")), status=s.get("status"),
                       campaign_id=str(s.get("campaign_id") or "") or None,
                       campaign_name=names.get(str(s.get("campaign_id"))))
                 for s in ad_sets])


def state_of(data: dict[str, Any]) -> AdState:
    effective = str(data.get("effective_status") or "")
    status = STATUS.get(effective, "in_review")
    reasons = [f"{k}: {v}" for k, v in ((data.get("ad_review_feedback") or {})
                                        .get("global") or {}).items()]
    reasons += [str(i.get("error_message") or i.get("error_summary"))
                for i in data.get("issues_info") or [] if isinstance(i, dict)]
    if effective == "PENDING_BILLING_INFO":
        reasons.append("the ad account has no valid payment method; add one in Ads Manager")
    return AdState(ad_id=str(data["id"]), status=status,  # type: ignore[arg-type]
                   reason="; ".join(reasons) or None)


def ad_states(graph: Graph, ad_ids: list[str]) -> list[AdState]:
    from facebook_business.adobjects.ad import Ad

    out = []
    for ad_id in ad_ids:
        data = graph.sdk(lambda ad_id=ad_id: Ad(ad_id, api=graph.api).api_get(
            fields=STATE_FIELDS))
        out.append(state_of(dict(data.export_all_data())))
    return out


def existing_ad(graph: Graph, ad_set_id: str, code: str) -> dict[str, Any] | None:
    """An ad in the ad set whose name carries the creative code (made by an attempt that
    died before it could say so)."""
    from facebook_business.adobjects.adset import AdSet as SdkAdSet

    ads = graph.sdk(lambda: SdkAdSet(ad_set_id, api=graph.api).get_ads(
        fields=STATE_FIELDS, params={"limit": 200}))
    for ad in graph.sdk(lambda: list(ads)):
        data = dict(ad.export_all_data())
        if code.upper() in str(data.get("name", "")).upper():
            return data
    return None


def publish(graph: Graph, item: PublishItem, identity: dict[str, Any]) -> None:
    if not identity.get("page_id"):
        raise AdRefused("the connection has no Facebook page: add the page id on the "
                        "Connections page (ads on Meta are posted as a page)")
    if item.progress.get("ad_id"):
        return
    found = existing_ad(graph, item.ad_set_id, item.creative_code)
    if found is not None:
        state = state_of(found)
        creative = (found.get("creative") or {}).get("id")
        item.save(ad_id=str(found["id"]), creative_id=creative, status=state.status,
                  reason=state.reason, adopted=True)
        return
    if not item.progress.get("video_ready"):
        if not item.progress.get("upload_finished"):
            upload_video(graph, item)
        wait_until_ready(graph, item)
    if item.poster_path is not None and not item.progress.get("image_ref"):
        upload_cover(graph, item)
    if not item.progress.get("creative_id"):
        create_creative(graph, item, identity)
    create_ad(graph, item)


def upload_video(graph: Graph, item: PublishItem) -> None:
    size = item.video_path.stat().st_size
    threshold = int(graph.config.get("chunked_above") or CHUNKED_ABOVE)
    path = (graph.account_id, "advideos")
    if size <= threshold and not item.progress.get("upload_session_id"):
        with item.video_path.open("rb") as handle:
            made = graph.call("POST", path, {"name": item.ad_name},
                              {"source": (item.video_path.name, handle, "video/mp4")},
                              video=True)
        item.save(platform_video_id=str(made["id"]), upload_finished=True)
        return
    if not item.progress.get("upload_session_id"):
        started = graph.call("POST", path, {"upload_phase": "start", "file_size": size},
                             video=True)
        item.save(upload_session_id=str(started["upload_session_id"]),
                  platform_video_id=str(started["video_id"]),
                  start_offset=int(started["start_offset"]),
                  end_offset=int(started["end_offset"]))
    transfer(graph, item, path)
    graph.call("POST", path, {"upload_phase": "finish",
                              "upload_session_id": item.progress["upload_session_id"],
                              "title": item.ad_name}, video=True)
    item.save(upload_finished=True)


def transfer(graph: Graph, item: PublishItem, path: tuple[str, ...]) -> None:
    """Send the chunks Meta asks for, from the stored offset; at a wrong offset Meta says
    where it stands (``error_data``) and the upload goes on from there."""
    from facebook_business.exceptions import FacebookRequestError

    start, end = int(item.progress["start_offset"]), int(item.progress["end_offset"])
    mismatches = 0
    with item.video_path.open("rb") as handle:
        while start < end:
            handle.seek(start)
            chunk = handle.read(end - start)
            params = {"upload_phase": "transfer", "start_offset": start,
                      "upload_session_id": item.progress["upload_session_id"]}
            try:
                answer = graph.api.call("POST", path, params=params, files={
                    "video_file_chunk": (item.video_path.name, chunk,
                                         "application/octet-stream")},
                    url_override=graph.video_url).json()
            except OSError as exc:
                raise unreachable(exc) from None
            except FacebookRequestError as exc:
                data = ((exc.body() or {}).get("error") or {}).get("error_data") or {}
                if exc.api_error_subcode() == BAD_OFFSET and "start_offset" in data \
                        and mismatches < 3:
                    mismatches += 1
                    start, end = int(data["start_offset"]), int(data["end_offset"])
                    continue
                raise graph.error(exc) from None
            start, end = int(answer["start_offset"]), int(answer["end_offset"])
            item.save(start_offset=start, end_offset=end)


def wait_until_ready(graph: Graph, item: PublishItem) -> None:
    from facebook_business.adobjects.advideo import AdVideo

    video = AdVideo(item.progress["platform_video_id"], api=graph.api)
    wait = float(graph.config.get("processing_wait", 90))
    interval = float(graph.config.get("poll_seconds", 2))
    deadline = time.monotonic() + wait
    while True:
        status = graph.sdk(lambda: video.api_get(fields=["status"])).get("status") or {}
        said = str(status.get("video_status") or "processing")
        if said == "ready":
            item.save(video_ready=True)
            return
        if said == "error":
            raise AdRefused("Meta could not process the video (video_status error); render it "
                          "again, or try another format")
        if time.monotonic() >= deadline:
            raise NotReadyYet(f"Meta is still processing the video ({said}); the studio "
                              "checks again shortly", retry_after=30)
        time.sleep(interval)


def upload_cover(graph: Graph, item: PublishItem) -> None:
    from facebook_business.adobjects.adaccount import AdAccount
    from facebook_business.adobjects.adimage import AdImage

    data = base64.b64encode(Path(item.poster_path or "").read_bytes()).decode("ascii")
    image = graph.sdk(lambda: AdAccount(graph.account_id, api=graph.api).create_ad_image(
        params={"bytes": data}))
    item.save(image_ref=str(image[AdImage.Field.hash]))


def create_creative(graph: Graph, item: PublishItem, identity: dict[str, Any]) -> None:
    from facebook_business.adobjects.adaccount import AdAccount

    video_data: dict[str, Any] = {
        "video_id": item.progress["platform_video_id"], "message": item.primary_text,
        "title": item.headline or item.ad_name,
        "call_to_action": {"type": item.call_to_action, "value": {"link": item.landing_url}},
    }
    if item.progress.get("image_ref"):
        video_data["image_hash"] = item.progress["image_ref"]
    spec: dict[str, Any] = {"page_id": str(identity["page_id"]), "video_data": video_data}
    if identity.get("instagram_user_id"):
        spec["instagram_user_id"] = str(identity["instagram_user_id"])
    made = graph.sdk(lambda: AdAccount(graph.account_id, api=graph.api).create_ad_creative(
        params={"name": f"{item.ad_name} (creative)", "object_story_spec": spec,
                "url_tags": f"utm_content={item.creative_code}"}))
    item.save(creative_id=str(made["id"]))


def create_ad(graph: Graph, item: PublishItem) -> None:
    from facebook_business.adobjects.ad import Ad
    from facebook_business.adobjects.adaccount import AdAccount

    made = graph.sdk(lambda: AdAccount(graph.account_id, api=graph.api).create_ad(params={
        "name": item.ad_name, "adset_id": item.ad_set_id,
        "creative": {"creative_id": item.progress["creative_id"]},
        "status": "PAUSED" if item.start_paused else "ACTIVE"}))
    ad_id = str(made["id"])
    item.save(ad_id=ad_id, status="paused" if item.start_paused else "in_review")
    data = graph.sdk(lambda: Ad(ad_id, api=graph.api).api_get(fields=STATE_FIELDS))
    state = state_of(dict(data.export_all_data()))
    item.save(status=state.status, reason=state.reason)
