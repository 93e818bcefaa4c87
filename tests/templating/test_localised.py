"""Localised videos: every built-in template speaks English and Simplified Chinese.

A Chinese product's video shows the template's own words in Chinese and its price in yuan
(``¥499``, never ``$499``); an English product's video is word for word what it was. These
tests read the texts the resolver drew (each is a PNG in the plan) and the prices on the
badges. To look at the frames themselves: ``render_template(registry.get(id), chinese_shoe(),
"9:16", out, work_dir=tmp, still_at=seconds)`` for each template.
"""

from __future__ import annotations

import re

import pytest

from studio.product import ProductData
from studio.templating import BUILTIN_DIR, RenderStyle, resolve_template
from studio.templating.merge import format_money
from studio.templating.thumbnails import SAMPLES
from studio.templating.words import GLOSSARY_ZH, video_language

from .test_resolve import quick_voice  # noqa: F401  (a silent voice-over: no espeak-ng here)

TEMPLATES = sorted(p.parent.name for p in BUILTIN_DIR.glob("*/template.yaml"))

# what a Chinese seller sees in each template's video (besides the title)
CHINESE = {
    "showcase": {"立即购买"},
    "price-drop": {"限时直降", "今天就入手", "售完即止"},
    "feature-list": {"你会爱上它的理由", "经久耐用", "满¥50包邮", "立即下单"},
    "comparison": {"颜值在线", "实力耐用", "✅ 精选材质", "✅ 24 小时内发货", "✅ 30 天无忧退货",
                   "❌ 普通款：¥699", "✅ ¥499", "今天就换"},
    "clip-hero": {"了解更多", "¥499 · -29%"},
    "ugc-captions": {"被种草了，必须买 😍", "链接在下方 👇", "¥499"},
}
# the same videos of an English product, as they always read
ENGLISH = {
    "showcase": {"Shop now"},
    "price-drop": {"PRICE DROP", "Grab yours today", "While stocks last"},
    "feature-list": {"Why you'll love it", "Made to last", "Free shipping over $50", "Order now"},
    "comparison": {"Looks great", "Works hard", "✅ Premium materials", "✅ Ships in 24 hours",
                   "✅ 30-day free returns", "❌ The usual: $49.99", "Switch today"},
    "clip-hero": {"Discover more"},
    "ugc-captions": {"TikTok made me buy it 😍", "Link below 👇"},
}


def chinese_shoe() -> ProductData:
    return ProductData(
        title="轻量透气跑步鞋", description="网面鞋身，轻盈透气。适合日常跑步和健走。",
        price="499", compare_at_price="699", currency="CNY", category="运动鞋",
        images=[str(SAMPLES / "photos" / "trail-running-sneaker.jpg"),
                str(SAMPLES / "photos" / "trail-running-sneaker-2.jpg")])


def english_desk() -> ProductData:
    return ProductData(
        title="Bamboo Desk Organizer", description="Keeps pens and notes in one place.",
        price="34.99", compare_at_price="49.99", currency="USD",
        images=[str(SAMPLES / "photos" / "bamboo-desk-organizer.jpg"),
                str(SAMPLES / "photos" / "bamboo-desk-organizer-2.jpg")])


def _english_words(template) -> set[str]:
    """Every English entry of the template's own words, defaults and options."""
    texts = template.texts
    found = {e["en"] for e in [*texts.words.values(), *texts.defaults.values()] if "en" in e}
    found |= {option for options in texts.choices.values() for option in options}
    return {w for w in found if "{{" not in w and len(w) > 2}


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_chinese_products_video_shows_chinese_words_and_yuan(registry, tmp_path,
                                                               template_id):
    template = registry.get(template_id)
    video = resolve_template(template, chinese_shoe(), "9:16", work_dir=tmp_path)
    drawn = set(video.texts.values())
    assert video.language == "zh"
    assert CHINESE[template_id] <= drawn, sorted(drawn)
    assert "轻量透气跑步鞋" in " ".join(drawn) or template_id == "ugc-captions"
    leftovers = {word for word in _english_words(template) for text in drawn if word in text}
    assert not leftovers, f"English template words in a Chinese video: {leftovers}"
    prices = set(video.prices.values())
    assert prices <= {"¥499"}, prices
    everything = " ".join([*drawn, *prices])
    assert "$" not in everything and "USD" not in everything
    assert "¥499" in everything


def test_the_voice_over_and_its_captions_speak_chinese(registry, tmp_path):
    video = resolve_template(registry.get("ugc-captions"), chinese_shoe(), "9:16",
                             work_dir=tmp_path)
    captions = "".join(video.texts[o.image.name] for o in video.plan.overlays)
    assert "我一定要给你们看看这个" in captions and "现在只要¥499" in captions
    assert "Okay" not in captions and "only" not in captions


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_an_english_products_video_reads_as_it_always_did(registry, tmp_path, template_id):
    video = resolve_template(registry.get(template_id), english_desk(), "9:16",
                             work_dir=tmp_path)
    assert video.language == "en"
    assert ENGLISH[template_id] <= set(video.texts.values()), sorted(video.texts.values())
    assert set(video.prices.values()) <= {"$34.99"}
    assert not re.search(r"[\u4e00-\u9fff]", " ".join(video.texts.values()))


def test_the_asked_language_wins_and_the_price_keeps_its_currency(registry, tmp_path):
    """A Chinese product in an English video: English words, the price still in yuan."""
    video = resolve_template(registry.get("price-drop"), chinese_shoe(), "9:16",
                             work_dir=tmp_path, style=RenderStyle(language="en"))
    drawn = set(video.texts.values())
    assert {"PRICE DROP", "Grab yours today"} <= drawn
    assert set(video.prices.values()) == {"¥499"}


def test_which_language_a_video_speaks():
    shoe, desk = chinese_shoe(), english_desk()
    assert video_language(shoe) == "zh" and video_language(desk) == "en"
    assert video_language(desk, default="zh") == "zh"  # the brand kit's default
    assert video_language(shoe, requested="en", default="zh") == "en"  # the request's
    tagged = desk.model_copy(update={"attributes": {"language": "zh-CN"}})
    assert video_language(tagged, default="en") == "zh"  # the product's own beats the kit's


def test_the_brand_call_to_action_is_used_in_its_own_language(registry, tmp_path):
    style = RenderStyle(call_to_action={"zh": "马上抢购"})
    zh = resolve_template(registry.get("showcase"), chinese_shoe(), "9:16",
                          work_dir=tmp_path / "zh", style=style)
    en = resolve_template(registry.get("showcase"), english_desk(), "9:16",
                          work_dir=tmp_path / "en", style=style)
    assert "马上抢购" in zh.texts.values() and "立即购买" not in zh.texts.values()
    assert "Shop now" in en.texts.values()  # no English call to action in the kit


@pytest.mark.parametrize(("amount", "currency", "locale", "expected"), [
    ("499", "CNY", "zh", "¥499"),
    ("499", "CNY", None, "¥499"),
    ("19.99", "USD", None, "$19.99"),
    ("19.99", "USD", "zh", "US$19.99"),
    ("49.99", "EUR", "en", "€49.99"),
    ("49.99", "EUR", "de", "49,99 €"),
    ("1234.5", "EUR", "nl", "€ 1.234,50"),
    ("24", "GBP", "en", "£24"),
])
def test_prices_are_in_the_products_currency_as_the_language_writes_them(
        amount, currency, locale, expected):
    assert format_money(amount, currency, locale=locale) == expected


def test_a_default_with_an_amount_is_in_the_products_currency(registry, tmp_path):
    """Not "$50" on a pound product: the amount takes the product's currency."""
    tote = english_desk().model_copy(update={"currency": "GBP"})
    video = resolve_template(registry.get("feature-list"), tote, "9:16", work_dir=tmp_path)
    assert "Free shipping over £50" in video.texts.values()


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_every_word_a_template_says_itself_exists_in_both_languages(registry, template_id):
    template = registry.get(template_id)
    spec, texts = template.spec, template.texts
    for what in ("name", "style", "description"):
        assert texts.model_dump()[what].get("zh"), f"{template_id}: no Chinese {what}"
        assert texts.model_dump()[what]["en"].split() == str(getattr(spec, what)).split()
    sources = [layer.text for scene in spec.scenes for layer in scene.layers
               if layer.type in ("text", "button")]  # type: ignore[union-attr]
    sources += [spec.voiceover.script] if spec.voiceover else []
    for source in sources:  # words in the template's own text come from texts.yaml
        literal = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", source)
        assert not re.search(r"[A-Za-z\u4e00-\u9fff]", literal), f"{template_id}: {source!r}"
    for key, entry in texts.words.items():
        assert entry.get("en") and entry.get("zh"), f"{template_id}: word {key}"
    for name, field in spec.fields.items():
        if field.type == "text" and field.default:
            entry = texts.defaults.get(name, {})
            assert entry.get("en") == field.default and entry.get("zh"), f"{template_id}.{name}"
        for option in field.options:
            assert texts.choices[name][option].get("zh"), f"{template_id}.{name}: {option}"
        own = texts.labels.get(name, {}).get("zh")
        assert own or field.label in GLOSSARY_ZH, f"{template_id}.{name}: label in Chinese"
