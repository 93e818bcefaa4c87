"""Token-bucket rate limits per API key, user or client address.

Each caller has a bucket of ``burst`` tokens refilled at ``rate`` per second; a request takes
one. An empty bucket answers 429 with ``Retry-After`` = whole seconds until a token is back.

On the embedded default the buckets live in this process (:class:`RateLimiter`). With Redis
(the broker URL, or ``STUDIO_API_RATE_LIMIT_REDIS_URL``) they live in Redis
(:class:`RedisRateLimiter`): one atomic script per request, so any number of API processes
share one limit per key. If Redis cannot be reached, the process falls back to its own
buckets for a while rather than refuse or wave through every request.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger("studio.api")


class Limiter(Protocol):
    rate: float
    burst: int

    def take(self, caller: str) -> float: ...


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


# refill and take in one step on the server: the bucket is a hash {tokens, at}; the time is
# Redis's own (TIME), so API machines with skewed clocks still share one bucket fairly.
# Returns the wait in seconds as a string (Lua numbers become integers in a reply).
_TAKE = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return tostring(wait)
"""


class RedisRateLimiter:
    """The same token bucket, kept in Redis and shared by every API process."""

    RETRY_REDIS_AFTER = 5.0  # seconds on the local buckets after Redis failed

    def __init__(self, url: str, rate: float, burst: int, *, prefix: str = "studio:ratelimit:",
                 client: Any = None) -> None:
        import redis

        self.rate = rate
        self.burst = burst
        self.prefix = prefix
        self._client = client or redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5
        )
        self._script = self._client.register_script(_TAKE)
        self._fallback = RateLimiter(rate, burst)
        self._down_until = 0.0

    def take(self, caller: str) -> float:
        import redis

        if time.monotonic() < self._down_until:
            return self._fallback.take(caller)
        try:
            wait = self._script(keys=[self.prefix + caller], args=[self.rate, self.burst])
        except redis.RedisError as exc:
            log.warning("rate limits: Redis unreachable (%s); this process limits on its own "
                        "for %.0f s", exc, self.RETRY_REDIS_AFTER)
            self._down_until = time.monotonic() + self.RETRY_REDIS_AFTER
            return self._fallback.take(caller)
        return float(wait)


def make_limiter(rate: float, burst: int, *, redis_url: str | None, prefix: str) -> Limiter:
    """A Redis-shared limiter when a Redis URL is given, else this process's own buckets."""
    if redis_url and redis_url.startswith(("redis://", "rediss://")):
        return RedisRateLimiter(redis_url, rate, burst, prefix=prefix)
    return RateLimiter(rate, burst)


def retry_after_header(wait_seconds: float) -> str:
    return str(max(1, math.ceil(wait_seconds)))
