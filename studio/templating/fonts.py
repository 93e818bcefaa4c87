"""Fonts the setup installs, and which one draws each character.

Latin, Greek, Cyrillic, Arabic, Hebrew: DejaVu Sans/Serif. Chinese/Japanese/Korean: Noto Sans
CJK (the SC face, so simplified Chinese gets its own glyph shapes). Emoji: Noto Color Emoji, a
CBDT bitmap font that only loads at size 109, so emoji are drawn at 109 and scaled.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont, features

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
EMOJI_FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
EMOJI_NATIVE_SIZE = 109
CJK_SC_INDEX = 2  # face order in NotoSansCJK-*.ttc: JP, KR, SC, TC, HK

# Pillow's raqm layout shapes Arabic and reorders right-to-left text; without it Pillow's
# basic layout draws characters in logical order, so text.py reverses RTL runs itself.
HAS_RAQM = features.check("raqm")
LAYOUT = ImageFont.Layout.RAQM if HAS_RAQM else ImageFont.Layout.BASIC


class FontMissing(RuntimeError):
    pass


# The fonts a seller can pick for their brand (every text of a video is drawn with it): a
# Latin face with the CJK face that matches it. The setup installs all of them.
FAMILIES = {
    "sans": "DejaVu Sans + Noto Sans CJK SC",
    "serif": "DejaVu Serif + Noto Serif CJK SC",
    "condensed": "DejaVu Sans Condensed + Noto Sans CJK SC",
}


def _main_path(family: str, bold: bool) -> Path:
    name = {
        ("sans", False): "DejaVuSans.ttf",
        ("sans", True): "DejaVuSans-Bold.ttf",
        ("serif", False): "DejaVuSerif.ttf",
        ("serif", True): "DejaVuSerif-Bold.ttf",
        ("condensed", False): "DejaVuSansCondensed.ttf",
        ("condensed", True): "DejaVuSansCondensed-Bold.ttf",
    }[(family, bold)]
    path = DEJAVU / name
    if not path.exists():
        raise FontMissing(f"font {path} is missing: install fonts-dejavu-core")
    return path


@lru_cache(maxsize=256)
def main_font(family: str, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_main_path(family, bold)), size, layout_engine=LAYOUT)


@lru_cache(maxsize=256)
def cjk_font(bold: bool, size: int, family: str = "sans") -> ImageFont.FreeTypeFont:
    face = "NotoSerifCJK" if family == "serif" else "NotoSansCJK"
    path = NOTO_CJK / f"{face}-{'Bold' if bold else 'Regular'}.ttc"
    if not path.exists():
        raise FontMissing(f"font {path} is missing: install fonts-noto-cjk")
    return ImageFont.truetype(str(path), size, index=CJK_SC_INDEX, layout_engine=LAYOUT)


@lru_cache(maxsize=1)
def emoji_font() -> ImageFont.FreeTypeFont | None:
    if not EMOJI_FONT.exists():
        return None
    return ImageFont.truetype(str(EMOJI_FONT), EMOJI_NATIVE_SIZE, layout_engine=LAYOUT)


def is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or 0x2B00 <= cp <= 0x2BFF
        or 0x1F1E6 <= cp <= 0x1F1FF
        or 0xE0020 <= cp <= 0xE007F
        or cp in (0x200D, 0xFE0F, 0x20E3, 0x231A, 0x231B, 0x23F0, 0x23F3)
    )


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF  # radicals, kana, CJK unified, punctuation, Hangul compat
        or 0xAC00 <= cp <= 0xD7AF  # Hangul syllables
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x20000 <= cp <= 0x3FFFF
    )


def is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


@lru_cache(maxsize=8192)
def has_glyph(family: str, bold: bool, ch: str) -> bool:
    """Whether the main font draws ``ch`` (compared with its .notdef box)."""
    if ch.isspace():
        return True
    font = main_font(family, bold, 32)
    notdef = font.getmask("\U0010fffd")
    mask = font.getmask(ch)
    return not (mask.size == notdef.size and bytes(mask) == bytes(notdef))


def font_kind(ch: str, family: str, bold: bool) -> str:
    """``emoji``, ``cjk`` or ``main``: which font draws this character."""
    if is_emoji(ch) and emoji_font() is not None:
        return "emoji"
    if is_cjk(ch) or not has_glyph(family, bold, ch):
        return "cjk"
    return "main"
