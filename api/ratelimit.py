"""Token-bucket rate limits per API key, user or client address.

Each caller has a bucket of ``burst`` tokens refilled at ``rate`` per second; a request takes
one. An empty bucket answers 429 with ``Retry-After`` = whole seconds until a token is back.
Buckets live in this process: with several API processes each enforces the limit on its own
(a shared Redis bucket is the step up when that matters).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, rate: float, burst: int, *, clock: object = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, caller: str) -> float:
        """Take a token for ``caller``: 0.0 when allowed, else seconds until one is available."""
        now = self._clock()  # type: ignore[operator]
        with self._lock:
            bucket = self._buckets.get(caller)
            if bucket is None:
                bucket = self._buckets[caller] = _Bucket(float(self.burst), now)
                if len(self._buckets) > 100_000:  # forget idle callers rather than grow forever
                    self._prune(now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate

    def _prune(self, now: float) -> None:
        full_after = self.burst / self.rate
        for caller in [c for c, b in self._buckets.items() if now - b.updated > full_after]:
            del self._buckets[caller]


def retry_after_header(wait_seconds: float) -> str:
    return str(max(1, math.ceil(wait_seconds)))
