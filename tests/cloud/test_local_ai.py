"""The offline AI service measures real videos made here with ffmpeg, and writes copy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from plugins.local_ai import LocalAIService
from studio.contracts import PromptContext, VideoInput
from studio.testing import sample_product, sample_video

local = LocalAIService()


def make(tmp_path: Path, name: str, video: str, audio: str | None = None,
         vf: str | None = None) -> Path:
    out = tmp_path / f"{name}.mp4"
    args = ["ffmpeg", "-y", "-v", "error", "-f", "lavfi", "-i", video]
    if audio:
        args += ["-f", "lavfi", "-i", audio, "-shortest"]
    if vf:
        args += ["-vf", vf]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(out)]
    subprocess.run(args, check=True, capture_output=True)
    return out


def analyze(path: Path, language: str = "en"):  # type: ignore[no-untyped-def]
    return local.analyze_video(VideoInput(path=path, language=language))


def test_scene_cuts_are_counted(tmp_path: Path) -> None:
    three_shots = make(tmp_path, "shots", "color=c=red:s=180x320:d=1.5,format=yuv420p[a];"
                       "color=c=green:s=180x320:d=1.5[b];color=c=blue:s=180x320:d=1.5[c];"
                       "[a][b][c]concat=n=3", None)
    assert analyze(three_shots).scene_cuts == 2
    assert analyze(make(tmp_path, "one", "color=c=red:s=180x320:d=3")).scene_cuts == 0


def test_motion_brightness_and_contrast(tmp_path: Path) -> None:
    still_black = analyze(make(tmp_path, "black", "color=c=black:s=180x320:d=3"))
    still_white = analyze(make(tmp_path, "white", "color=c=white:s=180x320:d=3"))
    moving = analyze(sample_video(seconds=3))
    assert still_black.motion_first_3s == 0 and moving.motion_first_3s > 0.005
    assert still_black.brightness < 0.1 < 0.9 < still_white.brightness
    assert still_white.contrast < 0.01 < moving.contrast
    assert moving.hook_strength > still_black.hook_strength
    assert any("barely move" in tip for tip in still_black.suggestions)


def test_loudness_in_lufs_follows_the_level(tmp_path: Path) -> None:
    video = "color=c=gray:s=160x284:d=4"
    loud = analyze(make(tmp_path, "loud", video, "sine=f=440:d=4,volume=0.5"))
    quiet = analyze(make(tmp_path, "quiet", video, "sine=f=440:d=4,volume=0.25"))
    silent = analyze(make(tmp_path, "silent", video))
    assert loud.loudness_lufs is not None and quiet.loudness_lufs is not None
    assert loud.loudness_lufs - quiet.loudness_lufs == pytest.approx(6.0, abs=0.5)  # half = -6 dB
    assert silent.loudness_lufs is None
    assert any("No audio" in tip for tip in silent.suggestions)


def test_text_in_the_bottom_band_is_flagged(tmp_path: Path) -> None:
    base = "color=c=0x336699:s=360x640:d=2"
    text = "drawtext=text='SALE 50 OFF NOW':fontsize=40:fontcolor=white:x=20:y={y}"
    bottom = analyze(make(tmp_path, "bottom", base, vf=text.format(y="h-90")))
    middle = analyze(make(tmp_path, "middle", base, vf=text.format(y="h/2")))
    assert not bottom.text_in_safe_zone
    assert middle.text_in_safe_zone


def test_duration_fit_per_platform(tmp_path: Path) -> None:
    short = analyze(sample_video(seconds=2))
    assert short.platform_fit["tiktok"] is False and short.platform_fit["meta_feed"] is True
    assert any("tiktok" in tip for tip in short.suggestions)


def test_chinese_product_gets_chinese_copy_from_its_own_data() -> None:
    product = sample_product("zh")
    copy = local.generate_copy(product)
    assert copy.language == "zh" and copy.cta == "立即抢购"
    assert copy.hooks[0] == "立减35%！"  # 129 instead of 199
    assert any("便携式榨汁杯" in h for h in copy.hooks)
    assert any("¥129" in c for c in copy.captions)


def test_english_copy_and_text_analysis() -> None:
    product = sample_product()
    copy = local.generate_copy(product)
    assert copy.language == "en" and copy.cta == "Shop now"
    assert copy.hooks[0] == "33% off: $39.99 instead of $59.99"
    text = local.analyze_text("The best blender ever! Fresh smoothies in 30 seconds. Love it.")
    assert text.language == "en" and text.sentiment > 0
    assert "blender" in text.keywords
    assert len(text.claims_to_check) == 2


def test_chinese_text_analysis() -> None:
    text = local.analyze_text("这款榨汁杯太方便了，30秒出汁，最好用的榨汁杯！")
    assert text.language == "zh" and text.sentiment > 0
    assert "榨汁" in text.keywords
    assert text.claims_to_check


def test_prompt_uses_category_and_past_winner() -> None:
    prompt = local.generate_prompt(PromptContext(product=sample_product(),
                                                 past_winners=["handheld, golden hour"]))
    assert "kitchen counter" in prompt.prompt and "golden hour" in prompt.prompt
