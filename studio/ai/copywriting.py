"""Rule-based copy and text analysis, offline, in the product's language (English, Chinese).

No model: short patterns a seller's copywriter would use, filled from the product's own data
(title, price, discount, category). Nothing is claimed that the product data does not say.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from studio.product import ProductData

_CJK = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")

POSITIVE = {"love", "great", "best", "easy", "fresh", "perfect", "amazing", "fast", "new",
            "comfortable", "durable", "premium", "happy", "quality", "favorite", "recommend",
            "好", "棒", "喜欢", "方便", "新鲜", "舒适", "耐用", "推荐", "优质", "快", "满意"}
NEGATIVE = {"bad", "broken", "slow", "poor", "cheap", "hate", "worst", "leak", "leaks", "return",
            "refund", "disappointed", "差", "坏", "慢", "漏", "退货", "失望", "难用"}
STOPWORDS = {"the", "and", "for", "with", "you", "your", "this", "that", "are", "from", "our",
             "has", "have", "was", "its", "not", "but", "all", "can", "will", "just", "into"}
CLAIM_PATTERNS = [
    re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|percent|seconds?|secs?|minutes?|hours?|days?|x)\b", re.I),
    re.compile(r"\b(?:best|#1|number one|guaranteed?|clinically|proven|cures?|100%)\b", re.I),
    re.compile(r"(?:最|第一|100%|保证|治疗|根治|\d+\s?(?:秒|分钟|小时|天|倍))"),
]


def detect_language(text: str) -> str:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return "en"
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    if len(_CJK.findall(text)) / len(letters) > 0.2:
        return "zh"
    return "en"


def product_language(product: ProductData) -> str:
    declared = str(product.attributes.get("language") or "")
    return declared or detect_language(f"{product.title} {product.description}")


def sentiment(text: str) -> float:
    lowered = text.lower()
    words = set(_WORD.findall(lowered))
    pos = len(words & POSITIVE) + sum(lowered.count(w) for w in POSITIVE if _CJK.match(w))
    neg = len(words & NEGATIVE) + sum(lowered.count(w) for w in NEGATIVE if _CJK.match(w))
    if pos + neg == 0:
        return 0.0
    return round((pos - neg) / (pos + neg), 3)


def keywords(text: str, limit: int = 8) -> list[str]:
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text.lower()):
        if word not in STOPWORDS:
            counts[word] += 1
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", text):  # Chinese: frequent 2-character terms
        for i in range(len(run) - 1):
            counts[run[i : i + 2]] += 1
    return [word for word, _ in counts.most_common(limit)]


def claims(text: str) -> list[str]:
    found: list[str] = []
    for sentence in re.split(r"(?<=[.!?。！？])\s*", text):
        if sentence.strip() and any(p.search(sentence) for p in CLAIM_PATTERNS):
            found.append(sentence.strip())
    return found[:10]


def _discount(product: ProductData) -> int | None:
    if product.compare_at_price and product.compare_at_price > product.price > 0:
        return int((1 - product.price / product.compare_at_price) * 100)
    return None


def _money(amount: Decimal, currency: str) -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥"}.get(currency)
    text = f"{amount:.2f}".rstrip("0").rstrip(".") if amount % 1 else f"{amount:.0f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def copy_for(product: ProductData, language: str) -> tuple[list[str], list[str], str]:
    """(hooks, captions, cta) for ``product`` in ``language`` (zh* → Chinese, else English)."""
    price = _money(product.price, product.currency)
    off = _discount(product)
    title = product.title.strip()
    short = title if len(title) <= 28 else title[:27] + "…"
    first_line = (product.description.split(".")[0].split("。")[0]).strip()[:120]
    if language.lower().startswith("zh"):
        hooks = [f"还在找{short}？", f"{short}，只要{price}", "这个细节太懂我了"]
        if off:
            hooks.insert(0, f"立减{off}%！")
        deal = f"{short} 现价{price}" + (f"，省{off}%" if off else "")
        captions = [c for c in (first_line, deal) if c]
        return hooks[:5], captions, "立即抢购"
    hooks = [f"Still looking for a {short.lower()}?", f"{short} for just {price}",
             "You need to see this"]
    if off:
        was = _money(product.compare_at_price or product.price, product.currency)
        hooks.insert(0, f"{off}% off: {price} instead of {was}")
    deal = f"{short} — now {price}" + (f", save {off}%" if off else "")
    captions = [c for c in (first_line, deal) if c]
    return hooks[:5], captions, "Shop now"
