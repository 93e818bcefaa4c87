"""A local fake of the Graph API Insights edge, enough for the facebook-business SDK.

``GET /{version}/act_{id}/insights`` with ``access_token``, ``fields`` (comma list),
``level``, ``time_increment``, ``time_range`` (JSON), ``limit`` and ``after``; answers
``{"data": [...], "paging": {"cursors": {"before", "after"}, "next"?}}`` with every number a
string and ``actions`` lists, and Graph-style errors ``{"error": {message, type, code, ...}}``.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "EAAB-test-token"


class FakeGraph:
    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records
        self.requests: list[dict[str, str]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                q = {k: v[0] for k, v in parse_qs(parts.query).items()}
                fake.requests.append({"path": parts.path, **q})
                segments = parts.path.strip("/").split("/")
                if (
                    len(segments) != 3
                    or segments[2] != "insights"
                    or not segments[1].startswith("act_")
                ):
                    return self._error(400, "Unknown path components", "OAuthException", 2500)
                if q.get("access_token") != TOKEN:
                    return self._error(
                        400,
                        "Invalid OAuth access token - Cannot parse access token",
                        "OAuthException",
                        190,
                    )
                if q.get("level") != "ad" or q.get("time_increment") != "1":
                    return self._error(
                        400, "(#100) level=ad and time_increment=1 expected", "OAuthException", 100
                    )
                time_range = json.loads(q["time_range"])
                since = dt.date.fromisoformat(time_range["since"])
                until = dt.date.fromisoformat(time_range["until"])
                fields = set(q.get("fields", "").split(","))
                rows = [
                    {k: v for k, v in r.items() if k in fields or k in ("date_start", "date_stop")}
                    for r in fake.records
                    if since <= dt.date.fromisoformat(r["date_start"]) <= until
                ]
                limit = int(q.get("limit", 25))
                start = int(q["after"]) if q.get("after") else 0
                page = rows[start : start + limit]
                end = start + len(page)
                body: dict[str, Any] = {
                    "data": page,
                    "paging": {"cursors": {"before": str(start), "after": str(end)}},
                }
                if end < len(rows):
                    body["paging"]["next"] = f"{fake.url}{parts.path}?after={end}"
                self._send(200, body)

            def _error(self, status: int, message: str, kind: str, code: int) -> None:
                self._send(
                    status,
                    {
                        "error": {
                            "message": message,
                            "type": kind,
                            "code": code,
                            "fbtrace_id": "AbCdEf",
                        }
                    },
                )

            def _send(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeGraph:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


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
