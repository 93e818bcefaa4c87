"""Circuit breaker, rate limiter, retries and budget: the rules a seller relies on."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from plugins.sora import SoraGenerator
from studio.ai.breaker import CircuitBreaker, CircuitOpenError
from studio.ai.budget import BudgetExceeded, InMemoryUsageLedger, UsageEntry, ensure_within_budget
from studio.ai.guard import ProviderGuard, RetryPolicy, classify, retry_hint
from studio.ai.usage import metered
from studio.contracts import GenerationRequest, PluginError
from studio.testing import sample_product
from studio.token_bucket import TokenBucket
from tests.fakes.openai_videos import FakeOpenAI

from .conftest import FAST_POLL


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class HTTPError(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status_code = status


def test_breaker_opens_at_twenty_percent_of_recent_calls_and_fails_fast() -> None:
    clock = Clock()
    breaker = CircuitBreaker("veo", window=10, failure_ratio=0.2, min_calls=5, cool_down=30,
                             clock=clock)
    for _ in range(8):
        breaker.record_success()
    breaker.record_failure("HTTP 503")
    assert breaker.state == "closed"  # 1 of 9 = 11 %
    breaker.record_failure("HTTP 503")
    assert breaker.state == "open"  # 2 of 10 = 20 %
    with pytest.raises(CircuitOpenError, match=r"veo is paused: 2 of the last 10 calls") as e:
        breaker.before_call()
    assert "HTTP 503" in str(e.value) and e.value.transient and e.value.retry_in == 30


def test_half_open_lets_one_probe_through_and_closes_on_success() -> None:
    clock = Clock()
    breaker = CircuitBreaker("ark", window=5, min_calls=5, cool_down=30, clock=clock)
    for _ in range(5):
        breaker.record_failure("timeout")
    assert breaker.state == "open"
    clock.now += 31
    assert breaker.state == "half-open"
    breaker.before_call()  # the probe
    with pytest.raises(CircuitOpenError):
        breaker.before_call()  # everyone else still waits
    breaker.record_success()
    assert breaker.state == "closed"
    breaker.before_call()


def test_failed_probe_opens_again_for_another_cool_down() -> None:
    clock = Clock()
    breaker = CircuitBreaker("ark", window=5, min_calls=5, cool_down=30, clock=clock)
    for _ in range(5):
        breaker.record_failure("timeout")
    clock.now += 31
    breaker.before_call()
    breaker.record_failure("timeout again")
    assert breaker.state == "open"
    clock.now += 29
    assert breaker.state == "open"
    clock.now += 2
    assert breaker.state == "half-open"


def test_guard_stops_calling_a_failing_provider() -> None:
    calls: list[int] = []
    guard = ProviderGuard("openai", breaker=CircuitBreaker("openai", window=5, min_calls=5),
                          retry=RetryPolicy(attempts=1), sleep=lambda s: None)

    def failing() -> None:
        calls.append(1)
        raise HTTPError(502)

    for _ in range(5):
        with pytest.raises(PluginError):
            guard.call(failing)
    with pytest.raises(CircuitOpenError, match="openai is paused"):
        guard.call(failing)
    assert len(calls) == 5  # the sixth never reached the provider


def test_seller_mistakes_do_not_open_the_breaker() -> None:
    guard = ProviderGuard("openai", breaker=CircuitBreaker("openai", window=5, min_calls=5),
                          retry=RetryPolicy(attempts=3), sleep=lambda s: None)
    for _ in range(10):
        with pytest.raises(PluginError, match="rejected the request"):
            guard.call(lambda: (_ for _ in ()).throw(HTTPError(400)))
    assert guard.breaker.state == "closed" and guard.retries_made == 0


def test_breaker_trips_through_the_real_sdk(guard_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with FakeOpenAI() as fake:
        fake.fail_next(500, times=100, method="POST")
        guard = guard_factory("openai", attempts=1, window=5)
        sora = SoraGenerator(api_key=FakeOpenAI.API_KEY, base_url=fake.url + "/v1",
                             poll=FAST_POLL, guard=guard)
        req = GenerationRequest(output_path=tmp_path / "c.mp4", prompt="x", preview=True)
        for _ in range(5):
            with pytest.raises(PluginError, match="server error"):
                sora.generate(req, lambda f, m: None)
        sent = len(fake.seen)
        with pytest.raises(CircuitOpenError, match="openai is paused"):
            sora.generate(req, lambda f, m: None)
        assert len(fake.seen) == sent


@pytest.mark.parametrize(("headers", "seconds"), [
    ({"retry-after-ms": "250"}, 0.25), ({"Retry-After": "7"}, 7.0),
    ({"openai-poll-after-ms": "10"}, 0.01), ({}, None), ({"retry-after": "soon"}, None),
])
def test_retry_hints(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_hint(headers) == seconds


@pytest.mark.parametrize(("status", "transient"), [
    (429, True), (500, True), (503, True), (408, True), (400, False), (401, False), (404, False),
])
def test_only_transient_statuses_are_retried(status: int, transient: bool) -> None:
    assert classify(HTTPError(status), "p").transient is transient


def test_timeouts_and_dropped_connections_are_transient() -> None:
    class ReadTimeout(Exception):
        pass

    assert classify(ReadTimeout("read timed out"), "p").transient
    assert classify(ConnectionResetError("reset"), "p").transient
    assert not classify(ValueError("bad"), "p").transient


def test_rate_limiter_spaces_calls() -> None:
    clock = Clock()
    waited: list[float] = []

    def sleep(seconds: float) -> None:
        waited.append(seconds)
        clock.now += seconds

    limiter = TokenBucket(2.0, burst=2, clock=clock, sleep=sleep)
    assert limiter.acquire("p") == 0 and limiter.acquire("p") == 0  # the burst
    assert limiter.acquire("p") == pytest.approx(0.5)  # then 2 per second
    assert limiter.take("p") == pytest.approx(0.5)  # nothing taken while empty
    assert limiter.take("other") == 0  # a bucket per key
    clock.now += 0.5
    assert limiter.take("p") == 0


def test_budget_counts_only_its_workspace_and_currency() -> None:
    ledger = InMemoryUsageLedger()
    for ws, cost, cur in (("a", "4.00", "USD"), ("a", "3.00", "USD"), ("b", "50", "USD"),
                          ("a", "100", "CNY")):
        ledger.add(UsageEntry(ws, "openai", "sora-2", "ai_seconds", Decimal(8),
                              Decimal(cost), cur))
    assert ensure_within_budget(ledger, "a", budget=Decimal("10")) == Decimal("3.00")
    with pytest.raises(BudgetExceeded, match=r"spent 7.00 USD of 10.00 USD.*about 4.00 USD"):
        ensure_within_budget(ledger, "a", budget=Decimal("10"), estimate=Decimal("4"))
    ensure_within_budget(ledger, "a", budget=None, estimate=Decimal("1000"))


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server  # type: ignore[misc]


def test_generator_refuses_a_clip_the_budget_cannot_pay(fake: FakeOpenAI, guard_factory,
                                                        tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sora = SoraGenerator(api_key=FakeOpenAI.API_KEY, base_url=fake.url + "/v1", poll=FAST_POLL,
                         guard=guard_factory("openai"))
    ledger = InMemoryUsageLedger()
    req = GenerationRequest(output_path=tmp_path / "c.mp4", duration=4, preview=True,
                            product=sample_product())
    with metered("ws-9", ledger=ledger, budget=Decimal("0.50"), video_id="vid-1"):
        result = sora.generate(req, lambda f, m: None)  # 4 s x 0.10 = 0.40
        entry = ledger.entries[-1]
        assert (entry.cost, entry.quantity, entry.video_id) == (result.cost, 4, "vid-1")
        with pytest.raises(BudgetExceeded, match="budget reached"):
            sora.generate(req, lambda f, m: None)  # 0.40 + 0.40 > 0.50
    assert [s.method for s in fake.seen].count("POST") == 1
