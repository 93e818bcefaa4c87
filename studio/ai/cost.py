"""Prices and cost of one cloud call: list prices per model (and per resolution for video).

Every figure says where it comes from and when it was read. ``confirmed`` means it was read on
the provider's own pricing page (or a verbatim, dated transcription of it); the others come
from secondary sources quoting that page and are marked so, because the providers' pages
could not be read from where this table was made. A seller with a different contract
overrides them in the plugin settings. Checked 2026-12-04.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Price:
    amount: Decimal  # USD per second of video, or per million tokens
    source: str
    checked: str  # when the figure was read (ISO date)
    confirmed: bool = False  # read on the provider's own page


OPENAI_PAGE = "https://platform.openai.com/docs/pricing (Video)"
SORA_QUOTED = (f"{OPENAI_PAGE}, as quoted by help.apiyi.com/sora-2-api-official-release-en.html "
               "and cometapi.com 'Sora API access in 2026'; not confirmed on OpenAI's page")
GOOGLE_PAGE = "https://ai.google.dev/gemini-api/docs/pricing"
GOOGLE_TRANSCRIBED = (f"{GOOGLE_PAGE}, as transcribed verbatim on 2026-10-07 "
                      "(github.com/api-evangelist/deepmind plans/deepmind-plans-pricing.yml)")
VEO_LITE_QUOTED = (f"{GOOGLE_PAGE} (video with audio), as quoted by "
                   "lumenfall.ai/models/google/veo-3.1-lite and "
                   "docs.dev.xavier.icvr.xyz/models/google-vertex/veo-3.1-lite-generate-001.html; "
                   "not confirmed on Google's page")
ANTHROPIC_PAGE = "https://docs.anthropic.com/en/docs/about-claude/pricing"
UNCONFIRMED = "figure of November 2026 kept; no source for it could be read, not confirmed"


def _p(amount: str, source: str, checked: str = "2026-12-04", confirmed: bool = False) -> Price:
    return Price(Decimal(amount), source, checked, confirmed)


def _pair(inp: str, out: str, quoted: str) -> tuple[Price, Price]:
    """Input and output price of a model both quoted by secondary sources."""
    source = f"{quoted}; not confirmed on the provider's page"
    return _p(inp, source), _p(out, source)


# provider model -> resolution (as the provider names it) -> USD per second of generated video
VIDEO_PRICES: dict[str, dict[str, Price]] = {
    "sora-2": {size: _p("0.10", SORA_QUOTED) for size in ("720x1280", "1280x720")},
    "sora-2-pro": {
        **{size: _p("0.30", SORA_QUOTED) for size in ("720x1280", "1280x720")},
        **{size: _p("0.50", SORA_QUOTED) for size in ("1024x1792", "1792x1024")},
    },
    "veo-3.1-generate-preview": {  # "Veo 3.1 Standard video with audio: $0.40 (720p and 1080p)"
        res: _p("0.40", GOOGLE_TRANSCRIBED, "2026-10-07", confirmed=True)
        for res in ("720p", "1080p")
    },
    "veo-3.1-lite-generate-001": {
        "720p": _p("0.05", VEO_LITE_QUOTED), "1080p": _p("0.08", VEO_LITE_QUOTED),
    },
    "veo-2.0-generate-001": {"720p": _p("0.35", UNCONFIRMED)},  # Veo 2 renders 720p only
}

# model -> (per million input tokens, per million output tokens), USD. Thinking tokens (Gemini
# 2.5's thoughtsTokenCount) are billed as output: "Output price (including thinking tokens)".
TOKEN_PRICES: dict[str, tuple[Price, Price]] = {
    "gemini-2.5-flash": (
        _p("0.30", GOOGLE_TRANSCRIBED, "2026-10-07", confirmed=True),
        _p("2.50", f"{GOOGLE_PAGE} 'Output price (including thinking tokens)', as quoted in "
                   "discuss.ai.google.dev/t/93491; not confirmed on Google's page"),
    ),
    "gemini-2.5-pro": (  # prompts up to 200k tokens
        _p("1.25", GOOGLE_TRANSCRIBED, "2026-10-07", confirmed=True),
        _p("10.00", f"{GOOGLE_PAGE}, as quoted by hivebook.wiki (Gemini 2.5 family); "
                    "not confirmed on Google's page"),
    ),
    "gpt-4.1-mini": _pair("0.40", "1.60", "https://platform.openai.com/docs/pricing, as quoted "
                          "by losclouds.com/ai-models/gpt-4-1-mini (verified 2026-04-02)"),
    "gpt-4o-mini": _pair("0.15", "0.60", "https://platform.openai.com/docs/pricing, as quoted by "
                         "weighmyprompt.com/compare/gpt-4-1-vs-gpt-4o-mini"),
    "claude-sonnet-4-6": _pair("3.00", "15.00", f"{ANTHROPIC_PAGE}, as quoted by deploybase.ai "
                               "(2026-03-21) and apidog.com/blog/claude-sonnet-4-6-pricing"),
    "claude-haiku-4-5": _pair("1.00", "5.00", f"{ANTHROPIC_PAGE}, as quoted by deploybase.ai "
                              "(2026-03-21) and latentbrief.com"),
}

# Seedance (Volcengine Ark, mainland China) bills tokens in CNY:
# tokens ~= width * height * fps * seconds / 1024, at 15 CNY per million tokens.
SEEDANCE_PRICE = _p("15", f"{UNCONFIRMED} (Volcengine Ark pricing page)")
SEEDANCE_CNY_PER_MILLION_TOKENS = SEEDANCE_PRICE.amount

_CENT = Decimal("0.0001")


def price_per_second(model: str, resolution: str | None = None) -> Decimal:
    """USD per second for ``model`` at ``resolution`` (``720p``, ``1024x1792``…); without a
    resolution, the model's one price if it has one, its highest otherwise (never too low)."""
    prices = VIDEO_PRICES.get(model)
    if not prices:
        return Decimal("0")
    if resolution is not None and resolution in prices:
        return prices[resolution].amount
    return max(p.amount for p in prices.values())


def video_cost(model: str, seconds: float, *, resolution: str | None = None,
               price_per_second: Decimal | None = None) -> Decimal:
    price = price_per_second if price_per_second is not None else _price(model, resolution)
    return (price * Decimal(str(seconds))).quantize(_CENT, rounding=ROUND_HALF_UP)


_price = price_per_second  # video_cost's keyword of the same name hides the function


def token_cost(model: str, input_tokens: int, output_tokens: int,
               thinking_tokens: int = 0) -> Decimal:
    """USD for one answer; thinking tokens are billed at the output price."""
    prices = TOKEN_PRICES.get(model)
    if prices is None:
        return Decimal("0")
    inp, out = prices[0].amount, prices[1].amount
    total = (inp * input_tokens + out * (output_tokens + thinking_tokens)) / Decimal(1_000_000)
    return total.quantize(_CENT, rounding=ROUND_HALF_UP)


def seedance_cost(tokens: int) -> Decimal:
    """CNY for a Seedance task, from the ``usage.completion_tokens`` the task reports."""
    cost = SEEDANCE_CNY_PER_MILLION_TOKENS * tokens / Decimal(1_000_000)
    return cost.quantize(_CENT, rounding=ROUND_HALF_UP)


def seedance_tokens_estimate(width: int, height: int, fps: int, seconds: float) -> int:
    return int(width * height * fps * seconds / 1024)
