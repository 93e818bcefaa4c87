"""A local fake of the Graph (Marketing) API, enough for the facebook-business SDK.

Reads: ``GET /{version}/act_{id}`` (name, currency), ``…/campaigns``, ``…/adsets`` and
``…/insights`` (``level``, ``time_increment``, ``time_range`` JSON, ``limit``/``after``
paging, every number a string, ``actions`` lists), ``GET /{version}/{id}`` of a video
(``status.video_status``), an ad (``effective_status``, ``ad_review_feedback``) or an ad set,
and ``GET /{version}/{ad set}/ads``.

Publishing: ``POST …/advideos`` with a ``source`` file, or the resumable phases
``upload_phase=start`` (``file_size`` → ``upload_session_id``, ``video_id``, the first
chunk's offsets) → ``transfer`` (``start_offset`` + ``video_file_chunk``; a wrong offset is
error subcode 1363037 with ``error_data`` saying where the upload stands) → ``finish``;
then the video "processes" for ``processing_polls`` status reads. ``POST …/adimages``
(``bytes``, base64) → ``{"images": {"bytes": {"hash", "url"}}}``; ``…/adcreatives``
(``object_story_spec`` with ``video_data``) and ``…/ads`` (``adset_id``, ``creative``,
``status``) → ``{"id"}``. Errors are Graph error objects ``{"error": {message, type, code,
error_subcode, fbtrace_id}}`` (code 190 for a bad or revoked token; 17 with an
``X-Business-Use-Case-Usage`` header for a rate limit).

Test handles: ``revoke()``, ``rate_limit_next``, ``hold_transfer_at`` (the n-th chunk waits
until ``release()``: a test kills the worker meanwhile), ``reject_in`` (ad set id → review
feedback: ads there come back ``DISAPPROVED``), ``add_results(ad_id, day, …)``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.multipart import read_body

TOKEN = "EAAB-test-token"
ACCOUNT = "act_123456"
CAMPAIGN = {"id": "120330000001", "name": "Spring sale", "status": "ACTIVE"}
AD_SET = {"id": "120330000101", "name": "Broad 18-44", "status": "ACTIVE",
          "campaign_id": CAMPAIGN["id"]}


class GraphError(Exception):
    def __init__(self, code: int, message: str, *, subcode: int | None = None,
                 status: int = 400, data: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None, kind: str = "OAuthException") -> None:
        super().__init__(message)
        self.body: dict[str, Any] = {"message": message, "type": kind, "code": code,
                                     "fbtrace_id": "AbCdEf123"}
        if subcode is not None:
            self.body["error_subcode"] = subcode
        if data is not None:
            self.body["error_data"] = data
        self.status, self.headers = status, headers or {}


class FakeGraph:
    def __init__(self, records: list[dict[str, Any]] | None = None, *,
                 chunk_size: int = 256 * 1024, processing_polls: int = 1) -> None:
        self.records = records if records is not None else []
        self.requests: list[dict[str, str]] = []
        self.chunk_size, self.processing_polls = chunk_size, processing_polls
        self.token, self.revoked = TOKEN, False
        self.rate_limit_next = 0
        self.hold_transfer_at: int | None = None
        self.held, self._release = threading.Event(), threading.Event()
        self.reject_in: dict[str, str] = {}
        self.campaigns, self.ad_sets = [dict(CAMPAIGN)], [dict(AD_SET)]
        self.videos: dict[str, dict[str, Any]] = {}
        self.sessions: dict[str, dict[str, Any]] = {}
        self.images: dict[str, bytes] = {}
        self.creatives: dict[str, dict[str, Any]] = {}
        self.ads: dict[str, dict[str, Any]] = {}
        self.transfers = 0
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def _serve(self, method: str) -> None:
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                fields: dict[str, str] = {}
                files: dict[str, bytes] = {}
                if method == "POST":
                    length = int(self.headers.get("Content-Length") or 0)
                    fields, files = read_body(self.headers.get("Content-Type", ""),
                                              self.rfile.read(length))
                params = {**query, **fields}
                fake.requests.append({"path": parts.path, "method": method,
                                      **{k: v for k, v in params.items() if k != "bytes"}})
                segments = parts.path.strip("/").split("/")
                try:
                    if params.get("access_token") != fake.token or fake.revoked:
                        raise GraphError(190, "Error validating access token: The session has "
                                         "been invalidated because the user changed their "
                                         "password or Facebook has changed the session for "
                                         "security reasons." if fake.revoked else
                                         "Invalid OAuth access token - Cannot parse access "
                                         "token", subcode=460 if fake.revoked else None,
                                         status=401 if fake.revoked else 400)
                    if fake.rate_limit_next:
                        fake.rate_limit_next -= 1
                        usage = {ACCOUNT[4:]: [{"type": "ads_management", "call_count": 100,
                                                "total_cputime": 30, "total_time": 40,
                                                "estimated_time_to_regain_access": 0}]}
                        raise GraphError(17, "User request limit reached", subcode=2446079,
                                         headers={"X-Business-Use-Case-Usage":
                                                  json.dumps(usage)})
                    self._send(200, fake.route(method, segments[1:], params, files,
                                                 parts.path))
                except GraphError as exc:
                    self._send(exc.status, {"error": exc.body}, exc.headers)

            def _send(self, status: int, payload: Any,
                      headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the worker that asked was killed meanwhile

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeGraph:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._release.set()
        self.server.shutdown()
        self.server.server_close()

    # --- what a test does ---------------------------------------------------------------

    def revoke(self) -> None:
        """The seller changed their password: every call with the token fails with 190."""
        self.revoked = True

    def release(self) -> None:
        self._release.set()

    def add_results(self, ad_id: str, day: dt.date, *, spend: str, impressions: int,
                    purchases: int = 0, revenue: str = "0", currency: str = "USD") -> None:
        """One day of an ad's results, as Insights reports it."""
        ad = self.ads[ad_id]
        self.records.append({
            "account_id": ACCOUNT[4:], "account_currency": currency,
            "campaign_name": CAMPAIGN["name"], "ad_id": ad_id, "ad_name": ad["name"],
            "spend": spend, "impressions": str(impressions), "clicks": str(impressions // 40),
            "inline_link_clicks": str(impressions // 50),
            "actions": [{"action_type": "video_view", "value": str(impressions // 3)},
                        {"action_type": "purchase", "value": str(purchases)}],
            "action_values": [{"action_type": "purchase", "value": revenue}],
            "video_thruplay_watched_actions": [{"action_type": "video_view",
                                                "value": str(impressions // 10)}],
            "date_start": day.isoformat(), "date_stop": day.isoformat(),
        })

    # --- the Graph API ------------------------------------------------------------------

    def _id(self, prefix: str) -> str:
        with self._lock:
            return f"{prefix}{next(self._ids):06d}"

    def route(self, method: str, path: list[str], params: dict[str, str],
              files: dict[str, bytes], raw_path: str = "") -> Any:
        node, edge = (path + [""])[:2] if path else ("", "")
        if node.startswith("act_"):
            if method == "GET" and not edge:
                return {"id": node, "name": "Acme Shop ads", "currency": "USD",
                        "account_status": 1}
            if method == "GET" and edge in ("campaigns", "adsets"):
                return self._page(self.campaigns if edge == "campaigns" else self.ad_sets,
                                  params)
            if method == "GET" and edge == "insights":
                return self._insights(params, raw_path)
            if method == "POST" and edge == "advideos":
                return self._advideos(params, files)
            if method == "POST" and edge == "adimages":
                data = base64.b64decode(params.get("bytes") or "")
                if not data:
                    raise GraphError(100, "(#100) bytes: an image is required")
                digest = hashlib.md5(data).hexdigest()
                self.images[digest] = data
                return {"images": {"bytes": {"hash": digest, "url": f"{self.url}/img/{digest}"}}}
            if method == "POST" and edge == "adcreatives":
                return self._creative(params)
            if method == "POST" and edge == "ads":
                return self._ad(params)
        if method == "GET" and node in self.videos and not edge:
            video = self.videos[node]
            if video["status"] == "processing" and video["finished"]:
                video["polls"] -= 1
                if video["polls"] < 0:
                    video["status"] = "ready"
            return {"id": node, "status": {"video_status": video["status"],
                                           "processing_progress": 100 if video["status"]
                                           == "ready" else 40}}
        if method == "GET" and node in self.ads and not edge:
            return self._ad_view(self.ads[node])
        if method == "GET" and any(s["id"] == node for s in self.ad_sets):
            if edge == "ads":
                ads = [self._ad_view(a) for a in self.ads.values() if a["adset_id"] == node]
                return self._page(ads, params)
            if not edge:
                return next(s for s in self.ad_sets if s["id"] == node)
        raise GraphError(100, f"Unsupported {method.lower()} request. Object with ID "
                         f"'{node}' does not exist, cannot be loaded due to missing "
                         "permissions, or does not support this operation",
                         subcode=33, kind="GraphMethodException")

    def _page(self, rows: list[dict[str, Any]], params: dict[str, str]) -> dict[str, Any]:
        limit = int(params.get("limit", 25))
        start = int(params["after"]) if params.get("after") else 0
        page = rows[start:start + limit]
        body: dict[str, Any] = {"data": page, "paging": {"cursors": {
            "before": str(start), "after": str(start + len(page))}}}
        if start + len(page) < len(rows):
            body["paging"]["next"] = f"{self.url}/next?after={start + len(page)}"
        return body

    def _insights(self, params: dict[str, str], raw_path: str) -> dict[str, Any]:
        if params.get("level") != "ad" or params.get("time_increment") != "1":
            raise GraphError(100, "(#100) level=ad and time_increment=1 expected")
        time_range = json.loads(params["time_range"])
        since = dt.date.fromisoformat(time_range["since"])
        until = dt.date.fromisoformat(time_range["until"])
        wanted = set(params.get("fields", "").split(","))
        rows = [{k: v for k, v in r.items() if k in wanted or k in ("date_start", "date_stop")}
                for r in self.records
                if since <= dt.date.fromisoformat(r["date_start"]) <= until]
        body = self._page(rows, params)
        if "next" in body["paging"]:
            body["paging"]["next"] = (f"{self.url}{raw_path}"
                                      f"?after={body['paging']['cursors']['after']}")
        return body

    def _advideos(self, params: dict[str, str], files: dict[str, bytes]) -> dict[str, Any]:
        phase = params.get("upload_phase")
        if phase is None:
            if "source" not in files:
                raise GraphError(100, "(#100) source, file_url or upload_phase is required")
            video_id = self._id("9100")
            self.videos[video_id] = {"data": files["source"], "size": len(files["source"]),
                                     "finished": True, "status": "processing",
                                     "polls": self.processing_polls}
            return {"id": video_id}
        if phase == "start":
            size = int(params.get("file_size") or 0)
            if size <= 0:
                raise GraphError(100, "(#100) file_size must be a positive integer")
            video_id, session = self._id("9100"), self._id("7700")
            self.videos[video_id] = {"data": b"", "size": size, "finished": False,
                                     "status": "processing", "polls": self.processing_polls}
            self.sessions[session] = {"video_id": video_id, "size": size}
            return {"upload_session_id": session, "video_id": video_id, "start_offset": "0",
                    "end_offset": str(min(self.chunk_size, size))}
        session = self.sessions.get(params.get("upload_session_id", ""))
        if session is None:
            raise GraphError(6001, "There was a problem uploading your video file. Please "
                             "try again.", subcode=1363019)
        video = self.videos[session["video_id"]]
        offset = len(video["data"])
        if phase == "transfer":
            if int(params.get("start_offset", -1)) != offset:
                raise GraphError(6001, "There was a problem uploading your video file. "
                                 "Please try again with another file.", subcode=1363037,
                                 data={"start_offset": str(offset), "end_offset":
                                       str(min(offset + self.chunk_size, session["size"]))})
            self.transfers += 1
            if self.hold_transfer_at is not None and self.transfers == self.hold_transfer_at:
                self.held.set()
                self._release.wait(timeout=300)
            video["data"] += files.get("video_file_chunk", b"")
            offset = len(video["data"])
            return {"start_offset": str(offset),
                    "end_offset": str(min(offset + self.chunk_size, session["size"]))}
        if phase == "finish":
            if len(video["data"]) != session["size"]:
                raise GraphError(6001, "There was a problem uploading your video file: "
                                 "the upload is incomplete", subcode=1363030)
            video["finished"] = True
            return {"success": True}
        raise GraphError(100, "(#100) upload_phase must be start, transfer or finish")

    def _creative(self, params: dict[str, str]) -> dict[str, Any]:
        spec = json.loads(params.get("object_story_spec") or "{}")
        data = spec.get("video_data") or {}
        video = self.videos.get(str(data.get("video_id")))
        if not spec.get("page_id"):
            raise GraphError(100, "(#100) object_story_spec: page_id is required")
        if video is None or video["status"] != "ready":
            raise GraphError(100, "(#100) video_data: the video is not ready or does not "
                             "exist", subcode=1487301)
        if data.get("image_hash") and data["image_hash"] not in self.images:
            raise GraphError(100, "(#100) Invalid image hash", subcode=1443156)
        creative_id = self._id("2384")
        self.creatives[creative_id] = {"name": params.get("name"), "spec": spec,
                                       "url_tags": params.get("url_tags")}
        return {"id": creative_id}

    def _ad(self, params: dict[str, str]) -> dict[str, Any]:
        ad_set = params.get("adset_id", "")
        if not any(s["id"] == ad_set for s in self.ad_sets):
            raise GraphError(100, "(#100) Param adset_id must be a valid ad set id",
                             subcode=1487056)
        creative = json.loads(params.get("creative") or "{}").get("creative_id")
        if str(creative) not in self.creatives:
            raise GraphError(100, "(#100) creative: the creative does not exist")
        ad_id = self._id("2386")
        self.ads[ad_id] = {"id": ad_id, "name": params.get("name", ""), "adset_id": ad_set,
                           "creative_id": str(creative),
                           "configured_status": params.get("status", "ACTIVE")}
        return {"id": ad_id}

    def _ad_view(self, ad: dict[str, Any]) -> dict[str, Any]:
        view = {"id": ad["id"], "name": ad["name"], "creative": {"id": ad["creative_id"]},
                "adset_id": ad["adset_id"]}
        if ad.get("effective_status"):  # what a test says happened in Ads Manager
            view["effective_status"] = ad["effective_status"]
        elif ad["adset_id"] in self.reject_in:
            view["effective_status"] = "DISAPPROVED"
            view["ad_review_feedback"] = {"global": {"Unacceptable business practices":
                                                     self.reject_in[ad["adset_id"]]}}
        else:
            view["effective_status"] = ("PAUSED" if ad["configured_status"] == "PAUSED"
                                        else "PENDING_REVIEW")
        return view

    def ads_of(self, ad_set: str) -> list[dict[str, Any]]:
        return [a for a in self.ads.values() if a["adset_id"] == ad_set]


def insights_record(ad: int, day: dt.date, *, currency: str = "USD") -> dict[str, Any]:
    """One ad-day as the Insights API returns it: strings everywhere, actions as lists."""
    spend = f"{10 + ad}.{day.day:02d}"
    return {
        "account_id": "123456",
        "account_currency": currency,
        "campaign_name": "Spring",
        "ad_id": f"2385{ad:06d}",
        "ad_name": f"Dress video ST-{ad:04X} - Copy",
        "spend": spend,
        "impressions": str(1000 * ad + day.day),
        "clicks": str(40 + ad),
        "inline_link_clicks": str(20 + ad),
        "actions": [
            {"action_type": "link_click", "value": str(20 + ad)},
            {"action_type": "video_view", "value": str(300 + ad)},
            {"action_type": "offsite_conversion.fb_pixel_purchase", "value": str(ad % 3)},
            {"action_type": "purchase", "value": str(ad % 3)},
        ],
        "action_values": [{"action_type": "purchase", "value": f"{(ad % 3) * 25}.50"}],
        "video_thruplay_watched_actions": [{"action_type": "video_view", "value": str(90 + ad)}],
        "date_start": day.isoformat(),
        "date_stop": day.isoformat(),
    }
