"""A rate limiter per provider: a token bucket shared by every worker of the studio.

Providers publish limits per minute and per account; a bucket of ``burst`` tokens refilled at
``per_second`` smooths a batch of fifty renders into a rate the provider accepts instead of a
burst of 429s. The bucket lives in a :class:`~studio.ai.shared_state.StateStore`: the
studio's guards share it between worker processes (Redis or the home's state file), so four
workers together stay under the account's limit rather than each using all of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from studio.ai.shared_state import ProcessStore, StateStore


class RateLimiter:
    def __init__(
        self,
        per_second: float,
        *,
        burst: int = 1,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        store: StateStore | None = None,
        key: str = "limiter",
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.per_second = per_second
        self.burst = max(1, burst)
        self._clock = clock  # wall-clock time: other processes read the same bucket
        self._sleep = sleep
        self.store: StateStore = store if store is not None else ProcessStore()
        self._key = key

    def _take(self) -> float:
        """Take a token if there is one (0.0), else the seconds until there will be."""

        def change(bucket: dict[str, Any]) -> float:
            now = self._clock()
            stamp = bucket.get("stamp", now)
            tokens = min(float(self.burst),
                         bucket.get("tokens", float(self.burst))
                         + max(0.0, now - stamp) * self.per_second)
            bucket["stamp"] = now
            if tokens >= 1:
                bucket["tokens"] = tokens - 1
                return 0.0
            bucket["tokens"] = tokens
            return (1 - tokens) / self.per_second

        return self.store.update(self._key, change)

    def try_acquire(self) -> bool:
        return self._take() == 0.0

    def acquire(self) -> float:
        """Take one token, waiting for it if needed. Returns the seconds waited."""
        waited = 0.0
        while True:
            wait = self._take()
            if wait == 0.0:
                return waited
            self._sleep(wait)
            waited += wait
