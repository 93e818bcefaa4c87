"""Voice-over: espeak-ng through a file, phrases for captions, timing by measured duration."""

from __future__ import annotations

import pytest

from studio.templating import speech


def test_phrases_split_at_punctuation_but_not_inside_numbers():
    phrases = speech.split_phrases("And it's only $34.99. Link below!", max_words=4)
    assert phrases == ["And it's only $34.99.", "Link below!"]
    chinese = speech.split_phrases("保温12小时，保冷24小时。", max_words=3)
    assert chinese == ["保温12小时，", "保冷24小时。"]


def test_captions_cover_the_speech_in_proportion_to_length():
    captions = speech.time_captions(["Hi.", "A much longer phrase here."], start=0.5, duration=4.0)
    assert captions[0].start == 0.5 and captions[-1].end == pytest.approx(4.5)
    first, second = (c.end - c.start for c in captions)
    assert second > 2 * first


@pytest.mark.skipif(not speech.shutil.which("espeak-ng"), reason="espeak-ng not installed")
def test_espeak_speaks_text_that_looks_like_options(tmp_path):
    wav = speech.espeak_synthesize("--help -w /etc/passwd; rm -rf / $(id)", "en-us", 170,
                                   tmp_path / "v.wav")
    assert speech.wav_duration(wav) > 1.0  # spoken as words, not taken as options
    assert (tmp_path / "v.wav").stat().st_size > 10_000


def test_voice_follows_the_script_language():
    assert speech.default_voice("Only $18") == "en-us"
    assert speech.default_voice("现在只要¥199") == "cmn"
    assert speech.default_voice("今だけ") == "ja"
