"""Answer validation, polling, credentials and lazy SDK imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studio.ai.credentials import Credential, configuration_for, read_credential
from studio.ai.polling import PollPolicy, PollStep, poll_until_done
from studio.ai.structured import parse_structured
from studio.contracts import GeneratedPrompt, PluginError, StructuredAnswerError, TextAnalysis

REPO = Path(__file__).resolve().parents[2]


def test_fenced_json_is_accepted_and_extra_keys_are_not() -> None:
    fenced = '```json\n{"prompt": "slow pan", "negative_prompt": "", "rationale": ""}\n```'
    assert parse_structured(fenced, GeneratedPrompt, provider="p").prompt == "slow pan"
    extra = '{"prompt": "x", "mood": "happy"}'
    with pytest.raises(StructuredAnswerError, match="mood: Extra inputs") as caught:
        parse_structured(extra, GeneratedPrompt, provider="p")
    assert caught.value.raw_text == extra


def test_out_of_range_and_empty_answers_keep_their_text() -> None:
    raw = '{"language": "en", "sentiment": 3}'
    with pytest.raises(StructuredAnswerError, match="sentiment") as caught:
        parse_structured(raw, TextAnalysis, provider="claude")
    assert caught.value.raw_text == raw
    with pytest.raises(StructuredAnswerError, match="empty answer"):
        parse_structured("  ", TextAnalysis, provider="claude")


def test_poll_backs_off_without_hints_and_caps_hints() -> None:
    waits: list[float] = []
    looks = iter([PollStep("a", False), PollStep("b", False), PollStep("c", False, hint=99.0),
                  PollStep("d", True)])
    result = poll_until_done(lambda: next(looks), provider="p", job_id="j",
                             policy=PollPolicy(initial=1.0, factor=2.0, max_interval=5.0,
                                               timeout=100), sleep=waits.append)
    assert result == "d" and waits == [1.0, 2.0, 5.0]


def test_poll_gives_up_at_the_timeout_with_the_job_id() -> None:
    clock = iter(range(0, 1000, 10))
    with pytest.raises(PluginError, match="job-42 was still rendering") as caught:
        poll_until_done(lambda: PollStep(None, False, status="rendering"), provider="p",
                        job_id="job-42", policy=PollPolicy(initial=5, timeout=30),
                        clock=lambda: float(next(clock)), sleep=lambda s: None)
    assert caught.value.transient


def test_credentials_prefer_the_studio_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARK_API_KEY", "plain")
    assert read_credential("ARK_API_KEY") == "plain"
    monkeypatch.setenv("STUDIO_ARK_API_KEY", "studio")
    assert read_credential("ARK_API_KEY") == "studio"


def test_missing_sdk_is_reported_with_the_package_to_install() -> None:
    config = configuration_for("thing", [Credential(("THING_KEY",), "a key")],
                               sdk="no_such_sdk_here", sdk_package="no-such-sdk")
    assert not config.configured
    assert config.missing == ["python package no-such-sdk", "THING_KEY"]
    assert "pip install 'no-such-sdk'" in config.hint and "keeps working" in config.hint


def test_plugins_import_their_sdks_only_when_used() -> None:
    code = ("import sys; import plugins.sora, plugins.veo, plugins.seedance, plugins.gemini_ai, "
            "plugins.openai_ai, plugins.claude_ai, plugins.local_ai; "
            "print(sorted(m for m in ('openai', 'google.genai', 'volcenginesdkarkruntime', "
            "'anthropic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
