"""Prices and cost of one cloud call. Prices are list prices in USD as of November 2026;
a seller with a different contract overrides them in the plugin settings."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# provider model -> USD per second of generated video
VIDEO_PRICE_PER_SECOND: dict[str, Decimal] = {
    "sora-2": Decimal("0.10"),
    "sora-2-pro": Decimal("0.30"),
    "veo-3.1-generate-preview": Decimal("0.40"),
    "veo-3.1-lite-generate-001": Decimal("0.15"),
    "veo-2.0-generate-001": Decimal("0.35"),
}

# model -> (USD per million input tokens, USD per million output tokens)
TOKEN_PRICES: dict[str, tuple[Decimal, Decimal]] = {
    "gemini-2.5-flash": (Decimal("0.30"), Decimal("2.50")),
    "gemini-2.5-pro": (Decimal("1.25"), Decimal("10.00")),
    "gpt-4.1-mini": (Decimal("0.40"), Decimal("1.60")),
    "gpt-4o-mini": (Decimal("0.15"), Decimal("0.60")),
    "claude-sonnet-4-6": (Decimal("3.00"), Decimal("15.00")),
    "claude-haiku-4-5": (Decimal("1.00"), Decimal("5.00")),
}

# Seedance (Volcengine Ark, mainland China) bills tokens in CNY:
# tokens ~= width * height * fps * seconds / 1024, at 15 CNY per million tokens.
SEEDANCE_CNY_PER_MILLION_TOKENS = Decimal("15")

_CENT = Decimal("0.0001")


def video_cost(model: str, seconds: float, *, price_per_second: Decimal | None = None) -> Decimal:
    price = price_per_second if price_per_second is not None else VIDEO_PRICE_PER_SECOND.get(
        model, Decimal("0")
    )
    return (price * Decimal(str(seconds))).quantize(_CENT, rounding=ROUND_HALF_UP)


def token_cost(model: str, input_tokens: int, output_tokens: int) -> Decimal:
    inp, out = TOKEN_PRICES.get(model, (Decimal("0"), Decimal("0")))
    total = (inp * input_tokens + out * output_tokens) / Decimal(1_000_000)
    return total.quantize(_CENT, rounding=ROUND_HALF_UP)


def seedance_cost(tokens: int) -> Decimal:
    """CNY for a Seedance task, from the ``usage.completion_tokens`` the task reports."""
    cost = SEEDANCE_CNY_PER_MILLION_TOKENS * tokens / Decimal(1_000_000)
    return cost.quantize(_CENT, rounding=ROUND_HALF_UP)


def seedance_tokens_estimate(width: int, height: int, fps: int, seconds: float) -> int:
    return int(width * height * fps * seconds / 1024)
