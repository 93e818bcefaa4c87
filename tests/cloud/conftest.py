"""Cloud plugins tested through their real SDKs against local fake servers (tests/fakes)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from studio.ai.breaker import CircuitBreaker
from studio.ai.guard import ProviderGuard, RetryPolicy, reset_guards
from studio.ai.polling import PollPolicy
from studio.config import get_settings
from studio.testing import ffmpeg_available

if not ffmpeg_available():  # pragma: no cover
    pytest.skip("ffmpeg/ffprobe are needed for clip tests", allow_module_level=True)

FAST_POLL = PollPolicy(initial=0.01, factor=1.5, max_interval=0.05, timeout=10.0)


class SleepLog:
    """Records what the guard would have slept, without sleeping (keeps tests fast)."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleeps() -> SleepLog:
    return SleepLog()


@pytest.fixture
def guard_factory(sleeps: SleepLog):  # type: ignore[no-untyped-def]
    def make(provider: str, *, attempts: int = 3, window: int = 10) -> ProviderGuard:
        return ProviderGuard(
            provider,
            breaker=CircuitBreaker(provider, window=window, min_calls=5, cool_down=60),
            retry=RetryPolicy(attempts=attempts, initial_delay=0.01, max_delay=30),
            sleep=sleeps,
        )

    return make


@pytest.fixture(autouse=True)
def _fresh_guards(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # each test's guards in this process only: the shared state file would otherwise be in
    # the checkout's own studio home and carry a tripped breaker into the next test run
    # (test_shared_guards.py tests the shared stores in temporary homes)
    monkeypatch.setenv("STUDIO_SHARED_STATE", "process")
    get_settings.cache_clear()
    reset_guards()
    yield
    reset_guards()
    get_settings.cache_clear()


@pytest.fixture(autouse=True)
def _no_real_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never let a developer's real key or base URL reach a test."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "GEMINI_API_KEY", "GOOGLE_API_KEY",
                 "GOOGLE_GEMINI_BASE_URL", "ARK_API_KEY", "ARK_BASE_URL", "ANTHROPIC_API_KEY",
                 "ANTHROPIC_BASE_URL", "SORA_MODEL", "VOLC_ACCESSKEY", "VOLC_SECRETKEY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"STUDIO_{name}", raising=False)
