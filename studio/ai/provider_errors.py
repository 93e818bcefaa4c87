"""What a provider's error body says about waiting: Google's ``google.rpc`` details.

Gemini and Veo answer a rate limit with HTTP 429 and NO ``Retry-After`` header; the wait is in
the body, and so is which quota ran out::

    {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "message": "...",
               "details": [{"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                            "violations": [{"quotaId": "GenerateRequestsPerDayPerProject…"}]},
                           {"@type": "type.googleapis.com/google.rpc.RetryInfo",
                            "retryDelay": "45.8s"}]}}

A per-day quota still comes with a RetryInfo of seconds, yet waiting those seconds cannot help:
the quota is spent until it resets (midnight Pacific time), so it must not be retried.
The SDK's exception carries the parsed body (google-genai: ``exc.details``; openai and
anthropic: ``exc.body``); this module reads it by shape and imports no SDK.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)s\s*$")  # google.protobuf.Duration in JSON


@dataclass(frozen=True)
class QuotaHint:
    retry_delay: float | None  # seconds RetryInfo asks for
    daily_quota: str | None  # the quotaId of a spent per-day quota


def body_of(exc: BaseException) -> dict[str, Any] | None:
    """The error's JSON body, from whichever attribute its SDK keeps it in."""
    for attr in ("details", "body"):
        value = getattr(exc, attr, None)
        if isinstance(value, dict):
            return value
    response = getattr(exc, "response", None)
    text = getattr(response, "text", None)
    if isinstance(text, str) and text.lstrip().startswith("{"):
        try:
            parsed = json.loads(text)
        except ValueError:
            return None
        return parsed if isinstance(parsed, dict) else None
    return None


def _is_daily(quota_id: str) -> bool:
    flat = quota_id.replace("_", "").replace("-", "").lower()
    return "perday" in flat or "daily" in flat


def google_quota_hint(body: dict[str, Any] | None) -> QuotaHint | None:
    """RetryInfo's delay and a spent per-day quota, or None when the body has no details."""
    error = (body or {}).get("error")
    details = error.get("details") if isinstance(error, dict) else None
    if not isinstance(details, list):
        return None
    delay: float | None = None
    daily: str | None = None
    for detail in details:
        if not isinstance(detail, dict):
            continue
        kind = str(detail.get("@type", ""))
        if kind.endswith("google.rpc.RetryInfo"):
            match = _DURATION.match(str(detail.get("retryDelay", "")))
            if match:
                delay = float(match.group(1))
        elif kind.endswith("google.rpc.QuotaFailure"):
            for violation in detail.get("violations") or []:
                quota = str((violation or {}).get("quotaId") or "")
                if quota and _is_daily(quota):
                    daily = quota
    if delay is None and daily is None:
        return None
    return QuotaHint(delay, daily)
