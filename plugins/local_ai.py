"""The offline AI service: measured video features and rule-based copy. No key, no network.

``analyze_video`` measures (scene cuts, motion in the first 3 s, brightness/contrast, text in
the platform's unsafe zones — approximate, loudness in LUFS, duration fit per platform) and
turns the measurements into a hook score and suggestions by plain rules, shown in the
analysis summary. ``generate_copy`` writes hooks/captions/CTA in the product's language
(English and Chinese), using only what the product data says.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio import hookimpl
from studio.ai import copywriting
from studio.contracts import (
    AdCopy,
    Configuration,
    GeneratedPrompt,
    PluginError,
    PromptContext,
    TextAnalysis,
    VideoAnalysis,
    VideoInput,
)
from studio.product import ProductData

if TYPE_CHECKING:  # the measuring (numpy, ffmpeg) is loaded when a video is analysed
    from studio.ai.features import Measured

__version__ = "0.1.0"

TARGET_LUFS = -14.0  # where TikTok/Reels/YouTube normalise playback

CAMERA_BY_CATEGORY = {
    "kitchen": "slow dolly-in on a bright kitchen counter, morning window light",
    "beauty": "soft macro glide over the product on a marble vanity, diffused light",
    "fashion": "smooth orbit around the item on a minimal studio set, warm key light",
    "electronics": "slow turntable rotation on a dark desk, crisp rim light",
}
DEFAULT_CAMERA = "slow push-in with a gentle parallax, clean studio light, shallow depth of field"


def hook_strength(m: Measured) -> float:
    """Rule: motion early (up to 0.4), a cut in the first 3 s (0.3), readable contrast (0.3)."""
    motion = min(m.motion_first_3s / 0.08, 1.0) * 0.4
    early_cut = 0.3 if any(t <= 3.0 for t in m.cut_times) else 0.0
    contrast = min(m.contrast / 0.2, 1.0) * 0.3
    return round(min(motion + early_cut + contrast, 1.0), 3)


def suggestions(m: Measured, language: str) -> list[str]:
    zh = language.lower().startswith("zh")
    tips: list[str] = []
    if m.motion_first_3s < 0.02 and not any(t <= 3.0 for t in m.cut_times):
        tips.append("前3秒画面几乎静止：加入镜头运动或切镜" if zh
                    else "The first 3 s barely move: add camera motion or a cut")
    if m.brightness < 0.3:
        tips.append("画面偏暗：提高亮度" if zh else "The video is dark: brighten it")
    if m.loudness_lufs is not None and abs(m.loudness_lufs - TARGET_LUFS) > 4:
        tips.append(f"响度 {m.loudness_lufs:.0f} LUFS，建议约 {TARGET_LUFS:.0f} LUFS" if zh else
                    f"Loudness is {m.loudness_lufs:.0f} LUFS; platforms play near "
                    f"{TARGET_LUFS:.0f} LUFS")
    if m.loudness_lufs is None:
        tips.append("没有声音：加入音乐或配音" if zh else "No audio: add music or a voice-over")
    if m.text_outside_safe_zone:
        tips.append("文字可能被平台按钮遮挡：移到安全区内" if zh
                    else "Text may sit under platform buttons: keep it inside the safe zone")
    for platform, fits in m.platform_fit.items():
        if not fits:
            from studio.ai.features import PLATFORM_DURATIONS

            low, high = PLATFORM_DURATIONS[platform]
            tips.append(f"{platform} 时长建议 {low:g}–{high:g} 秒" if zh
                        else f"For {platform}, aim for {low:g}–{high:g} s")
    return tips[:5]


class LocalAIService:
    name = "local"
    version = __version__

    def configuration(self) -> Configuration:
        return Configuration(configured=True)

    def analyze_video(self, video: VideoInput) -> VideoAnalysis:
        if not Path(video.path).is_file():
            raise PluginError(f"video file {video.path} does not exist")
        from studio.ai.features import measure

        m = measure(Path(video.path))
        summary = (
            f"{m.duration:.1f} s, {m.width}x{m.height}, {m.scene_cuts} scene cuts, motion in the "
            f"first 3 s {m.motion_first_3s:.3f}, brightness {m.brightness:.2f}, contrast "
            f"{m.contrast:.2f}, loudness "
            + (f"{m.loudness_lufs:.1f} LUFS" if m.loudness_lufs is not None else "n/a (no audio)")
            + ". Measured locally; hook strength is a rule of thumb."
        )
        return VideoAnalysis(
            summary=summary, hook_strength=hook_strength(m), scene_cuts=m.scene_cuts,
            motion_first_3s=m.motion_first_3s, brightness=min(max(m.brightness, 0.0), 1.0),
            contrast=m.contrast, loudness_lufs=m.loudness_lufs,
            text_in_safe_zone=not m.text_outside_safe_zone, platform_fit=m.platform_fit,
            suggestions=suggestions(m, video.language),
        )

    def generate_prompt(self, context: PromptContext) -> GeneratedPrompt:
        product = context.product
        camera = CAMERA_BY_CATEGORY.get(product.category.strip().lower(), DEFAULT_CAMERA)
        prompt = (f"{product.title}: {camera}. {context.duration:g} seconds, "
                  f"{context.aspect_ratio} framing, the product stays centred and sharp.")
        rationale = "Camera move chosen by product category."
        if context.past_winners:
            prompt += f" In the style of: {context.past_winners[0][:200]}"
            rationale += " Styled after the best past winner."
        return GeneratedPrompt(prompt=prompt, negative_prompt="text, watermark, logo, "
                               "distorted product, extra hands", rationale=rationale)

    def analyze_text(self, text: str) -> TextAnalysis:
        return TextAnalysis(language=copywriting.detect_language(text),
                            sentiment=copywriting.sentiment(text),
                            keywords=copywriting.keywords(text),
                            claims_to_check=copywriting.claims(text))

    def generate_copy(self, product: ProductData, *, language: str | None = None,
                      platform: str = "tiktok") -> AdCopy:
        language = language or copywriting.product_language(product)
        hooks, captions, cta = copywriting.copy_for(product, language)
        return AdCopy(language=language, hooks=hooks, captions=captions, cta=cta)


@hookimpl
def register_analyzers(register: Any) -> None:
    register(LocalAIService())
