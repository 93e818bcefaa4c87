"""Provider breakers and rate limits shared between worker processes: a provider that failed
for one worker is paused for the others, and all of them draw from one request budget —
through the state file of the embedded setup and through Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.ai.breaker import CircuitBreaker
from studio.shared_state import open_store

REPO = Path(__file__).resolve().parents[2]

# one "worker": the studio's own guard for Ark (as the seedance plugin uses it), a breaker with
# a one-second cool-down on the same shared state (to see the half-open probe), and Google's
# rate limiter (set to a bucket of one token)
WORKER = r"""
import json, sys
from studio.ai.breaker import CircuitBreaker, CircuitOpenError
from studio.ai.guard import RetryPolicy, get_guard
from studio.shared_state import SettingsStore

class HTTPError(Exception):
    status_code = 503

guard = get_guard("ark", retry=RetryPolicy(attempts=1))
quick = CircuitBreaker("ark-quick", window=10, min_calls=5, cool_down=1.0,
                       store=SettingsStore())
out = {"where": guard.breaker.store.where, "steps": []}
reached = []

def provider():
    reached.append(1)
    return "clip"

def failing():
    reached.append(1)
    raise HTTPError("HTTP 503 Service Unavailable")

for step in sys.argv[1:]:
    try:
        if step == "fail":
            try:
                guard.call(failing, what="seedance create")
            except CircuitOpenError:
                raise
            except Exception:
                pass
            out["steps"].append("failed")
        elif step == "call":
            out["steps"].append(guard.call(provider))
        elif step.startswith("quick-"):
            action = step.removeprefix("quick-")
            if action == "fail":
                quick.record_failure("timeout")
            elif action == "ok":
                quick.record_success()
            else:
                quick.before_call()
            out["steps"].append(quick.state)
        elif step.startswith("take"):
            limiter = get_guard("google").limiter
            out["steps"].append(sum(limiter.take("google") == 0 for _ in range(int(step[4:]))))
    except CircuitOpenError as exc:
        out["steps"].append("refused: " + str(exc))
out["reached_provider"] = len(reached)
print(json.dumps(out))
"""


@pytest.fixture(params=["file", "redis"])
def shared_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of the worker processes: the embedded setup (SQLite in a studio home)
    or a Redis broker."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("STUDIO_") and k not in ("OPENAI_API_KEY", "ARK_API_KEY")}
    env.update(PYTHONPATH=str(REPO), STUDIO_HOME=str(tmp_path / "home"),
               STUDIO_GOOGLE_REQUESTS_PER_MINUTE="0.06")  # burst 1, then one a thousand s
    if request.param == "redis":
        from tests.jobs.conftest import RedisServer

        if not _has_redis():
            pytest.skip("redis-server is not installed")
        server = RedisServer(tmp_path / "redis")
        server.start()
        env["STUDIO_BROKER_URL"] = server.url
        try:
            yield env
        finally:
            server.stop()
    else:
        yield env


def _has_redis() -> bool:
    import shutil

    return shutil.which("redis-server") is not None


def worker(env: dict[str, str], *steps: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", WORKER, *steps], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def start_worker(env: dict[str, str], *steps: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WORKER, *steps], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_provider_failing_in_one_worker_is_paused_in_another(
        shared_env: dict[str, str]) -> None:
    first = worker(shared_env, *["fail"] * 5)
    assert first["steps"] == ["failed"] * 5 and first["reached_provider"] == 5
    where = str(first["where"])
    if "STUDIO_BROKER_URL" in shared_env:
        assert where == shared_env["STUDIO_BROKER_URL"]
    else:
        assert where.endswith("home/shared-state.sqlite")

    # another process, started afterwards: it never saw a failure, yet it does not call Ark
    second = worker(shared_env, "call")
    [refused] = second["steps"]  # type: ignore[misc]
    assert refused.startswith("refused: ark is paused: 5 of the last 5 calls failed")
    assert "HTTP 503" in refused and second["reached_provider"] == 0


def test_one_probe_for_all_workers_after_the_cool_down(shared_env: dict[str, str]) -> None:
    assert worker(shared_env, *["quick-fail"] * 5)["steps"][-1] == "open"  # type: ignore[index]
    time.sleep(1.1)
    # worker B takes the probe; worker A must keep waiting while it is out ...
    assert worker(shared_env, "quick-call")["steps"] == ["half-open"]
    refused = worker(shared_env, "quick-call")["steps"]
    assert str(refused[0]).startswith("refused: ark-quick is paused")  # type: ignore[index]
    # ... until B reports success: closed for everyone
    assert worker(shared_env, "quick-ok")["steps"] == ["closed"]
    assert worker(shared_env, "quick-call")["steps"] == ["closed"]


def test_workers_draw_from_one_request_budget(shared_env: dict[str, str]) -> None:
    # 0.06 requests a minute: a bucket of one token that refills in 1000 s. Two workers
    # asking at the same moment get one token between them, not one each.
    both = [start_worker(shared_env, "take3"), start_worker(shared_env, "take3")]
    taken = []
    for process in both:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        taken.append(json.loads(out.strip().splitlines()[-1])["steps"][0])
    assert sorted(taken) == [0, 1]


def test_an_unreachable_redis_leaves_each_process_its_own_breaker(
        caplog: pytest.LogCaptureFixture) -> None:
    breaker = CircuitBreaker("openai", window=5, min_calls=5,
                             store=open_store("redis://:secret@127.0.0.1:9/0"))
    for _ in range(5):
        breaker.record_failure("HTTP 500")
    assert breaker.state == "open"  # still protects this process
    [warning] = [r.getMessage() for r in caplog.records if "unreachable" in r.getMessage()]
    assert "redis://:***@127.0.0.1:9/0" in warning and "secret" not in warning


OPENER = r"""
import sys, time
from pathlib import Path
from studio.shared_state import FileStore, SharedStore

time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # all at the same moment

def take(state):
    if state.get("tokens", 1) >= 1:
        state["tokens"] = 0
        return 1
    return 0

print(SharedStore(FileStore(Path(sys.argv[1]))).update("budget", take))
"""


@pytest.mark.parametrize("round_", range(3))
def test_workers_creating_the_guard_file_together_still_share_it(
        tmp_path: Path, round_: int) -> None:
    # the first moment is the racy one: six workers create the file and switch it to WAL
    # at once; none may fall back to a budget of its own
    path = tmp_path / "home" / "shared-state.sqlite"
    start = str(time.time() + 1.0)
    workers = [subprocess.Popen([sys.executable, "-c", OPENER, str(path), start], cwd=REPO,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(6)]
    answers = [process.communicate(timeout=60) for process in workers]
    assert [err for _, err in answers if "unreachable" in err] == []
    assert sorted(int(out) for out, _ in answers) == [0, 0, 0, 0, 0, 1]
