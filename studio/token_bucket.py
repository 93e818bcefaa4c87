"""The studio's one token bucket: the API's rate limits and the providers' request budgets.

A caller (an API key, a signed-in seller, a client address, a provider account) has a bucket
of ``burst`` tokens refilled at ``rate`` per second; a request takes one. :meth:`TokenBucket.take`
says how long until a token is back (0.0: taken), which the API answers as 429 with
``Retry-After``; :meth:`TokenBucket.acquire` waits for it, which is what a worker does before
calling a provider (fifty renders become a rate the provider accepts, not a burst of 429s).

The buckets live in a :class:`~studio.shared_state.StateStore`, so every process sharing the
store draws from the same bucket: four workers together stay under an account's limit, two
API processes under one key's. The time is the wall clock (other processes read the same
bucket); on Redis it is Redis's own (``TIME``), so machines with skewed clocks still share a
bucket fairly. A full bucket is the same as none, so a bucket's state expires once it would
be full again: a million client addresses do not stay in memory or in Redis.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from studio.shared_state import ProcessStore, Script, State, StateStore

# The refill-and-take of _take below, run inside Redis: one round trip per request instead of
# WATCH/GET/MULTI/EXEC, and no retries when many API processes hit one key at once. Same
# state (JSON {tokens, stamp}), same rule; tests/api/test_ratelimit_redis.py runs both on
# one sequence. The wait is returned as a string (Lua numbers become integers in a reply).
TAKE_LUA = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local raw = redis.call('GET', KEYS[1])
local state = raw and cjson.decode(raw) or {}
local tokens = tonumber(state['tokens']) or burst
local stamp = tonumber(state['stamp']) or now
tokens = math.min(burst, tokens + math.max(0, now - stamp) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) / rate
end
redis.call('SET', KEYS[1], cjson.encode({tokens = tokens, stamp = now}), 'PX', ARGV[3])
return tostring(wait)
"""


def _take(state: State, now: float, rate: float, burst: int) -> float:
    """Refill ``state`` up to ``now`` and take a token: 0.0, else the seconds until one."""
    stamp = state.get("stamp", now)
    tokens = min(float(burst), state.get("tokens", float(burst)) + max(0.0, now - stamp) * rate)
    state["stamp"] = now
    if tokens >= 1:
        state["tokens"] = tokens - 1
        return 0.0
    state["tokens"] = tokens
    return (1 - tokens) / rate


class TokenBucket:
    """Buckets of ``burst`` tokens refilled at ``rate`` per second, one per key, in ``store``
    (this process's own by default) under ``prefix`` + key."""

    def __init__(
        self,
        rate: float,
        burst: int = 1,
        *,
        store: StateStore | None = None,
        prefix: str = "",
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.burst = max(1, int(burst))
        self.store: StateStore = store if store is not None else ProcessStore()
        self.prefix = prefix
        self._clock = clock  # wall-clock time: other processes read the same bucket
        self._sleep = sleep
        # an untouched bucket is full again after burst / rate: its state can go then
        self._ttl = self.burst / rate + 1.0
        self._script: Script[float] = Script(TAKE_LUA, (rate, self.burst), float)

    def take(self, key: str) -> float:
        """Take a token from ``key``'s bucket: 0.0 when taken, else the seconds until one is
        there (nothing is taken then). One update of the store."""
        clock, rate, burst = self._clock, self.rate, self.burst

        def change(state: dict[str, Any]) -> float:
            # the time once the store's lock is held: a writer that waited for it must not
            # stamp the bucket earlier than the one before it
            return _take(state, clock(), rate, burst)

        return self.store.update(self.prefix + key, change, ttl=self._ttl, script=self._script)

    def acquire(self, key: str) -> float:
        """Take a token from ``key``'s bucket, waiting for it if needed; the seconds waited."""
        waited = 0.0
        while True:
            wait = self.take(key)
            if wait == 0.0:
                return waited
            self._sleep(wait)
            waited += wait
