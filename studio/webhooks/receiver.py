"""A minimal verifying webhook receiver, for trying an integration locally and for tests.

It does what a seller's endpoint should: verify every signature, dedupe by event id, answer
fast. ``fail_first`` makes it refuse the first N requests of each event, to exercise retries.
Run one with ``python -m studio.webhooks.receiver SECRET [PORT]``.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from studio.webhooks import SIGNATURE_HEADER, SignatureError, verify


class WebhookReceiver:
    def __init__(self, secret: str, *, fail_first: int = 0, port: int = 0) -> None:
        self.secret = secret
        self.fail_first = fail_first
        self.lock = threading.Lock()
        self.requests = 0
        self.bad_signatures = 0
        self.attempts: Counter[str] = Counter()
        self.events: dict[str, dict[str, Any]] = {}  # deduped by event id
        self.duplicates = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = receiver.handle(dict(self.headers.items()), body)
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"no")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def handle(self, headers: dict[str, str], body: bytes) -> int:
        with self.lock:
            self.requests += 1
            try:
                verify(self.secret, body, headers.get(SIGNATURE_HEADER))
            except SignatureError:
                self.bad_signatures += 1
                return 400
            event = json.loads(body)
            if event["id"] != headers.get("Studio-Event-Id"):
                self.bad_signatures += 1
                return 400
            self.attempts[event["id"]] += 1
            if self.attempts[event["id"]] <= self.fail_first:
                return 503
            if event["id"] in self.events:
                self.duplicates += 1
            else:
                self.events[event["id"]] = event
            return 200

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    import sys

    secret = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8765
    receiver = WebhookReceiver(secret, port=port)
    print(f"listening on {receiver.url}", flush=True)
    try:
        receiver.server.serve_forever()
    except KeyboardInterrupt:
        pass
    print(json.dumps({"events": len(receiver.events), "duplicates": receiver.duplicates,
                      "bad_signatures": receiver.bad_signatures}))
