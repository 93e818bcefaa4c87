"""One guarded call to a provider: circuit breaker, rate limit, retries for transient errors.

Only transient failures are retried: HTTP 408/409/429/5xx, timeouts and dropped connections.
A 400 or 401 is the seller's to fix and is reported at once. When the provider says how long
to wait — a header (``retry-after-ms``, ``Retry-After``, ``openai-poll-after-ms``) or, for
Google, the error body's ``google.rpc.RetryInfo`` ``retryDelay`` (Google sends no header) —
the guard waits exactly that long, up to ``RetryPolicy.max_hint``; a longer wait is reported
rather than slept. Without a hint it backs off exponentially. A spent per-day quota
(``QuotaFailure`` naming a ``…PerDay…`` quota) is never retried: it cannot clear today.

SDK errors are classified by shape (``status_code``/``code``, ``response.headers``, class
name), so this module never imports a cloud SDK.
"""

from __future__ import annotations

import email.utils
import os
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from studio.ai.breaker import CircuitBreaker
from studio.ai.provider_errors import body_of, google_quota_hint
from studio.contracts import PluginError, StructuredAnswerError
from studio.shared_state import SettingsStore, reset_store
from studio.token_bucket import TokenBucket

T = TypeVar("T")

TRANSIENT_STATUS = {408, 409, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3  # total tries, including the first
    initial_delay: float = 1.0
    max_delay: float = 30.0  # cap of the guard's own backoff
    factor: float = 2.0
    # the longest wait a provider may ask for that the guard sleeps through (Gemini asks
    # ~10–60 s); beyond it the call fails as transient and the job is retried later
    max_hint: float = 120.0

    def backoff(self, attempt: int) -> float:
        """Delay before try ``attempt + 1`` when the provider gave no hint (full jitter)."""
        ceiling = min(self.max_delay, self.initial_delay * self.factor ** (attempt - 1))
        return ceiling * (0.5 + random.random() / 2)


@dataclass(frozen=True)
class Failure:
    """What went wrong, in the seller's words, and whether trying again can help."""

    message: str
    transient: bool
    retry_after: float | None = None
    status: int | None = None
    caller_error: bool = False  # the request was wrong (4xx): says nothing about provider health


def retry_hint(headers: Mapping[str, str] | None) -> float | None:
    """Seconds the server asked us to wait, from the headers providers actually send."""
    if not headers:
        return None
    lowered = {str(k).lower(): str(v) for k, v in headers.items()}
    for name, scale in (("retry-after-ms", 1000.0), ("openai-poll-after-ms", 1000.0)):
        if name in lowered:
            try:
                return max(0.0, float(lowered[name]) / scale)
            except ValueError:
                pass
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:  # Retry-After may also be an HTTP date
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, parsed.timestamp() - time.time())


def _status_of(exc: BaseException) -> int | None:
    for attr in ("status_code", "code", "status"):
        value = getattr(exc, attr, None)
        if isinstance(value, int) and 100 <= value <= 599:
            return value
    response = getattr(exc, "response", None)
    value = getattr(response, "status_code", None)
    return value if isinstance(value, int) else None


def _headers_of(exc: BaseException) -> Mapping[str, str] | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    return headers if headers is not None else None


def _message_of(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(message).split())[:300]


def classify(exc: BaseException, provider: str) -> Failure:
    if isinstance(exc, PluginError):
        return Failure(str(exc), exc.transient, getattr(exc, "retry_after", None))
    name = type(exc).__name__
    status = _status_of(exc)
    message = _message_of(exc)
    if status is not None:
        hint = retry_hint(_headers_of(exc))
        quota = google_quota_hint(body_of(exc)) if status == 429 else None
        if quota is not None and quota.daily_quota:
            return Failure(
                f"{provider}'s daily quota is used up (HTTP 429, quota {quota.daily_quota}): "
                f"{message}. Retrying today cannot succeed; the quota resets at midnight "
                "Pacific time. Raise it (Google AI Studio or Cloud console → Quotas) or use "
                "another provider until then.", False, None, status,
            )
        if hint is None and quota is not None:
            hint = quota.retry_delay
        if status in TRANSIENT_STATUS:
            what = "is rate limiting the studio" if status == 429 else "had a server error"
            return Failure(f"{provider} {what} (HTTP {status}): {message}", True, hint, status)
        if status in (401, 403):
            return Failure(
                f"{provider} refused the credentials (HTTP {status}): {message}. "
                "Check the API key in the plugin settings.", False, None, status, caller_error=True,
            )
        return Failure(f"{provider} rejected the request (HTTP {status}): {message}",
                       False, None, status, caller_error=True)
    if isinstance(exc, TimeoutError) or "Timeout" in name:
        return Failure(f"{provider} did not answer in time: {message}", True)
    if isinstance(exc, ConnectionError) or "Connect" in name or "Connection" in name:
        return Failure(f"could not reach {provider}: {message}", True)
    return Failure(f"{provider} call failed ({name}): {message}", False)


class ProviderGuard:
    """Wraps every call to one provider. Thread-safe; one per provider per process."""

    def __init__(
        self,
        provider: str,
        *,
        breaker: CircuitBreaker | None = None,
        limiter: TokenBucket | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provider = provider
        self.breaker = breaker or CircuitBreaker(provider)
        self.limiter = limiter  # one bucket per provider (the key is the provider's name)
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self.retries_made = 0  # visible to tests and metrics

    def call(self, fn: Callable[[], T], *, what: str = "call") -> T:
        self.breaker.before_call()
        attempt = 0
        while True:
            attempt += 1
            if self.limiter is not None:
                self.limiter.acquire(self.provider)
            try:
                result = fn()
            except StructuredAnswerError:
                # the provider answered; the answer was wrong. Not a health problem, no retry.
                self.breaker.record_success()
                raise
            except Exception as exc:
                failure = classify(exc, self.provider)
                hinted = failure.retry_after
                too_long = hinted is not None and hinted > self.retry.max_hint
                if failure.transient and attempt < self.retry.attempts and not too_long:
                    # the provider's own wait, in full: retrying sooner only fails again
                    delay = hinted if hinted is not None else min(
                        self.retry.backoff(attempt), self.retry.max_delay)
                    self.retries_made += 1
                    self._sleep(delay)
                    continue
                if too_long:
                    failure = Failure(
                        f"{failure.message} ({self.provider} asks to wait {hinted:.0f} s before "
                        "trying again; the job will be tried again later)",
                        True, hinted, failure.status)
                if failure.caller_error:
                    self.breaker.record_success()
                else:
                    self.breaker.record_failure(failure.message)
                if isinstance(exc, PluginError):
                    raise
                error = PluginError(f"{what}: {failure.message}", transient=failure.transient)
                error.status = failure.status  # type: ignore[attr-defined]
                error.retry_after = failure.retry_after  # type: ignore[attr-defined]
                raise error from exc
            self.breaker.record_success()
            return result


_guards: dict[str, ProviderGuard] = {}
_guards_lock = threading.Lock()

# requests per minute for the whole studio (every worker draws from one shared bucket, see
# studio.shared_state; per process only where nothing is shared), below the providers'
# entry-tier limits; override with STUDIO_<PROVIDER>_REQUESTS_PER_MINUTE (e.g. …=300)
DEFAULT_REQUESTS_PER_MINUTE = {"openai": 60, "google": 60, "ark": 60, "anthropic": 50}


def requests_per_minute(provider: str) -> float:
    raw = os.environ.get(f"STUDIO_{provider.upper()}_REQUESTS_PER_MINUTE")
    if raw:
        try:
            value = float(raw)
        except ValueError:
            raise PluginError(
                f"STUDIO_{provider.upper()}_REQUESTS_PER_MINUTE={raw!r} is not a number"
            ) from None
        if value > 0:
            return value
    return float(DEFAULT_REQUESTS_PER_MINUTE.get(provider, 60))


def get_guard(provider: str, **overrides: Any) -> ProviderGuard:
    """The process-wide guard of ``provider`` (created on first use with ``overrides``). Its
    breaker and rate limiter keep their state in the studio's shared store, so every worker
    process sees the same provider health and draws from the same request budget."""
    with _guards_lock:
        guard = _guards.get(provider)
        if guard is None:
            store = SettingsStore()
            if "breaker" not in overrides:
                overrides["breaker"] = CircuitBreaker(provider, store=store)
            if "limiter" not in overrides:
                per_minute = requests_per_minute(provider)
                overrides["limiter"] = TokenBucket(per_minute / 60,
                                                   burst=max(1, int(per_minute // 6)),
                                                   store=store, prefix="limiter:")
            guard = _guards[provider] = ProviderGuard(provider, **overrides)
        return guard


def reset_guards() -> None:
    """Forget this process's guards and its choice of state store (tests; a changed setting).
    State shared with other processes stays: it is theirs too."""
    with _guards_lock:
        _guards.clear()
        reset_store()
