"""A local fake of the TikTok Business API v1.3: reports, and publishing ads.

Every answer is ``{code, message, request_id, data}`` with HTTP 200 — errors too, like the
real API (40105: the token is invalid or revoked; 40100: too many requests; 40002: a bad
parameter). Header ``Access-Token``; list parameters JSON-encoded; page/page_size paging
with ``page_info``; report values as strings.

``GET report/integrated/get/``, ``advertiser/info/``, ``campaign/get/``, ``adgroup/get/``,
``ad/get/`` (``filtering`` by ``ad_ids`` / ``adgroup_ids``), ``ad/review_info/``;
``POST file/video/ad/upload/`` (multipart, ``UPLOAD_BY_FILE`` with ``video_signature`` =
the file's MD5 → ``data: [{video_id}]``), ``file/image/ad/upload/`` (``image_signature`` →
``{image_id}``), ``ad/create/`` (JSON ``{advertiser_id, adgroup_id, operation_status,
creatives: [{ad_name, ad_format, video_id, image_ids, ad_text, call_to_action,
landing_page_url, identity_id, identity_type}]}`` → ``{ad_ids}``).

Test handles: ``revoke()``, ``rate_limit_next``, ``reject_in`` (ad group id → reason: ads
there fail review), ``add_results(ad_id, day, …)``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.multipart import read_body

TOKEN = "tt-test-token"
ADVERTISER = "7001"
PREFIX = "/open_api/v1.3/"
CAMPAIGN = {"campaign_id": "1790000000001", "campaign_name": "Q4 video",
            "operation_status": "ENABLE"}
AD_GROUP = {"adgroup_id": "1790000000101", "adgroup_name": "US 18-34",
            "campaign_id": CAMPAIGN["campaign_id"], "operation_status": "ENABLE"}


class Refusal(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


class FakeTikTok:
    def __init__(self, rows: list[dict[str, Any]] | None = None) -> None:
        self.rows = rows if rows is not None else []
        self.requests: list[dict[str, str]] = []
        self.rate_limit_next = False
        self.revoked = False
        self.reject_in: dict[str, str] = {}
        self.campaigns, self.ad_groups = [dict(CAMPAIGN)], [dict(AD_GROUP)]
        self.videos: dict[str, bytes] = {}
        self.images: dict[str, bytes] = {}
        self.ads: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1)
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
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                files: dict[str, bytes] = {}
                if method == "POST":
                    length = int(self.headers.get("Content-Length") or 0)
                    fields, files = read_body(self.headers.get("Content-Type", ""),
                                              self.rfile.read(length))
                    params.update(fields)
                fake.requests.append({"path": parts.path, "method": method, **params})
                if not parts.path.startswith(PREFIX):
                    return self._send(404, {"code": 40400, "message": "Not found"})
                if self.headers.get("Access-Token") != TOKEN or fake.revoked:
                    return self._reply(40105, "The access token is invalid or has been revoked.")
                if fake.rate_limit_next:
                    fake.rate_limit_next = False
                    return self._reply(40100, "Requests made too frequently.")
                try:
                    data = fake.route(method, parts.path[len(PREFIX):], params, files)
                except Refusal as exc:
                    return self._reply(exc.code, str(exc))
                self._reply(0, "OK", data)

            def _reply(self, code: int, message: str, data: Any = None) -> None:
                self._send(200, {"code": code, "message": message,
                                 "request_id": "2026112301",
                                 "data": data if data is not None else {}})

            def _send(self, status: int, payload: Any) -> None:
                body = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeTikTok:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def revoke(self) -> None:
        self.revoked = True

    def add_results(self, ad_id: str, day: dt.date, *, spend: str, impressions: int,
                    purchases: int = 0, revenue: str = "0", currency: str = "USD") -> None:
        ad = self.ads[ad_id]
        self.rows.append({
            "dimensions": {"ad_id": ad_id, "stat_time_day": f"{day.isoformat()} 00:00:00"},
            "metrics": {"ad_name": ad["ad_name"], "campaign_name": CAMPAIGN["campaign_name"],
                        "currency": currency, "spend": spend, "impressions": str(impressions),
                        "clicks": str(impressions // 50), "complete_payment": str(purchases),
                        "total_complete_payment_rate": revenue,
                        "video_watched_2s": str(impressions // 3),
                        "video_views_p100": str(impressions // 10)}})

    # --- the API -------------------------------------------------------------------------

    def route(self, method: str, path: str, params: dict[str, str],
              files: dict[str, bytes]) -> Any:
        if params.get("advertiser_id", ADVERTISER) != ADVERTISER and path != "advertiser/info/":
            raise Refusal(40001, "No permission to operate advertiser "
                          f"{params.get('advertiser_id')}")
        handlers = {
            ("GET", "report/integrated/get/"): self._report,
            ("GET", "advertiser/info/"): lambda p: {"list": [
                {"advertiser_id": ADVERTISER, "name": "Acme Shop TikTok", "currency": "USD"}]},
            ("GET", "campaign/get/"): lambda p: self._page(self.campaigns, p),
            ("GET", "adgroup/get/"): lambda p: self._page(self.ad_groups, p),
            ("GET", "ad/get/"): self._ads,
            ("GET", "ad/review_info/"): self._reviews,
            ("POST", "ad/create/"): self._create_ad,
        }
        if (method, path) in handlers:
            return handlers[(method, path)](params)
        if (method, path) == ("POST", "file/video/ad/upload/"):
            data = self._upload(params, files, "video")
            video_id = f"v10033g5000{next(self._ids):06d}"
            self.videos[video_id] = data
            return [{"video_id": video_id, "file_name": params.get("file_name"),
                     "displayable": True, "size": len(data)}]
        if (method, path) == ("POST", "file/image/ad/upload/"):
            data = self._upload(params, files, "image")
            image_id = f"ad-site-i18n-sg/{hashlib.md5(data).hexdigest()}"
            self.images[image_id] = data
            return {"image_id": image_id, "size": len(data)}
        raise Refusal(40400, f"{method} {path} is not an endpoint of this API")

    def _page(self, rows: list[dict[str, Any]], params: dict[str, str]) -> dict[str, Any]:
        page, size = int(params.get("page", 1)), int(params.get("page_size", 10))
        return {"list": rows[(page - 1) * size:page * size], "page_info": {
            "page": page, "page_size": size, "total_number": len(rows),
            "total_page": max(1, math.ceil(len(rows) / size))}}

    def _report(self, q: dict[str, str]) -> dict[str, Any]:
        if json.loads(q.get("dimensions", "[]")) != ["ad_id", "stat_time_day"]:
            raise Refusal(40002, "dimensions: invalid for data_level AUCTION_AD")
        metrics = json.loads(q.get("metrics", "[]"))
        start = dt.date.fromisoformat(q["start_date"])
        end = dt.date.fromisoformat(q["end_date"])
        rows = [{"dimensions": r["dimensions"],
                 "metrics": {k: v for k, v in r["metrics"].items() if k in metrics}}
                for r in self.rows
                if start <= dt.date.fromisoformat(r["dimensions"]["stat_time_day"][:10]) <= end]
        return self._page(rows, q)

    def _upload(self, params: dict[str, str], files: dict[str, bytes], kind: str) -> bytes:
        if params.get("upload_type") != "UPLOAD_BY_FILE":
            raise Refusal(40002, "upload_type: only UPLOAD_BY_FILE is supported here")
        data = files.get(f"{kind}_file")
        if not data:
            raise Refusal(40002, f"{kind}_file: a file is required")
        if params.get(f"{kind}_signature") != hashlib.md5(data).hexdigest():
            raise Refusal(40002, f"{kind}_signature: the file's MD5 does not match; the "
                          "upload was corrupted")
        return data

    def _create_ad(self, body: dict[str, str]) -> dict[str, Any]:
        group = body.get("adgroup_id")
        if not any(g["adgroup_id"] == group for g in self.ad_groups):
            raise Refusal(40002, f"adgroup_id: ad group {group} does not exist")
        ad_ids = []
        for creative in json.loads(body.get("creatives") or "[]"):
            if creative.get("video_id") not in self.videos:
                raise Refusal(40002, "video_id: the video does not exist")
            if not creative.get("identity_id"):
                raise Refusal(40002, "identity_id: an identity is required")
            for image in creative.get("image_ids") or []:
                if image not in self.images:
                    raise Refusal(40002, f"image_ids: image {image} does not exist")
            ad_id = f"18{next(self._ids):011d}"
            self.ads[ad_id] = {**creative, "ad_id": ad_id, "adgroup_id": group,
                               "operation_status": body.get("operation_status", "ENABLE")}
            ad_ids.append(ad_id)
        return {"ad_ids": ad_ids}

    def _ad_view(self, ad: dict[str, Any]) -> dict[str, Any]:
        if ad["adgroup_id"] in self.reject_in:
            secondary = "AD_STATUS_NOT_APPROVE"
        elif ad["operation_status"] == "DISABLE":
            secondary = "AD_STATUS_DISABLE"
        else:
            secondary = "AD_STATUS_AUDIT"
        return {"ad_id": ad["ad_id"], "ad_name": ad["ad_name"], "adgroup_id": ad["adgroup_id"],
                "operation_status": ad["operation_status"], "secondary_status": secondary}

    def _ads(self, params: dict[str, str]) -> dict[str, Any]:
        wanted = json.loads(params.get("filtering") or "{}")
        ads = [self._ad_view(a) for a in self.ads.values()
               if ("ad_ids" not in wanted or a["ad_id"] in wanted["ad_ids"])
               and ("adgroup_ids" not in wanted or a["adgroup_id"] in wanted["adgroup_ids"])]
        return self._page(ads, params)

    def _reviews(self, params: dict[str, str]) -> dict[str, Any]:
        found = {}
        for ad_id in json.loads(params.get("ad_ids") or "[]"):
            ad = self.ads.get(ad_id)
            if ad is None:
                continue
            reason = self.reject_in.get(ad["adgroup_id"])
            found[ad_id] = {"is_approved": reason is None,
                            "review_status": "UNAVAILABLE" if reason else "ALL_AVAILABLE",
                            "rejection_info": [{"reasons": [reason]}] if reason else []}
        return {"ad_review_map": found}


def report_item(ad: int, day: dt.date, currency: str = "USD") -> dict[str, Any]:
    return {
        "dimensions": {"ad_id": f"17{ad:08d}", "stat_time_day": f"{day.isoformat()} 00:00:00"},
        "metrics": {
            "ad_name": f"Mug ST-{ad:04X}",
            "campaign_name": "Q4",
            "currency": currency,
            "spend": f"{5 + ad}.25",
            "impressions": str(800 + day.day),
            "clicks": str(9 + ad),
            "complete_payment": str(ad % 2),
            "total_complete_payment_rate": f"{(ad % 2) * 31}.90",
            "video_watched_2s": str(200 + ad),
            "video_views_p100": str(40 + ad),
            "ctr": "1.12",
        },
    }
