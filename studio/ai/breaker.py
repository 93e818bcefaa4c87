"""A circuit breaker per provider: stop calling a provider that keeps failing.

Closed: calls go through and their outcomes are remembered (the last ``window`` calls).
Open: once at least ``min_calls`` outcomes are known and ``failure_ratio`` of them failed,
calls fail fast with a message saying which provider, why, and when it will be tried again.
Half-open: after ``cool_down`` seconds ONE probe call goes through; success closes the
breaker, failure opens it again for another cool-down.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Literal

from studio.contracts import PluginError

State = Literal["closed", "open", "half-open"]


class CircuitOpenError(PluginError):
    """The provider failed too often recently; the call was refused without contacting it."""

    def __init__(self, message: str, *, retry_in: float) -> None:
        super().__init__(message, transient=True)
        self.retry_in = retry_in


class CircuitBreaker:
    def __init__(
        self,
        provider: str,
        *,
        window: int = 20,
        failure_ratio: float = 0.2,
        min_calls: int = 5,
        cool_down: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 0 < failure_ratio <= 1:
            raise ValueError("failure_ratio must be in (0, 1]")
        self.provider = provider
        self.window = window
        self.failure_ratio = failure_ratio
        self.min_calls = min(min_calls, window)
        self.cool_down = cool_down
        self._clock = clock
        self._outcomes: deque[bool] = deque(maxlen=window)  # True = failed
        self._opened_at: float | None = None
        self._probe_in_flight = False
        self._last_error = ""
        self._lock = threading.Lock()

    @property
    def state(self) -> State:
        with self._lock:
            return self._state()

    def _state(self) -> State:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self.cool_down:
            return "half-open"
        return "open"

    def before_call(self) -> None:
        """Raise :class:`CircuitOpenError` if the call must not go out now."""
        with self._lock:
            state = self._state()
            if state == "closed":
                return
            if state == "half-open" and not self._probe_in_flight:
                self._probe_in_flight = True  # this caller is the probe
                return
            assert self._opened_at is not None
            retry_in = max(0.0, self.cool_down - (self._clock() - self._opened_at))
            failed = sum(self._outcomes)
            raise CircuitOpenError(
                f"{self.provider} is paused: {failed} of the last {len(self._outcomes)} calls "
                f"failed (last error: {self._last_error or 'unknown'}). The studio will try "
                f"{self.provider} again in {retry_in:.0f} s; other providers keep working.",
                retry_in=retry_in,
            )

    def record_success(self) -> None:
        with self._lock:
            self._outcomes.append(False)
            if self._opened_at is not None:
                # the half-open probe worked: start afresh
                self._opened_at = None
                self._outcomes.clear()
            self._probe_in_flight = False

    def record_failure(self, reason: str = "") -> None:
        with self._lock:
            self._outcomes.append(True)
            self._last_error = reason[:200]
            if self._opened_at is not None:
                self._opened_at = self._clock()  # the probe failed: another cool-down
            elif (
                len(self._outcomes) >= self.min_calls
                and sum(self._outcomes) / len(self._outcomes) >= self.failure_ratio
            ):
                self._opened_at = self._clock()
            self._probe_in_flight = False

    def snapshot(self) -> dict[str, object]:
        """What a health check or `studio plugins` shows."""
        with self._lock:
            return {
                "provider": self.provider,
                "state": self._state(),
                "recent_calls": len(self._outcomes),
                "recent_failures": sum(self._outcomes),
                "last_error": self._last_error,
            }
