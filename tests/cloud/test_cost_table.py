"""The cost table: per model and resolution as published, each figure with its source and date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from studio.ai.cost import (
    SEEDANCE_PRICE,
    TOKEN_PRICES,
    VIDEO_PRICES,
    Price,
    price_per_second,
    token_cost,
    video_cost,
)


def every_price() -> list[tuple[str, Price]]:
    out = [(f"{m} {r}", p) for m, by in VIDEO_PRICES.items() for r, p in by.items()]
    out += [(f"{m} {side}", p) for m, pair in TOKEN_PRICES.items()
            for side, p in zip(("input", "output"), pair, strict=True)]
    return [*out, ("seedance tokens", SEEDANCE_PRICE)]


def test_every_figure_says_where_it_comes_from_and_when():
    for name, price in every_price():
        assert dt.date.fromisoformat(price.checked) <= dt.date(2026, 12, 31), name
        assert price.source, name
        # a figure not read on the provider's own page says so
        assert price.confirmed or "not confirmed" in price.source, name


def test_video_prices_per_model_and_resolution():
    assert price_per_second("sora-2-pro", "1024x1792") == Decimal("0.50")
    assert price_per_second("sora-2-pro", "1792x1024") == Decimal("0.50")
    assert price_per_second("sora-2-pro", "720x1280") == Decimal("0.30")
    assert price_per_second("veo-3.1-lite-generate-001", "720p") == Decimal("0.05")
    assert price_per_second("veo-3.1-lite-generate-001", "1080p") == Decimal("0.08")
    assert price_per_second("sora-2-pro") == Decimal("0.50")  # unknown size: never too low
    assert video_cost("sora-2-pro", 8, resolution="1792x1024") == Decimal("4.00")


def test_thinking_tokens_cost_the_output_price():
    assert token_cost("gemini-2.5-flash", 0, 0, thinking_tokens=1_000_000) == Decimal("2.50")
