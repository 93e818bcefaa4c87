"""What the studio asks a language model, per operation. Shared by gemini, openai and claude
so their answers are comparable; the JSON schema is sent separately as structured output."""

from __future__ import annotations

from studio.contracts import PromptContext, VideoInput
from studio.product import ProductData

SYSTEM = (
    "You are a performance-marketing video analyst for e-commerce sellers. Answer ONLY with a "
    "JSON object matching the given schema; no prose, no markdown."
)

PLATFORM_LIMITS = "TikTok 9-60 s ideal 15-30 s; Reels up to 90 s; Shorts up to 60 s; Meta feed 15 s"


def product_facts(product: ProductData | None) -> str:
    if product is None:
        return "No product data."
    price = f"{product.price} {product.currency}"
    if product.compare_at_price and product.compare_at_price > product.price:
        price += f" (was {product.compare_at_price})"
    return (f"Product: {product.title}\nCategory: {product.category or 'n/a'}\nPrice: {price}\n"
            f"Description: {product.description[:800]}")


def analyze_video(video: VideoInput, frames: int | None = None) -> str:
    seen = f"{frames} frames sampled evenly from the video" if frames else "the attached video"
    return (
        f"Analyse {seen} as a short-form product ad ({video.aspect_ratio or 'unknown ratio'}).\n"
        f"{product_facts(video.product)}\n"
        "Fill: summary (one sentence), hook_strength 0..1 (would the first 3 s stop a scroll?), "
        "scene_cuts (count), motion_first_3s (0 = static, 1 = very dynamic), brightness 0..1, "
        "contrast (RMS contrast 0..1), loudness_lufs (null if you cannot tell), "
        "text_in_safe_zone (no text in the top 10 % / bottom 20 % UI zones), platform_fit "
        f"(tiktok, reels, shorts, meta_feed -> bool; limits: {PLATFORM_LIMITS}), suggestions "
        f"(max 5, in language '{video.language}')."
    )


def generate_prompt(context: PromptContext) -> str:
    winners = "\n".join(f"- {w}" for w in context.past_winners[:10]) or "- none yet"
    return (
        "Write ONE prompt for an AI video generator (Sora/Veo/Seedance) for a "
        f"{context.duration:g} s {context.aspect_ratio} product clip"
        f"{' for template ' + context.template_id if context.template_id else ''}. The product "
        "photo is the first frame, so describe camera motion, light and setting, not the "
        f"product's look. Keep it under 80 words.\n{product_facts(context.product)}\n"
        f"Prompts of past winning videos:\n{winners}\n"
        "Fill: prompt, negative_prompt (what to avoid), rationale (one sentence)."
    )


def analyze_text(text: str) -> str:
    return (
        "Analyse this product/ad text. Fill: language (BCP-47 code such as en or zh-CN), "
        "sentiment -1..1, keywords (max 8), claims_to_check (statements that need proof, such "
        f"as numbers, 'best', health claims).\nText:\n{text[:6000]}"
    )


def generate_copy(product: ProductData, language: str, platform: str) -> str:
    return (
        f"Write ad copy for {platform} in language '{language}' (write in that language). "
        "Fill: language, hooks (3-5 scroll-stopping first lines, max 60 characters each), "
        "captions (2-3, max 150 characters), cta (max 20 characters). No claims the product "
        f"data does not support.\n{product_facts(product)}"
    )
