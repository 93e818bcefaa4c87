"""Shared machinery for cloud AI plugins: limits, retries, polling, clips, answers, cost.

Every built-in cloud plugin (sora, veo, seedance, gemini, openai, claude) goes through the same
:class:`~studio.ai.guard.ProviderGuard` (circuit breaker + rate limit + retries for transient
errors only), the same poller, the same clip normalizer and the same answer validation, so a
third-party plugin can reuse them too. Nothing here imports a cloud SDK.
"""

from studio.ai.breaker import CircuitBreaker, CircuitOpenError
from studio.ai.budget import BudgetExceeded, InMemoryUsageLedger, UsageEntry, ensure_within_budget
from studio.ai.credentials import Credential, configuration_for, read_credential
from studio.ai.guard import ProviderGuard, RetryPolicy, get_guard, reset_guards
from studio.ai.polling import PollPolicy, poll_until_done
from studio.ai.structured import parse_structured
from studio.token_bucket import TokenBucket  # the studio's one rate limiter, for plugins too

__all__ = [
    "BudgetExceeded",
    "CircuitBreaker",
    "CircuitOpenError",
    "Credential",
    "InMemoryUsageLedger",
    "PollPolicy",
    "ProviderGuard",
    "RetryPolicy",
    "TokenBucket",
    "UsageEntry",
    "configuration_for",
    "ensure_within_budget",
    "get_guard",
    "parse_structured",
    "poll_until_done",
    "read_credential",
    "reset_guards",
]
