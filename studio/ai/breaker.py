"""A circuit breaker per provider: stop calling a provider that keeps failing.

Closed: calls go through and their outcomes are remembered (the last ``window`` calls).
Open: once at least ``min_calls`` outcomes are known and ``failure_ratio`` of them failed,
calls fail fast with a message saying which provider, why, and when it will be tried again.
Half-open: after ``cool_down`` seconds ONE probe call goes through; success closes the
breaker, failure opens it again for another cool-down.

The state (recent outcomes, when it opened, whether a probe is out) is kept in a
:class:`~studio.shared_state.StateStore`: the studio's guards share one between all
worker processes, so a provider failing for one worker is paused for every worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Literal

from studio.contracts import PluginError
from studio.shared_state import ProcessStore, StateStore

State = Literal["closed", "open", "half-open"]


class CircuitOpenError(PluginError):
    """The provider failed too often recently; the call was refused without contacting it."""

    def __init__(self, message: str, *, retry_in: float) -> None:
        super().__init__(message, transient=True)
        self.retry_in = retry_in


class CircuitBreaker:
    """One provider's breaker. Its state lives in ``store`` (this process by default; the
    studio's guards share it between processes, see :mod:`studio.shared_state`), so
    every method is one atomic change of that state."""

    def __init__(
        self,
        provider: str,
        *,
        window: int = 20,
        failure_ratio: float = 0.2,
        min_calls: int = 5,
        cool_down: float = 30.0,
        probe_lease: float = 300.0,
        clock: Callable[[], float] = time.time,
        store: StateStore | None = None,
    ) -> None:
        if not 0 < failure_ratio <= 1:
            raise ValueError("failure_ratio must be in (0, 1]")
        self.provider = provider
        self.window = window
        self.failure_ratio = failure_ratio
        self.min_calls = min(min_calls, window)
        self.cool_down = cool_down
        # a probe whose process died never reports back: after this long another may probe
        self.probe_lease = probe_lease
        # wall-clock time: the state may be read by another process or machine
        self._clock = clock
        self.store: StateStore = store if store is not None else ProcessStore()
        self._key = f"breaker:{provider}"

    @property
    def state(self) -> State:
        return self._state(self.store.read(self._key), self._clock())

    def _state(self, saved: dict[str, Any], now: float) -> State:
        opened_at = saved.get("opened_at")
        if opened_at is None:
            return "closed"
        if now - opened_at >= self.cool_down:
            return "half-open"
        return "open"

    def before_call(self) -> None:
        """Raise :class:`CircuitOpenError` if the call must not go out now."""

        def change(saved: dict[str, Any]) -> CircuitOpenError | None:
            now = self._clock()
            state = self._state(saved, now)
            if state == "closed":
                return None
            probe_at = saved.get("probe_at")
            if state == "half-open" and (probe_at is None or now - probe_at >= self.probe_lease):
                saved["probe_at"] = now  # this caller is the probe
                return None
            retry_in = max(0.0, self.cool_down - (now - saved["opened_at"]))
            outcomes = saved.get("outcomes", [])
            return CircuitOpenError(
                f"{self.provider} is paused: {sum(outcomes)} of the last {len(outcomes)} calls "
                f"failed (last error: {saved.get('last_error') or 'unknown'}). The studio will "
                f"try {self.provider} again in {retry_in:.0f} s; other providers keep working.",
                retry_in=retry_in,
            )

        refused = self.store.update(self._key, change)
        if refused is not None:
            raise refused

    def record_success(self) -> None:
        def change(saved: dict[str, Any]) -> None:
            outcomes = [*saved.get("outcomes", []), 0][-self.window:]
            if saved.get("opened_at") is not None:
                # the half-open probe worked: start afresh
                saved["opened_at"] = None
                outcomes = []
            saved["outcomes"] = outcomes
            saved["probe_at"] = None

        self.store.update(self._key, change)

    def record_failure(self, reason: str = "") -> None:
        def change(saved: dict[str, Any]) -> None:
            now = self._clock()
            outcomes = [*saved.get("outcomes", []), 1][-self.window:]
            saved["outcomes"] = outcomes
            saved["last_error"] = reason[:200]
            if saved.get("opened_at") is not None:
                saved["opened_at"] = now  # the probe failed: another cool-down
            elif (
                len(outcomes) >= self.min_calls
                and sum(outcomes) / len(outcomes) >= self.failure_ratio
            ):
                saved["opened_at"] = now
            saved["probe_at"] = None

        self.store.update(self._key, change)

    def snapshot(self) -> dict[str, object]:
        """What a health check or `studio plugins` shows."""
        saved = self.store.read(self._key)
        outcomes = saved.get("outcomes", [])
        return {
            "provider": self.provider,
            "state": self._state(saved, self._clock()),
            "recent_calls": len(outcomes),
            "recent_failures": sum(outcomes),
            "last_error": saved.get("last_error", ""),
            "shared_by": self.store.where,
        }
