"""API-only settings (``STUDIO_API_*``): rate limits, size limits, CORS, cookies.

They sit apart from :class:`studio.config.Settings` because only the web process needs them;
like it, they are read once and handed to routes through a dependency tests can override.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="STUDIO_API_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # token bucket per API key / user / client address
    rate_limit_per_second: float = Field(default=10.0, gt=0)
    rate_limit_burst: int = Field(default=20, ge=1)
    rate_limit_enabled: bool = True
    # a signed-in seller's web studio loads a page's charts and tables at once: a larger bucket
    session_rate_limit_per_second: float = Field(default=30.0, gt=0)
    session_rate_limit_burst: int = Field(default=60, ge=1)
    # where the buckets live: empty = in Redis when the broker is Redis (every API process
    # then shares one limit per key), else in each process; a redis:// URL = that Redis;
    # "local" = always in each process
    rate_limit_redis_url: str = ""
    # key prefix in that Redis (two studios sharing one Redis keep apart)
    rate_limit_redis_prefix: str = "studio:ratelimit:"

    # JSON bodies (a 1,000-item batch is ~200 KB) vs. file uploads (catalogs, ad exports)
    max_body_bytes: int = Field(default=2 * 1024 * 1024, ge=1024)
    max_upload_bytes: int = Field(default=200 * 1024 * 1024, ge=1024)

    # comma-separated origins allowed to call the API from a browser; empty: same origin only
    cors_origins: str = ""

    # the web studio's sign-in cookie; set secure_cookies=false only for plain-http development
    session_cookie: str = "studio_session"
    session_max_age_seconds: int = 14 * 24 * 3600
    secure_cookies: bool = True

    # send new work to the workers from the request; false leaves it to the recovery sweep
    dispatch_jobs: bool = True

    # how long a stored Idempotency-Key response is replayed
    idempotency_ttl_seconds: int = 24 * 3600

    # server-sent events: how often the event log is polled, and the keep-alive period
    sse_poll_seconds: float = Field(default=0.5, gt=0)
    # an uploaded catalog or ad export larger than this is imported by a worker (202)
    inline_import_bytes: int = Field(default=8 * 1024 * 1024, ge=0)
    # a preview call waits this long for its worker, then answers 202 with a status URL
    preview_wait_seconds: float = Field(default=15.0, ge=0, le=60)
    sse_keepalive_seconds: float = Field(default=15.0, gt=0)

    def rate_limit_store(self, broker_url: str) -> str | None:
        """The Redis URL the rate-limit buckets live in, or None for this process's own."""
        url = self.rate_limit_redis_url.strip() or broker_url
        if url == "local" or not url.startswith(("redis://", "rediss://")):
            return None
        return url

    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


@lru_cache
def get_api_settings() -> ApiSettings:
    return ApiSettings()
