"""Every notice the ROI report can give (studio.roi.notices) has seller words in both languages
of the web studio (`roi.notice.<code>`), with no command line in them, and the page finds
them by code: no regular expression over the server's English sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

from studio.roi.notices import CODES

UI = Path(__file__).resolve().parents[2] / "ui"
DEVELOPER_WORDS = re.compile(r"`|\bstudio [a-z]|--[a-z]|production_cost_other|hook_rate|"
                             r"\bCODE=|RATE\b")


def _strings(language: str) -> dict[str, str]:
    return json.loads((UI / "i18n" / f"{language}.json").read_text(encoding="utf-8"))


def test_every_notice_code_has_seller_words_in_english_and_chinese() -> None:
    for language in ("en", "zh-CN"):
        strings = _strings(language)
        missing = sorted(code for code in CODES if f"roi.notice.{code}" not in strings)
        assert not missing, f"{language}.json lacks roi.notice.<code> for {missing}"
        unknown = sorted(k for k in strings if k.startswith("roi.notice.")
                         and k.removeprefix("roi.notice.") not in CODES)
        assert not unknown, f"{language}.json has words for no notice: {unknown}"
        for code in CODES:
            text = strings[f"roi.notice.{code}"]
            assert not DEVELOPER_WORDS.search(text), (language, code, text)
            if language == "zh-CN":
                assert re.search(r"[\u4e00-\u9fff]", text), (code, text)


def test_the_roi_pages_say_notices_by_code_not_by_parsing_english() -> None:
    pages = {name: (UI / "pages" / f"{name}.js").read_text(encoding="utf-8")
             for name in ("roi", "roi-creatives", "roi-notices")}
    for name, code in pages.items():
        code = re.sub(r"^\s*//.*$", "", code, flags=re.M)  # comments may say anything
        assert ".messages" not in code and ".notes" not in code, name
        assert not re.search(r"not linked|several currencies|shop orders", code), name
    assert "roi.notice.${notice.code}" in pages["roi-notices"]
    for name in ("roi", "roi-creatives"):
        assert 'import { noticeText } from "./roi-notices.js"' in pages[name]
