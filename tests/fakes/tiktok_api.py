"""A local fake of TikTok Business API ``GET /open_api/v1.3/report/integrated/get/``.

Header ``Access-Token``; JSON-encoded ``dimensions``/``metrics`` params; page/page_size paging;
values as strings; errors as HTTP 200 with ``code != 0`` like the real API.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "tt-test-token"


class FakeTikTok:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.requests: list[dict[str, str]] = []
        self.rate_limit_next = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                q = {k: v[0] for k, v in parse_qs(parts.query).items()}
                fake.requests.append({"path": parts.path, **q})
                if parts.path != "/open_api/v1.3/report/integrated/get/":
                    return self._send(404, {"code": 40400, "message": "Not found"})
                if self.headers.get("Access-Token") != TOKEN:
                    return self._reply(40105, "The access token is invalid or has been revoked.")
                if fake.rate_limit_next:
                    fake.rate_limit_next = False
                    return self._reply(40100, "Requests made too frequently.")
                if json.loads(q.get("dimensions", "[]")) != ["ad_id", "stat_time_day"]:
                    return self._reply(40002, "dimensions: invalid for data_level AUCTION_AD")
                metrics = json.loads(q.get("metrics", "[]"))
                start = dt.date.fromisoformat(q["start_date"])
                end = dt.date.fromisoformat(q["end_date"])
                rows = [
                    {
                        "dimensions": r["dimensions"],
                        "metrics": {k: v for k, v in r["metrics"].items() if k in metrics},
                    }
                    for r in fake.rows
                    if start <= dt.date.fromisoformat(r["dimensions"]["stat_time_day"][:10]) <= end
                ]
                page, size = int(q.get("page", 1)), int(q.get("page_size", 10))
                chunk = rows[(page - 1) * size : page * size]
                self._reply(
                    0,
                    "OK",
                    {
                        "list": chunk,
                        "page_info": {
                            "page": page,
                            "page_size": size,
                            "total_number": len(rows),
                            "total_page": max(1, math.ceil(len(rows) / size)),
                        },
                    },
                )

            def _reply(self, code: int, message: str, data: Any = None) -> None:
                self._send(
                    200,
                    {
                        "code": code,
                        "message": message,
                        "request_id": "2026112301",
                        "data": data if data is not None else {},
                    },
                )

            def _send(self, status: int, payload: Any) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeTikTok:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


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
