"""Wait for a provider's long-running job, backing off and honouring the server's hints.

A provider that says "ask again in 10 ms" (``openai-poll-after-ms``, ``Retry-After``) is
believed, within ``[min_interval, max_interval]``; without a hint the wait grows by ``factor``
from ``initial``. A job that is not done by ``timeout`` raises a transient PluginError naming
the provider's job id, so the seller (or the retry policy) can pick it up later.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from studio.contracts import PluginError, ProgressCallback

S = TypeVar("S")


@dataclass(frozen=True)
class PollPolicy:
    initial: float = 2.0
    factor: float = 1.5
    max_interval: float = 20.0
    min_interval: float = 0.0
    timeout: float = 900.0


@dataclass
class PollStep(Generic[S]):
    """One look at the job: its snapshot, whether it is finished, and the server's hint."""

    snapshot: S
    finished: bool
    hint: float | None = None  # seconds the server asked us to wait
    progress: float | None = None  # 0..1 if the provider reports it
    status: str = ""


def poll_until_done(
    look: Callable[[], PollStep[S]],
    *,
    provider: str,
    job_id: str,
    policy: PollPolicy,
    progress: ProgressCallback | None = None,
    progress_span: tuple[float, float] = (0.1, 0.8),
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> S:
    started = clock()
    interval = policy.initial
    low, high = progress_span
    while True:
        step = look()
        if progress is not None:
            fraction = step.progress if step.progress is not None else 0.0
            progress(low + (high - low) * min(max(fraction, 0.0), 1.0),
                     f"{provider}: {step.status or 'working'}")
        if step.finished:
            return step.snapshot
        if step.hint is not None:
            wait = min(max(step.hint, policy.min_interval), policy.max_interval)
        else:
            wait = min(max(interval, policy.min_interval), policy.max_interval)
            interval *= policy.factor
        elapsed = clock() - started
        if elapsed + wait > policy.timeout:
            raise PluginError(
                f"{provider} job {job_id} was still {step.status or 'running'} after "
                f"{elapsed:.0f} s (limit {policy.timeout:.0f} s). It may finish later; "
                "try again or raise the plugin's timeout.",
                transient=True,
            )
        sleep(wait)
