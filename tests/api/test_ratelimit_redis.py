"""Rate limits shared through Redis: several API processes, one limit per key.

Needs the local Redis (``STUDIO_TEST_REDIS_URL``, default redis://127.0.0.1:6379/15); the
tests skip without it, unless ``CI`` is set: then they fail. Each test uses its own key
prefix, so runs (and other test sessions) never share a bucket.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from studio.shared_state import ProcessStore, RedisStore, SharedStore, open_store
from studio.token_bucket import TokenBucket

from .conftest import make_tenant

REDIS_URL = os.environ.get("STUDIO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url() -> Iterator[str]:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        message = f"Redis is not reachable at {REDIS_URL}: {exc}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI is set, so the Redis tests must run)", pytrace=False)
        pytest.skip(message)
    yield REDIS_URL
    client.close()


@pytest.fixture
def prefix(redis_url: str) -> Iterator[str]:
    import redis

    value = f"studio-test:{secrets.token_hex(6)}:"
    yield value
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match=value + "*"):
        client.delete(key)
    client.close()


@pytest.mark.redis
def test_two_limiters_share_one_bucket_per_key(redis_url: str, prefix: str) -> None:
    """Two API processes (two limiters, nothing shared but Redis): a burst of 3 is 3 in all."""
    first = TokenBucket(0.5, 3, store=open_store(redis_url, prefix=prefix))
    second = TokenBucket(0.5, 3, store=open_store(redis_url, prefix=prefix))
    waits = [limiter.take("key:1") for limiter in (first, second, first)]
    assert waits == [0.0, 0.0, 0.0]
    wait = second.take("key:1")
    assert 1.5 < wait <= 2.0  # one token at 0.5/s is 2 s away (a little refilled meanwhile)
    assert first.take("key:1") > 0
    assert first.take("key:2") == 0.0  # another key has its own bucket


@pytest.mark.redis
def test_api_processes_with_a_redis_broker_share_the_limit(
        settings, redis_url: str, prefix: str) -> None:
    """With the broker on Redis, two apps (as two API processes) answer 429 together."""
    tenant = make_tenant(settings, "Shared Limits")
    on_redis = settings.model_copy(update={"broker_url": redis_url})
    limits = ApiSettings(rate_limit_per_second=0.5, rate_limit_burst=3,
                         rate_limit_redis_prefix=prefix, dispatch_jobs=False)
    one, two = create_app(on_redis, limits), create_app(on_redis, limits)
    store = one.state.rate_limiter.store
    assert isinstance(store, SharedStore) and isinstance(store.backend, RedisStore)
    assert one.state.session_rate_limiter.store is store  # one store, one fallback
    with TestClient(one) as a, TestClient(two) as b:
        codes = [client.get("/api/v1/products", headers=tenant.headers).status_code
                 for client in (a, b, a, b)]
        assert codes == [200, 200, 200, 429]
        limited = a.get("/api/v1/products", headers=tenant.headers)
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1


def test_embedded_default_keeps_the_buckets_in_the_process(settings) -> None:
    app = create_app(settings, ApiSettings())  # filesystem broker
    assert type(app.state.rate_limiter.store) is ProcessStore
    assert ApiSettings(rate_limit_redis_url="local").rate_limit_store("redis://x:6379/0") is None
    assert ApiSettings().rate_limit_store("redis://x:6379/0") == "redis://x:6379/0"
    assert ApiSettings(rate_limit_redis_url="redis://y/1").rate_limit_store("filesystem://") \
        == "redis://y/1"


def test_unreachable_redis_falls_back_to_the_process_bucket() -> None:
    """Redis down: the API neither refuses everything nor stops limiting."""
    limiter = TokenBucket(0.5, 2, store=open_store("redis://127.0.0.1:1/0", prefix="x:"))
    assert [limiter.take("key:1") for _ in range(2)] == [0.0, 0.0]
    assert limiter.take("key:1") > 0


@pytest.mark.redis
def test_the_bucket_on_redis_is_the_same_bucket_as_in_python(redis_url: str, prefix: str) -> None:
    """The Lua twin of the bucket keeps the state the Python rule keeps ({tokens, stamp}) and
    answers as it does: a state written by the store's generic path is refilled and taken by
    the script, and the other way round."""
    store = RedisStore(redis_url, prefix=prefix)
    on_redis = TokenBucket(0.5, 3, store=store, prefix="b:")
    in_python = TokenBucket(0.5, 3)
    waits = [(on_redis.take("k"), in_python.take("k")) for _ in range(4)]
    assert waits[:3] == [(0.0, 0.0)] * 3
    assert waits[3][0] == pytest.approx(waits[3][1], abs=0.05)
    assert waits[3][0] == pytest.approx(2.0, abs=0.05)  # one token at 0.5/s
    saved = store.read("b:k")
    assert saved["tokens"] == pytest.approx(0.0, abs=0.05)
    assert saved["stamp"] == pytest.approx(time.time(), abs=5)

    def one_token_left(state: dict[str, float]) -> None:  # written by the WATCH/MULTI path
        state.update(tokens=1.0, stamp=time.time())

    store.update("b:k", one_token_left)
    assert on_redis.take("k") == 0.0
    assert on_redis.take("k") == pytest.approx(2.0, abs=0.05)
    # an untouched bucket is full again after burst / rate (6 s): its key expires then
    import redis

    with redis.Redis.from_url(redis_url) as client:
        assert 6_000 < client.pttl(prefix + "b:k") <= 7_000
