"""The AI steps run inside the workspace's budget: past it, cloud work is refused up front."""

from __future__ import annotations

from decimal import Decimal

import pytest

from studio import outbox
from studio.db import Job, Scope, Video, session_scope
from studio.jobs.ai_steps import ai_clips
from studio.services.requests import VideoRequest
from studio.services.submit import submit_video
from studio.usage import record_usage

from .conftest import StudioEnv


def _clip_video(env: StudioEnv, monkeypatch: pytest.MonkeyPatch, *,
                spent: Decimal | None = None) -> tuple[int, int]:
    """A video with an AI clip from Sora, under a budget of 1.00 USD, with ``spent`` already
    recorded; the OpenAI API it would call is unreachable. Its (video id, job id)."""
    monkeypatch.setenv("STUDIO_AI_BUDGET", "1.00")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-never-used")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens there
    [product] = env.products(1)
    with session_scope() as session:
        if spent is not None:
            record_usage(session, workspace_id=env.workspace_id, kind="ai_seconds",
                         quantity=Decimal("8"), cost=spent, currency="USD", provider="sora")
        outbox.hold(session)  # the step runs right here, not on a worker
        submission = submit_video(Scope(session, env.workspace_id), VideoRequest(
            product_id=product, template_id="clip", generator="test-clips",
            options={"seconds": 0.3, "ai_clip": {"generator": "sora", "duration": 4}}))
    return submission.video_ids[0], submission.job_ids[0]


def test_over_budget_workspace_gets_its_ai_clip_refused(embedded_env: StudioEnv,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # this month's cloud spending already passed the budget
    video_id, job_id = _clip_video(embedded_env, monkeypatch, spent=Decimal("4.00"))

    result = ai_clips(video_id, job_id)

    assert result["status"] == "failed"
    assert "Cloud AI budget reached" in result["error"]
    assert "spent 4.00 USD of 1.00 USD" in result["error"]
    with session_scope() as session:
        video, job = session.get(Video, video_id), session.get(Job, job_id)
        assert video is not None and job is not None
        assert video.status == "failed" and "budget" in (video.error or "")
        assert job.status == "failed" and job.attempts == 1  # refused, not retried


def test_a_failed_ai_clip_step_leaves_nothing_held(embedded_env: StudioEnv,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # the check passes and holds the clip's estimate; the provider is down; the attempt
    # ends and its hold with it, so the next video is not refused for money nobody spent
    from sqlalchemy import func, select

    from studio.db import SpendHold, UsageRecord
    from studio.jobs.steps import WillRetry

    video_id, job_id = _clip_video(embedded_env, monkeypatch)

    with pytest.raises(WillRetry, match="could not reach openai"):  # sent again later
        ai_clips(video_id, job_id)

    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(SpendHold)) == 0
        assert session.scalar(select(func.count()).select_from(UsageRecord)) == 0
