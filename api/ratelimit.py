"""The API's rate limits: a token bucket per API key, signed-in user or client address.

The buckets are the studio's one :class:`~studio.token_bucket.TokenBucket`; a request takes a
token (one update of the store) and an empty bucket answers 429 with ``Retry-After`` = whole
seconds until a token is back. Where they live follows the API settings: in Redis (the
broker's, or ``STUDIO_API_RATE_LIMIT_REDIS_URL``) so any number of API processes share one
limit per key — with the shared store's fallback to this process's own buckets while Redis is
down — else in this process (the embedded default: one API process, and no file write on
every request).
"""

from __future__ import annotations

import math

from api.settings import ApiSettings
from studio.shared_state import open_store
from studio.token_bucket import TokenBucket

# an API request waits at most this long for Redis before its process limits on its own (the
# workers' store waits longer: a provider call is slow anyway)
REDIS_TIMEOUT_SECONDS = 0.5


def api_limiters(api: ApiSettings, broker_url: str) -> tuple[TokenBucket, TokenBucket] | None:
    """(the API keys' and addresses' limiter, the signed-in sellers' larger one), sharing one
    store; None when rate limits are off."""
    if not api.rate_limit_enabled:
        return None
    store = open_store(api.rate_limit_store(broker_url), prefix=api.rate_limit_redis_prefix,
                       socket_timeout=REDIS_TIMEOUT_SECONDS)
    return (
        TokenBucket(api.rate_limit_per_second, api.rate_limit_burst, store=store,
                    prefix="bucket:api:"),
        TokenBucket(api.session_rate_limit_per_second, api.session_rate_limit_burst,
                    store=store, prefix="bucket:session:"),
    )


def retry_after_header(wait_seconds: float) -> str:
    return str(max(1, math.ceil(wait_seconds)))
