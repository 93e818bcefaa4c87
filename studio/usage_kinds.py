"""The studio's one usage vocabulary: what a usage record counts, and in which unit.

Used by the database's records (:mod:`studio.usage`) and by the cloud-AI metering
(:mod:`studio.ai.usage`, :mod:`studio.ai.budget`) alike, so an AI call's entry is stored as
it was recorded, with no translation between two sets of names. Apart from
:mod:`studio.usage` because that one needs the database and the AI plugins' metering does not.
"""

from __future__ import annotations

from typing import Literal, get_args

UsageKind = Literal["render_seconds", "output_seconds", "ai_seconds", "ai_tokens"]
KINDS: tuple[UsageKind, ...] = get_args(UsageKind)
# seconds of AI video generated, tokens of AI answers: the spending a cloud-AI budget counts
# (renders on the seller's own machines are not cloud work)
CLOUD_KINDS: tuple[UsageKind, ...] = ("ai_seconds", "ai_tokens")


def unit_of(kind: str) -> str:
    return "tokens" if kind == "ai_tokens" else "seconds"


def check_kind(kind: str) -> UsageKind:
    """``kind`` if it is one of :data:`KINDS`, else ValueError naming them."""
    if kind not in KINDS:
        raise ValueError(f"usage kind {kind!r} is unknown; use one of {', '.join(KINDS)}")
    return kind  # type: ignore[return-value]
