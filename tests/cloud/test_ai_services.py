"""gemini, openai and claude AI services through their real SDKs against the local fakes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from plugins.claude_ai import ClaudeService
from plugins.gemini_ai import GeminiService
from plugins.openai_ai import OpenAIService
from studio.ai.budget import BudgetExceeded, InMemoryUsageLedger
from studio.ai.usage import metered
from studio.contracts import (
    AdCopy,
    PluginError,
    PromptContext,
    StructuredAnswerError,
    VideoAnalysis,
    VideoInput,
)
from studio.testing import FakeHTTPServer, sample_product, sample_video
from tests.fakes.anthropic_messages import FakeAnthropic
from tests.fakes.google_genai import FakeGoogle
from tests.fakes.openai_videos import FakeOpenAI

from .conftest import FAST_POLL


@dataclass
class Case:
    fake_cls: type[FakeHTTPServer]
    make: Callable[..., Any]


CASES = {
    "gemini": Case(FakeGoogle, lambda fake, guard, **kw: GeminiService(
        api_key=FakeGoogle.API_KEY, base_url=fake.url, guard=guard, file_poll=FAST_POLL, **kw)),
    "openai": Case(FakeOpenAI, lambda fake, guard, **kw: OpenAIService(
        api_key=FakeOpenAI.API_KEY, base_url=fake.url + "/v1", guard=guard, **kw)),
    "claude": Case(FakeAnthropic, lambda fake, guard, **kw: ClaudeService(
        api_key=FakeAnthropic.API_KEY, base_url=fake.url, guard=guard, **kw)),
}


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> Iterator[tuple[str, Any, Case]]:
    chosen = CASES[request.param]
    with chosen.fake_cls() as fake:
        yield request.param, fake, chosen


def test_analyze_video_reads_the_video_and_validates_the_answer(case, guard_factory) -> None:  # type: ignore[no-untyped-def]
    name, fake, chosen = case
    service = chosen.make(fake, guard_factory(name))
    video = sample_video(seconds=2.0)
    analysis = service.analyze_video(VideoInput(path=video, aspect_ratio="9:16",
                                                product=sample_product()))
    assert isinstance(analysis, VideoAnalysis) and 0 <= analysis.hook_strength <= 1
    sent = b"".join(s.body for s in fake.seen)
    if name == "gemini":  # the video itself went up through the resumable upload
        assert video.read_bytes() in sent
        assert any("files/" in s.path and s.method == "GET" for s in fake.seen)  # ACTIVE wait
    else:  # sampled frames as base64 JPEG images
        assert sent.count(b"/9j/") >= 6  # base64 of the JPEG magic bytes
    assert service.last_cost > Decimal("0")


def test_prompt_text_and_copy_operations(case, guard_factory) -> None:  # type: ignore[no-untyped-def]
    name, fake, chosen = case
    service = chosen.make(fake, guard_factory(name))
    product = sample_product()
    prompt = service.generate_prompt(PromptContext(product=product, past_winners=["slow pan"]))
    assert prompt.prompt
    assert service.analyze_text(product.description).sentiment <= 1
    copy = service.generate_copy(product)
    assert isinstance(copy, AdCopy) and copy.hooks and copy.cta
    asked = b"".join(s.body for s in fake.seen)
    assert b"slow pan" in asked and b"Portable Blender Bottle" in asked


@pytest.mark.parametrize("raw", ['{"prompt": ""}', "Sure! Here is a great prompt."])
def test_malformed_answer_keeps_the_raw_text(case, guard_factory, raw: str) -> None:  # type: ignore[no-untyped-def]
    name, fake, chosen = case
    fake.answers.append(raw)
    service = chosen.make(fake, guard_factory(name))
    with pytest.raises(StructuredAnswerError, match="GeneratedPrompt") as caught:
        service.generate_prompt(PromptContext(product=sample_product()))
    assert raw.strip("{}") in caught.value.raw_text or raw in caught.value.raw_text


def test_429_is_retried_after_the_hint(case, guard_factory, sleeps) -> None:  # type: ignore[no-untyped-def]
    name, fake, chosen = case
    if name == "gemini":  # Google puts the wait in the body (RetryInfo), with no header
        fake.rate_limit_next(retry_delay="4s")
    else:
        fake.fail_next(429, {"error": {"code": 429, "message": "slow down", "type": "rate_limit"}},
                       headers={"retry-after": "4"}, method="POST")
    service = chosen.make(fake, guard_factory(name))
    assert service.analyze_text("Great blender").keywords
    assert sleeps.waits == [4.0]


def test_gemini_daily_quota_is_reported_not_retried(guard_factory, sleeps) -> None:  # type: ignore[no-untyped-def]
    from tests.fakes.google_genai import PER_DAY

    with FakeGoogle() as fake:
        fake.rate_limit_next(retry_delay="12s", quota_id=PER_DAY)
        service = CASES["gemini"].make(fake, guard_factory("gemini"))
        with pytest.raises(PluginError, match="daily quota is used up") as caught:
            service.analyze_text("Great blender")
        assert len(fake.seen) == 1
    assert not caught.value.transient and sleeps.waits == []


def test_gemini_thinking_tokens_are_billed_as_output(guard_factory) -> None:  # type: ignore[no-untyped-def]
    ledger = InMemoryUsageLedger()
    with FakeGoogle() as fake, metered("ws-1", ledger=ledger):
        fake.thoughts_tokens = 1200  # usageMetadata.thoughtsTokenCount, beside 180 answer tokens
        service = CASES["gemini"].make(fake, guard_factory("gemini"))
        service.analyze_text("Great blender")
    # gemini-2.5-flash: (2,400 × 0.30 + (180 + 1,200) × 2.50) ÷ 1M = 0.00417 USD; the answer
    # tokens alone would say 0.00117
    assert service.last_cost == Decimal("0.0042")
    [entry] = ledger.entries
    assert (entry.quantity, entry.cost) == (2400 + 180 + 1200, Decimal("0.0042"))


def test_provider_failure_is_transient_after_retries(case, guard_factory, sleeps) -> None:  # type: ignore[no-untyped-def]
    name, fake, chosen = case
    fake.fail_next(503, {"error": {"code": 503, "message": "overloaded"}}, times=3,
                   method="POST")
    service = chosen.make(fake, guard_factory(name))
    with pytest.raises(PluginError, match="server error") as caught:
        service.analyze_text("Great blender")
    assert caught.value.transient and len(sleeps.waits) == 2


def test_timeout_is_reported(case, guard_factory) -> None:  # type: ignore[no-untyped-def]
    name, fake, chosen = case
    fake.latency = 0.6
    service = chosen.make(fake, guard_factory(name, attempts=1), request_timeout=0.2)
    with pytest.raises(PluginError, match="did not answer in time|timed out") as caught:
        service.analyze_text("Great blender")
    assert caught.value.transient


def test_budget_refuses_new_work_once_spent(case, guard_factory) -> None:  # type: ignore[no-untyped-def]
    name, fake, chosen = case
    service = chosen.make(fake, guard_factory(name))
    ledger = InMemoryUsageLedger()
    with metered("ws-1", ledger=ledger, budget=Decimal("0.0001")):
        service.analyze_text("first call is within budget")
        assert ledger.spent("ws-1", "USD") == service.last_cost > 0
        calls = len(fake.seen)
        with pytest.raises(BudgetExceeded, match="budget reached"):
            service.analyze_text("second call is refused")
    assert len(fake.seen) == calls  # refused before any request went out
