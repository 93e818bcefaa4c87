"""A local fake of Google's OAuth token endpoint, the Sheets API v4 read calls and CSV export.

Enough for gspread 6 (``open_by_key`` → spreadsheet metadata, ``get_all_values`` → values
get) and for the public ``/spreadsheets/d/ID/export?format=csv`` link.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


class FakeGoogle:
    def __init__(self, sheets: dict[str, dict[str, list[list[str]]]], public: set[str]) -> None:
        self.sheets = sheets  # spreadsheet id -> worksheet title -> rows
        self.public = public
        self.requests: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                fake.requests.append(f"POST {self.path}")
                form = parse_qs(body.decode())
                if self.path == "/token" and "assertion" in form:
                    return self._json(
                        200,
                        {"access_token": "ya29.fake", "expires_in": 3600, "token_type": "Bearer"},
                    )
                self._json(400, {"error": "invalid_grant"})

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                fake.requests.append(f"GET {parts.path}")
                segs = [unquote(s) for s in parts.path.strip("/").split("/")]
                if segs[:2] == ["spreadsheets", "d"] and segs[3:] == ["export"]:
                    return self._export(segs[2], parse_qs(parts.query))
                if segs[:2] != ["v4", "spreadsheets"] or len(segs) < 3:
                    return self._json(404, {"error": {"code": 404, "message": "Not found"}})
                if self.headers.get("Authorization") != "Bearer ya29.fake":
                    return self._json(
                        401,
                        {
                            "error": {
                                "code": 401,
                                "message": "Unauthenticated",
                                "status": "UNAUTHENTICATED",
                            }
                        },
                    )
                book = fake.sheets.get(segs[2])
                if book is None:
                    return self._json(
                        404,
                        {
                            "error": {
                                "code": 404,
                                "message": "Requested entity was not found.",
                                "status": "NOT_FOUND",
                            }
                        },
                    )
                if len(segs) == 3:
                    return self._json(
                        200,
                        {
                            "spreadsheetId": segs[2],
                            "properties": {"title": "Catalog", "locale": "en_US"},
                            "sheets": [
                                {
                                    "properties": {
                                        "sheetId": i,
                                        "title": t,
                                        "index": i,
                                        "sheetType": "GRID",
                                        "gridProperties": {"rowCount": 1000, "columnCount": 26},
                                    }
                                }
                                for i, t in enumerate(book)
                            ],
                        },
                    )
                if len(segs) == 5 and segs[3] == "values":
                    title = segs[4].split("!")[0].strip("'")
                    rows = book.get(title)
                    if rows is None:
                        return self._json(
                            400,
                            {
                                "error": {
                                    "code": 400,
                                    "message": f"Unable to parse range: {segs[4]}",
                                }
                            },
                        )
                    return self._json(
                        200,
                        {"range": f"'{title}'!A1:Z1000", "majorDimension": "ROWS", "values": rows},
                    )
                self._json(404, {"error": {"code": 404, "message": "Not found"}})

            def _export(self, key: str, query: dict[str, list[str]]) -> None:
                if key not in fake.public:
                    body = b"<!DOCTYPE html><html><title>Sign in</title></html>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                book = fake.sheets[key]
                gid = int(query.get("gid", ["0"])[0])
                out = io.StringIO()
                csv.writer(out, lineterminator="\r\n").writerows(list(book.values())[gid])
                body = out.getvalue().encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _json(self, status: int, payload: Any) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeGoogle:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
