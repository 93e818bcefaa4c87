"""Every error the server can answer has its words in both languages of the web studio, so a
seller never meets an English sentence written for API users (issue 18 item 7). The server
names the error by its code (studio.error_messages); the page looks up `errors.<code>`."""

from __future__ import annotations

import json
import re
from pathlib import Path

from studio.error_messages import MESSAGES

I18N = Path(__file__).resolve().parents[2] / "ui" / "i18n"
# words a seller's screen must not carry: command lines, flags, HTTP headers
DEVELOPER_WORDS = re.compile(r"`studio |\bstudio (import|link|keys|batch|render|serve|worker|"
                             r"plugins|roi|videos|templates) |--[a-z]|Authorization:|Bearer|"
                             r"Idempotency-Key|Last-Event-ID|subject_type|\bsk_")


def _strings(language: str) -> dict[str, str]:
    return json.loads((I18N / f"{language}.json").read_text(encoding="utf-8"))


def test_every_error_code_has_words_in_english_and_chinese() -> None:
    for language in ("en", "zh-CN"):
        strings = _strings(language)
        missing = sorted(code for code in MESSAGES if f"errors.{code}" not in strings)
        assert not missing, f"{language}.json lacks errors.<code> for {missing}"


def test_error_words_are_for_sellers() -> None:
    for language in ("en", "zh-CN"):
        for key, text in _strings(language).items():
            if key.startswith("errors."):
                assert not DEVELOPER_WORDS.search(text), (language, key, text)


def test_chinese_error_words_are_chinese() -> None:
    chinese = _strings("zh-CN")
    for code in MESSAGES:
        text = chinese[f"errors.{code}"]
        if re.sub(r"\{\w+\}", "", text).strip(" ：:（）()"):  # more than the server's detail
            assert re.search(r"[\u4e00-\u9fff]", text), (code, text)
